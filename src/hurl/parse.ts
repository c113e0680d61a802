/**
 * parseHurl: Hurl text -> HurlFile. Line by line: a request line, headers, request
 * sections, an optional body, then optionally `HTTP <status>`, expected headers,
 * [Captures] / [Asserts] and an optional body. Everything outside roadwork's subset is a
 * RoadworkError("CONTENT_INVALID") naming the construct, the file and the line.
 */
import { dirname, extname, resolve } from "node:path";
import { RoadworkError } from "../errors.js";
import { parseBody, resolveHurlFilePath, startsBody } from "./parse-body.js";
import { parseAssertLine, parseCaptureLine } from "./parse-query.js";
import { Cursor, type Fail } from "./scan.js";
import { usedVariables } from "./variables.js";
import {
  HTTP_METHODS,
  type HttpMethod,
  type HttpVersionSpec,
  type HurlEntry,
  type HurlFile,
  type HurlRequest,
  type HurlResponse,
  type KeyValue,
  type MultipartParam,
} from "./types.js";

type RequestSection = "query" | "form" | "multipart" | "cookies" | "basicAuth";
type ResponseSection = "captures" | "asserts";

const SECTIONS: Record<string, RequestSection | ResponseSection> = {
  QueryStringParams: "query",
  Query: "query",
  FormParams: "form",
  Form: "form",
  MultipartFormData: "multipart",
  Multipart: "multipart",
  Cookies: "cookies",
  BasicAuth: "basicAuth",
  Captures: "captures",
  Asserts: "asserts",
};

/** Content types Hurl infers from a multipart file's extension. */
const FILE_CONTENT_TYPES: Record<string, string> = {
  ".gif": "image/gif",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain",
  ".htm": "text/html",
  ".html": "text/html",
  ".pdf": "application/pdf",
  ".xml": "application/xml",
  ".json": "application/json",
  ".csv": "text/csv",
};

