/**
 * The text a learner reads when a check fails: which stage, what went wrong, the request we
 * sent, what we expected, what came back, and the end of the app's log. Everything needed
 * to reproduce the failure with curl, nothing more.
 */
import type { StageRequest, StageResponse } from "./stage-api.js";

const BODY_EXCERPT_CHARS = 800;
const LOG_LINES = 20;
/** Headers that only make the excerpt longer. */
const BORING_HEADERS = new Set(["date", "server", "connection", "keep-alive", "content-length", "vary", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "x-frame-options"]);

export interface FailureParts {
  stage: { n: number; title: string };
  message: string;
  request?: StageRequest;
  expected?: string;
  response?: StageResponse;
  logTail?: string;
}

export function formatFailure(parts: FailureParts): string {
  const out: string[] = [`Stage ${parts.stage.n} (${parts.stage.title}): ${parts.message}`];
  if (parts.request) out.push("", "Request sent:", indent(formatRequest(parts.request)));
  if (parts.expected) out.push("", `Expected: ${parts.expected}`);
  if (parts.response) out.push("", "Response:", indent(formatResponse(parts.response)));
  else if (parts.request) out.push("", "Response: none");
  const log = parts.logTail?.split("\n").slice(-LOG_LINES).join("\n").trimEnd();
  if (log) out.push("", "App log (last lines):", indent(log));
  return out.join("\n");
}

export function formatRequest(req: StageRequest): string {
  const lines = [`${req.method.toUpperCase()} ${req.path}`];
  for (const [name, value] of Object.entries(req.headers ?? {})) lines.push(`${name}: ${value}`);
  if (req.json !== undefined) lines.push("Content-Type: application/json", "", excerpt(JSON.stringify(req.json, null, 2)));
  else if (req.form !== undefined) lines.push("Content-Type: application/x-www-form-urlencoded", "", excerpt(new URLSearchParams(req.form).toString()));
  else if (req.multipart !== undefined) {
    lines.push("Content-Type: multipart/form-data", "");
    for (const part of req.multipart) {
      lines.push(part.filename === undefined ? `${part.name}=${part.value ?? ""}` : `${part.name}: file ${part.filename} (${part.data?.length ?? part.value?.length ?? 0} bytes)`);
    }
  } else if (req.body !== undefined) lines.push("", excerpt(typeof req.body === "string" ? req.body : printable(req.body)));
  return lines.join("\n");
}

export function formatResponse(res: StageResponse): string {
  const lines = [`HTTP ${res.status}`];
  for (const [name, value] of Object.entries(res.headers)) {
    if (!BORING_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  }
  if (res.body.length > 0) lines.push("", excerpt(printable(res.body)));
  return lines.join("\n");
}

function printable(body: Buffer): string {
  const text = body.subarray(0, BODY_EXCERPT_CHARS * 4).toString("utf8");
  // Binary bodies (an uploaded image) are summarised rather than dumped.
  const control = text.replace(/[\n\r\t]/g, "").match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return control > 8 ? `(${body.length} bytes of binary data)` : text;
}

function excerpt(text: string): string {
  return text.length <= BODY_EXCERPT_CHARS ? text : `${text.slice(0, BODY_EXCERPT_CHARS)}\n... (${text.length - BODY_EXCERPT_CHARS} more characters)`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n");
}
