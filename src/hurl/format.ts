/** Turning values and bodies into the short, one-line text learners read in messages. */
import { parseJson, writeJson } from "./json.js";
import type { JsonValue } from "./types.js";

export const EXCERPT_CHARS = 300;

/** JSON on one line with a space after , and : (as Python's json.dumps writes it). */
export function oneLineJson(value: JsonValue): string {
  return writeJson(value, true);
}

export function cut(text: string, max = EXCERPT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** A value as expected or received: strings quoted, lists and objects as one-line JSON. */
export function formatValue(value: JsonValue): string {
  return cut(oneLineJson(value), 200);
}

function looksBinary(text: string): boolean {
  return text.includes("\u0000") || text.includes("\uFFFD");
}

/** A body for messages: JSON on one line, text with its newlines shown as ⏎, binary as a size. */
export function bodyExcerpt(body: Buffer, truncated = false): string {
  if (body.length === 0) return "";
  const text = body.toString("utf8");
  const suffix = truncated ? " (cut at the size limit)" : "";
  if (looksBinary(text)) return `<${body.length} bytes of binary data>${suffix}`;
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return cut(oneLineJson(parseJson(trimmed))) + suffix;
    } catch {
      // Not JSON after all: shown as text below.
    }
  }
  return cut(trimmed.replace(/\r?\n/g, "⏎ ")) + suffix;
}
