/**
 * Parsing a request or response body: JSON written directly, ``` multiline strings (with an
 * optional json or xml hint), `oneline` strings, base64,...; hex,...; and file,...;.
 * A body may span several lines; the parser returns the index of the first line after it.
 */
import { isAbsolute, normalize, resolve, sep } from "node:path";
import { Cursor, TemplateBuilder, checkVariableName, parseTemplateText } from "./scan.js";
import type { HurlBody } from "./types.js";

export interface BodyContext {
  /** Throws a content error at a 1-based line. */
  fail(message: string, line: number): never;
  /** Folder of the Hurl file, for file, bodies. */
  dir: string;
}

/** True when a line starts a body rather than a header, a section or an assert. */
export function startsBody(line: string): boolean {
  const t = line.trimStart();
  if (t.startsWith("{") || t.startsWith("`") || t.startsWith("<")) return true;
  if (/^(base64|hex|file),/.test(t)) return true;
  // A JSON array, but not a [Section] header.
  return t.startsWith("[") && !/^\[[A-Za-z]+\]\s*(#.*)?$/.test(t);
}

export function parseBody(lines: string[], index: number, ctx: BodyContext): { body: HurlBody; next: number } {
  const first = lines[index] ?? "";
  const line = index + 1;
  const t = first.trimStart();
  if (t.startsWith("{") || t.startsWith("[")) return parseJsonBody(lines, index, ctx);
  if (t.startsWith("```")) return parseMultiline(lines, index, ctx);
  if (t.startsWith("`")) return { body: parseOneline(first, line, ctx), next: index + 1 };
  if (t.startsWith("<")) return ctx.fail("XML bodies are not supported; use a ``` multiline string and a Content-Type header", line);
  if (t.startsWith("base64,") || t.startsWith("hex,")) return parseBytes(lines, index, ctx);
  if (t.startsWith("file,")) return { body: parseFileBody(first, line, ctx), next: index + 1 };
  return ctx.fail(`cannot read a body from "${first.trim()}"`, line);
}

/**
 * Scans balanced braces and brackets across lines, skipping strings, and collects
 * {{placeholders}} (inside strings they are inserted JSON-escaped, outside as raw values).
 */
function parseJsonBody(lines: string[], index: number, ctx: BodyContext): { body: HurlBody; next: number } {
  const startLine = index + 1;
  const builder = new TemplateBuilder();
  const fail = (message: string): never => ctx.fail(message, startLine);
  let depth = 0;
  let inString = false;
  let i = index;
  let col = (lines[i] ?? "").length - (lines[i] ?? "").trimStart().length;
  let source = "";
  // A stand-in document with placeholders replaced, to check the JSON is well formed.
  let probe = "";
  for (;;) {
    const text = lines[i];
    if (text === undefined) return fail("a JSON body is not closed (missing } or ])");
    if (col >= text.length) {
      builder.text("\n");
      source += "\n";
      probe += "\n";
      i++;
      col = 0;
      continue;
    }
    const c = text[col] ?? "";
    if (text.startsWith("{{", col)) {
      const close = text.indexOf("}}", col + 2);
      if (close < 0) ctx.fail("a {{ is not closed by }}", i + 1);
      const name = checkVariableName(text.slice(col + 2, close).trim(), (m) => ctx.fail(m, i + 1));
      builder.variable(name, inString);
      source += text.slice(col, close + 2);
      probe += inString ? "x" : "0";
      col = close + 2;
      continue;
    }
    builder.text(c);
    source += c;
    probe += c;
    col++;
    if (inString) {
      if (c === "\\") {
        const next = text[col] ?? "";
        builder.text(next);
        source += next;
        probe += next;
        col++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) break;
    }
  }
  const rest = (lines[i] ?? "").slice(col).trim();
  if (rest !== "" && !rest.startsWith("#")) ctx.fail(`unexpected "${rest}" after the JSON body`, i + 1);
  try {
    JSON.parse(probe);
  } catch (error) {
    fail(`invalid JSON body: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { body: { kind: "json", text: builder.build(source), line: startLine }, next: i + 1 };
}

function parseMultiline(lines: string[], index: number, ctx: BodyContext): { body: HurlBody; next: number } {
  const line = index + 1;
  const opening = (lines[index] ?? "").trim();
  const afterFence = opening.slice(3);
  // ```text``` on one line.
  const closeOnSameLine = afterFence.indexOf("```");
  if (closeOnSameLine >= 0) {
    const rest = afterFence.slice(closeOnSameLine + 3).trim();
    if (rest !== "" && !rest.startsWith("#")) ctx.fail(`unexpected "${rest}" after the closing \`\`\``, line);
    const text = parseTemplateText(afterFence.slice(0, closeOnSameLine), (m) => ctx.fail(m, line));
    return { body: { kind: "text", text, line }, next: index + 1 };
  }
  const hint = afterFence.trim();
  let lang: "json" | "xml" | undefined;
  if (hint === "json" || hint === "xml") lang = hint;
  else if (hint !== "") ctx.fail(`the \`\`\`${hint} multiline string is not supported (use \`\`\`, \`\`\`json or \`\`\`xml)`, line);
  const content: string[] = [];
  let i = index + 1;
  for (;;) {
    const text = lines[i];
    if (text === undefined) return ctx.fail("a ``` multiline string is not closed", line);
    if (text.trim() === "```") break;
    content.push(text);
    i++;
  }
  const joined = content.length === 0 ? "" : content.join("\n") + "\n";
  const text = parseTemplateText(joined, (m) => ctx.fail(m, line));
  return { body: lang === undefined ? { kind: "text", text, line } : { kind: "text", text, lang, line }, next: i + 1 };
}

function parseOneline(text: string, line: number, ctx: BodyContext): HurlBody {
  const fail = (message: string): never => ctx.fail(message, line);
  const cursor = new Cursor(text.trimStart(), fail);
  cursor.pos = 1;
  const builder = new TemplateBuilder();
  for (;;) {
    const c = cursor.peek();
    if (c === "") fail("a `oneline` string is not closed");
    if (c === "`") {
      cursor.pos++;
      break;
    }
    if (c === "\\") builder.text(cursor.readEscape());
    else if (cursor.startsWith("{{")) builder.variable(cursor.readPlaceholder());
    else {
      builder.text(c);
      cursor.pos++;
    }
  }
  const source = cursor.text.slice(0, cursor.pos);
  cursor.expectEnd("the body");
  return { kind: "text", text: builder.build(source), line };
}

function parseBytes(lines: string[], index: number, ctx: BodyContext): { body: HurlBody; next: number } {
  const line = index + 1;
  const first = (lines[index] ?? "").trimStart();
  const encoding = first.startsWith("base64,") ? "base64" : "hex";
  let collected = first.slice(encoding.length + 1);
  let i = index;
  while (!collected.includes(";")) {
    i++;
    const next = lines[i];
    if (next === undefined) return ctx.fail(`a ${encoding}, body is not closed by ;`, line);
    collected += next;
  }
  const end = collected.indexOf(";");
  const rest = collected.slice(end + 1).trim();
  if (rest !== "" && !rest.startsWith("#")) ctx.fail(`unexpected "${rest}" after the ${encoding}, body`, i + 1);
  const digits = collected.slice(0, end).replace(/\s+/g, "");
  if (encoding === "base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(digits)) ctx.fail("invalid base64 in the body", line);
  if (encoding === "hex" && !/^([0-9A-Fa-f]{2})*$/.test(digits)) ctx.fail("invalid hex in the body (pairs of hexadecimal digits)", line);
  return { body: { kind: "bytes", data: Buffer.from(digits, encoding), encoding, line }, next: i + 1 };
}

function parseFileBody(text: string, line: number, ctx: BodyContext): HurlBody {
  const match = /^file,([^;]*);\s*(#.*)?$/.exec(text.trim());
  if (!match) return ctx.fail('expected "file,name;"', line);
  const filename = (match[1] ?? "").trim();
  return { kind: "file", filename, path: resolveHurlFilePath(filename, ctx.dir, (m) => ctx.fail(m, line)), line };
}

/** Files are relative to the Hurl file's folder and may not climb out of it (as in Hurl). */
export function resolveHurlFilePath(filename: string, dir: string, fail: (message: string) => never): string {
  if (filename === "") fail("a file name is missing");
  if (isAbsolute(filename)) fail(`file paths are relative to the Hurl file: ${filename}`);
  const normal = normalize(filename);
  if (normal === ".." || normal.startsWith(`..${sep}`) || filename.split(/[\\/]/).includes("..")) fail(`file paths cannot contain "..": ${filename}`);
  return resolve(dir, normal);
}
