/**
 * Just enough MIME to read what a Python app sends: headers (folded, RFC 2047 encoded
 * words), a multipart body, quoted-printable and base64 parts. We want the subject and the
 * text a person would read, to find a link or a code in it.
 */

export interface ParsedEmail {
  subject: string;
  text: string;
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

export function parseEmail(raw: string): ParsedEmail {
  const message = splitPart(raw);
  const subject = decodeWords(message.headers.get("subject") ?? "");
  const plain = findPart(message, "text/plain", 0) ?? findPart(message, "text/html", 0);
  const text = plain === undefined ? message.body : decodeBody(plain);
  return { subject, text: plain !== undefined && mediaType(plain) === "text/html" ? stripTags(text) : text };
}

function splitPart(raw: string): Part {
  const normal = raw.replace(/\r\n/g, "\n");
  const blank = normal.indexOf("\n\n");
  const head = blank === -1 ? normal : normal.slice(0, blank);
  const body = blank === -1 ? "" : normal.slice(blank + 2);
  const headers = new Map<string, string>();
  // Unfold: a line that starts with white space continues the header before it.
  for (const line of head.replace(/\n[ \t]+/g, " ").split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function mediaType(part: Part): string {
  return (part.headers.get("content-type") ?? "text/plain").split(";")[0]?.trim().toLowerCase() ?? "text/plain";
}

function param(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, "i").exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Depth-first search for the first part of `type`; multiparts are bounded in depth. */
function findPart(part: Part, type: string, depth: number): Part | undefined {
  const media = mediaType(part);
  if (media.startsWith("multipart/")) {
    const boundary = param(part.headers.get("content-type") ?? "", "boundary");
    if (boundary === undefined || depth > 8) return undefined;
    for (const child of splitMultipart(part.body, boundary)) {
      const found = findPart(splitPart(child), type, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const attachment = /^\s*attachment/i.test(part.headers.get("content-disposition") ?? "");
  return media === type && !attachment ? part : undefined;
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  let current: string[] | undefined;
  for (const line of body.split("\n")) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(current.join("\n"));
      if (line.startsWith(`${delimiter}--`)) return parts;
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  if (current) parts.push(current.join("\n"));
  return parts;
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").trim().toLowerCase();
  const charset = param(part.headers.get("content-type") ?? "", "charset") ?? "utf-8";
  let bytes: Buffer;
  if (encoding === "base64") bytes = Buffer.from(part.body.replace(/\s+/g, ""), "base64");
  else if (encoding === "quoted-printable") bytes = decodeQuotedPrintable(part.body);
  else bytes = Buffer.from(part.body, "utf8");
  return decodeCharset(bytes, charset).replace(/\n$/, "");
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const ch = joined[i] ?? "";
    const hex = joined.slice(i + 1, i + 3);
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    // A charset TextDecoder does not know: UTF-8 is the best guess, and the text is only shown.
    return bytes.toString("utf8");
  }
}

/** "=?utf-8?b?...?=" and "=?utf-8?q?...?=" words, as Python's email package writes a non-ASCII subject. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, charset: string, kind: string, data: string) => {
      const bytes = kind.toLowerCase() === "b" ? Buffer.from(data, "base64") : decodeQuotedPrintable(data.replace(/_/g, " "));
      return decodeCharset(bytes, charset);
    });
}

function stripTags(html: string): string {
  // Keep link targets: the link in a reset email is what a stage looks for.
  return html
    .replace(/<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>/gi, "$1 ")
    .replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}