const RESPONSE_LINE = /^\s*(HTTP(?:\/[^\s]*)?)\s+(\S+)\s*(#.*)?$/;
const METHOD_LINE = /^\s*([A-Z]+)\s+(\S.*)$/;
const SECTION_LINE = /^\s*\[([A-Za-z0-9]+)\]\s*(#.*)?$/;

function isBlankOrComment(text: string): boolean {
  const t = text.trim();
  return t === "" || t.startsWith("#");
}

function isMethodLine(text: string): boolean {
  const m = METHOD_LINE.exec(text);
  return m !== null && (HTTP_METHODS as readonly string[]).includes(m[1] ?? "");
}

function isResponseLine(text: string): boolean {
  return RESPONSE_LINE.test(text);
}

export function parseHurl(source: string, file: string): HurlFile {
  const parser = new Parser(source, file);
  const entries = parser.parseEntries();
  return { file, entries, variables: usedVariables({ entries }) };
}

/** The comment block just above line `line` (1-based), made into one sentence; a "Stage N:" line describes the file, not the entry. */
function entryTitle(lines: readonly string[], line: number): string | undefined {
  const comment: string[] = [];
  for (let j = line - 2; j >= 0; j--) {
    const above = (lines[j] ?? "").trim();
    if (!above.startsWith("#")) break;
    comment.unshift(above.replace(/^#+\s?/, ""));
  }
  const text = comment
    .filter((c) => !/^Stage \d+:/i.test(c))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return undefined;
  return text.length > 140 ? `${text.slice(0, 137)}...` : text;
}

/** Lines `line` up to (not including) `next`, without the blank and comment lines that lead to the next entry. */
function entrySource(lines: readonly string[], line: number, next: number | undefined): string {
  const own = lines.slice(line - 1, next === undefined ? undefined : next - 1);
  while (own.length > 0 && /^\s*(#.*)?$/.test(own[own.length - 1] ?? "")) own.pop();
  return own.join("\n");
}

class Parser {
  private readonly lines: string[];
  private readonly dir: string;
  private i = 0;

  constructor(
    source: string,
    private readonly file: string,
  ) {
    this.lines = source.replace(/^\uFEFF/, "").split(/\r?\n/);
    this.dir = dirname(resolve(file));
  }

  private fail(message: string, line: number): never {
    throw new RoadworkError("CONTENT_INVALID", message, { file: this.file, line });
  }

  private failAt(line: number): Fail {
    return (message) => this.fail(message, line);
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && isBlankOrComment(this.lines[this.i] ?? "")) this.i++;
  }

  parseEntries(): HurlEntry[] {
    const entries: HurlEntry[] = [];
    for (;;) {
      this.skipBlank();
      const text = this.lines[this.i];
      if (text === undefined) {
        const last = entries[entries.length - 1];
        if (last !== undefined) last.source = entrySource(this.lines, last.line, undefined);
        return entries;
      }
      const line = this.i + 1;
      const request = this.parseRequest();
      this.skipBlank();
      const next = this.lines[this.i];
      const response = next !== undefined && isResponseLine(next) ? this.parseResponse() : undefined;
      const entry: HurlEntry = { index: entries.length, line, request, source: "" };
      const title = entryTitle(this.lines, line);
      if (title !== undefined) entry.title = title;
      if (response) entry.response = response;
      const previous = entries[entries.length - 1];
      if (previous !== undefined) previous.source = entrySource(this.lines, previous.line, line);
      entries.push(entry);
    }
  }

  private parseRequest(): HurlRequest {
    const text = this.lines[this.i] ?? "";
    const line = this.i + 1;
    const match = METHOD_LINE.exec(text);
    if (!match) this.fail(`expected a request line such as "GET {{base_url}}/tasks" but found "${text.trim()}"`, line);
    const method = match[1] ?? "";
    if (!(HTTP_METHODS as readonly string[]).includes(method)) this.fail(`unknown method ${method} (use ${HTTP_METHODS.join(", ")})`, line);
    const cursor = new Cursor(match[2] ?? "", this.failAt(line));
    const url = cursor.readValueString();
    if (url.parts.length === 0) this.fail("the request line has no URL", line);
    const request: HurlRequest = { method: method as HttpMethod, url, line, headers: [], query: [], form: [], multipart: [], cookies: [] };
    this.i++;

    let section: RequestSection | "headers" = "headers";
    const seen = new Set<string>();
    for (;;) {
      this.skipBlank();
      const current = this.lines[this.i];
      if (current === undefined || isResponseLine(current) || isMethodLine(current)) break;
      const lineNo = this.i + 1;
      const sectionName = SECTION_LINE.exec(current)?.[1];
      if (sectionName !== undefined) {
        section = this.requestSection(sectionName, seen, lineNo);
        this.i++;
        continue;
      }
      if (startsBody(current)) {
        const { body, next } = parseBody(this.lines, this.i, { fail: (m, l) => this.fail(m, l), dir: this.dir });
        request.body = body;
        this.i = next;
        this.expectEndOfPart("request body");
        break;
      }
      this.requestLine(request, section, current, lineNo);
      this.i++;
    }
    const kinds = [request.form.length > 0 && "[FormParams]", request.multipart.length > 0 && "[MultipartFormData]", request.body && "a body"].filter(Boolean);
    if (kinds.length > 1) this.fail(`a request can have only one of [FormParams], [MultipartFormData] or a body, this one has ${kinds.join(" and ")}`, line);
    return request;
  }

  private requestSection(name: string, seen: Set<string>, line: number): RequestSection {
    const section = SECTIONS[name];
    if (section === undefined) this.fail(name === "Options" ? "the [Options] section is not supported" : `unknown section [${name}]`, line);
    if (section === "captures" || section === "asserts") this.fail(`[${name}] belongs to the response: put it after an "HTTP <status>" line`, line);
    if (seen.has(section)) this.fail(`[${name}] appears twice in this request`, line);
    seen.add(section);
    return section;
  }

  /** After a body only comments and blank lines may come before the next part. */
  private expectEndOfPart(what: string): void {
    this.skipBlank();
    const next = this.lines[this.i];
    if (next === undefined || isMethodLine(next) || (what === "request body" && isResponseLine(next))) return;
    this.fail(`the ${what} must come last; found "${next.trim()}" after it`, this.i + 1);
  }

  private keyValue(text: string, line: number): KeyValue {
    const cursor = new Cursor(text, this.failAt(line));
    const key = cursor.readKey();
    const value = cursor.readValueString();
    return { key, value, line };
  }

  private requestLine(request: HurlRequest, section: RequestSection | "headers", text: string, line: number): void {
    switch (section) {
      case "headers":
        request.headers.push(this.keyValue(text, line));
        return;
      case "query":
        request.query.push(this.keyValue(text, line));
        return;
      case "form":
        request.form.push(this.keyValue(text, line));
        return;
      case "cookies":
        request.cookies.push(this.keyValue(text, line));
        return;
      case "basicAuth": {
        if (request.basicAuth) this.fail("[BasicAuth] takes a single user: password line", line);
        const { key, value } = this.keyValue(text, line);
        request.basicAuth = { user: key, password: value, line };
        return;
      }
      case "multipart":
        request.multipart.push(this.multipartParam(text, line));
        return;
    }
  }

  private multipartParam(text: string, line: number): MultipartParam {
    const cursor = new Cursor(text, this.failAt(line));
    const name = cursor.readKey();
    cursor.skipSpaces();
    if (!cursor.startsWith("file,")) return { kind: "text", name, value: cursor.readValueString(), line };
    const match = /^file,([^;]*);\s*([^#]*?)\s*(#.*)?$/.exec(text.slice(cursor.pos));
    if (!match) this.fail('expected "name: file,path; content/type" (the ; after the file name is required)', line);
    const filename = (match[1] ?? "").trim();
    const path = resolveHurlFilePath(filename, this.dir, this.failAt(line));
    let contentType = (match[2] ?? "").trim();
    if (contentType === "") contentType = FILE_CONTENT_TYPES[extname(filename).toLowerCase()] ?? "application/octet-stream";
    else if (!/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9_-]+=[^;\s]+)*$/.test(contentType)) this.fail(`"${contentType}" is not a content type`, line);
    return { kind: "file", name, filename, path, contentType, line };
  }

  private parseResponse(): HurlResponse {
    const text = this.lines[this.i] ?? "";
    const line = this.i + 1;
    const match = RESPONSE_LINE.exec(text);
    const versionText = match?.[1] ?? "";
    const statusText = match?.[2] ?? "";
    const version = this.version(versionText, line);
    let status: number | "*" = "*";
    if (statusText !== "*") {
      if (!/^[1-5]\d\d$/.test(statusText)) this.fail(`"${statusText}" is not an HTTP status (100 to 599, or *)`, line);
      status = Number(statusText);
    }
    const response: HurlResponse = { line, version, status, headers: [], captures: [], asserts: [] };
    this.i++;

    let section: ResponseSection | "headers" = "headers";
    const seen = new Set<string>();
    for (;;) {
      this.skipBlank();
      const current = this.lines[this.i];
      if (current === undefined || isMethodLine(current)) break;
      const lineNo = this.i + 1;
      if (isResponseLine(current)) this.fail("a second HTTP line: each request has one response", lineNo);
      const sectionName = SECTION_LINE.exec(current)?.[1];
      if (sectionName !== undefined) {
        const next = SECTIONS[sectionName];
        if (next === undefined) this.fail(sectionName === "Options" ? "the [Options] section is not supported" : `unknown section [${sectionName}]`, lineNo);
        if (next !== "captures" && next !== "asserts") this.fail(`[${sectionName}] belongs to the request: put it before the HTTP line`, lineNo);
        if (seen.has(next)) this.fail(`[${sectionName}] appears twice in this response`, lineNo);
        seen.add(next);
        section = next;
        this.i++;
        continue;
      }
      if (startsBody(current)) {
        const { body, next } = parseBody(this.lines, this.i, { fail: (m, l) => this.fail(m, l), dir: this.dir });
        response.body = body;
        this.i = next;
        this.expectEndOfPart("response body");
        break;
      }
      if (section === "headers" && /^\s*(status|body|header|jsonpath|cookie|regex)(\s+[^:\s]|\s*$)/.test(current)) this.fail(`"${current.trim()}" is an assert: put it under [Asserts]`, lineNo);
      if (section === "headers") response.headers.push(this.keyValue(current, lineNo));
      else if (section === "captures") response.captures.push(parseCaptureLine(current, lineNo, this.failAt(lineNo)));
      else response.asserts.push(parseAssertLine(current, lineNo, this.failAt(lineNo)));
      this.i++;
    }
    return response;
  }

  private version(text: string, line: number): HttpVersionSpec {
    switch (text) {
      case "HTTP":
      case "HTTP/*":
        return "HTTP";
      case "HTTP/1.0":
      case "HTTP/1.1":
      case "HTTP/2":
      case "HTTP/3":
        return text;
      default:
        return this.fail(`unknown HTTP version "${text}" (use HTTP, HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3)`, line);
    }
  }
}
