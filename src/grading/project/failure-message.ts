/**
 * The one text a learner reads when a check fails, for Hurl entries and TypeScript checks
 * alike: which stage, what went wrong, the request we sent, what we expected, what came
 * back, how the app ended if it did, and the end of its log. Everything needed to reproduce
 * the failure with curl, nothing more.
 */
import type { StageRequest, StageResponse } from "./stage-api.js";

const BODY_EXCERPT_CHARS = 800;
const LOG_LINES = 20;
/** Headers that only make the excerpt longer. */
const BORING_HEADERS = new Set(["date", "server", "connection", "keep-alive", "content-length", "vary", "host", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "x-frame-options"]);

/** A request as shown: the body already made into text. */
export interface ShownRequest {
  method: string;
  /** Path and query. */
  target: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
}

export interface ShownResponse {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
}

export interface FailureParts {
  stage: { n: number; title: string };
  message: string;
  request?: ShownRequest;
  expected?: string;
  response?: ShownResponse;
  /** How the app stopped, when it stopped on its own. */
  appExited?: string;
  logTail?: string;
}

export function formatFailure(parts: FailureParts): string {
  const out: string[] = [`Stage ${parts.stage.n} (${parts.stage.title}): ${parts.message}`];
  if (parts.request) out.push("", "Request sent:", indent(formatRequest(parts.request)));
  if (parts.expected) out.push("", `Expected: ${parts.expected}`);
  if (parts.response) out.push("", "Response:", indent(formatResponse(parts.response)));
  else if (parts.request) out.push("", "Response: none");
  if (parts.appExited !== undefined) out.push("", `The app has stopped: ${parts.appExited}.`);
  const log = parts.logTail?.split("\n").slice(-LOG_LINES).join("\n").trimEnd();
  if (log) out.push("", "App log (last lines):", indent(log));
  return out.join("\n");
}

function formatRequest(req: ShownRequest): string {
  const lines = [`${req.method.toUpperCase()} ${req.target}`];
  for (const [name, value] of req.headers) if (!["host", "content-length"].includes(name.toLowerCase())) lines.push(`${name}: ${value}`);
  if (req.body !== undefined && req.body !== "") lines.push("", excerpt(req.body));
  return lines.join("\n");
}

function formatResponse(res: ShownResponse): string {
  const lines = [`HTTP ${res.status}`];
  for (const [name, value] of res.headers) if (!BORING_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${value}`);
  if (res.body !== undefined && res.body !== "") lines.push("", excerpt(res.body));
  return lines.join("\n");
}

/** A stage's request as shown: its body as the stage wrote it. */
export function shownStageRequest(req: StageRequest): ShownRequest {
  const headers: Array<[string, string]> = Object.entries(req.headers ?? {});
  const has = (name: string): boolean => headers.some(([key]) => key.toLowerCase() === name);
  let body: string | undefined;
  if (req.json !== undefined) {
    if (!has("content-type")) headers.push(["Content-Type", "application/json"]);
    body = JSON.stringify(req.json, null, 2);
  } else if (req.form !== undefined) {
    if (!has("content-type")) headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
    body = new URLSearchParams(req.form).toString();
  } else if (req.multipart !== undefined) {
    headers.push(["Content-Type", "multipart/form-data"]);
    body = req.multipart.map((part) => (part.filename === undefined ? `${part.name}=${part.value ?? ""}` : `${part.name}: file ${part.filename} (${part.data?.length ?? part.value?.length ?? 0} bytes)`)).join("\n");
  } else if (req.body !== undefined) {
    body = typeof req.body === "string" ? req.body : printable(req.body);
  }
  // What was sent: stage-context adds this header for onContinue.
  if (req.onContinue !== undefined && !has("expect")) headers.push(["Expect", "100-continue"]);
  const shown: ShownRequest = { method: req.method, target: req.path, headers };
  if (body !== undefined) shown.body = body;
  return shown;
}

export function shownStageResponse(res: StageResponse): ShownResponse {
  return { status: res.status, headers: Object.entries(res.headers), body: res.body.length > 0 ? printable(res.body) : "" };
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
