/**
 * Turning a parsed request into the HttpRequestSpec that goes out: templates rendered,
 * [Query] appended, [Form] / [Multipart] / body encoded, cookies from the jar and
 * [Cookies] joined, [BasicAuth] turned into an Authorization header. Implicit
 * Content-Type headers follow Hurl (JSON bodies, ```json, forms, multipart) unless the
 * file sets one.
 */
import { readFileSync } from "node:fs";
import { RoadworkError } from "../errors.js";
import type { CookieJar } from "../http/cookies.js";
import { encodeMultipart, type MultipartPart } from "../http/multipart.js";
import { bodyExcerpt, cut } from "./format.js";
import { parseJson, writeJson } from "./json.js";
import { EntryError, renderTemplate, type Variables } from "./template.js";
import type { HttpRequestSpec, HurlBody, HurlRequest, JsonValue, Template } from "./types.js";

export interface BuiltRequest {
  spec: HttpRequestSpec;
  /** Path and query for messages. */
  target: string;
  bodyExcerpt: string;
}

export interface BuildContext {
  file: string;
  variables: Variables;
  jar: CookieJar;
  /** Origin for URLs written as a path ("/tasks"); defaults to http://localhost. */
  baseUrl: string;
}

function contentError(ctx: BuildContext, message: string, line: number): never {
  throw new RoadworkError("CONTENT_INVALID", message, { file: ctx.file, line });
}

function entryError(message: string, line: number): never {
  throw new EntryError(message, line);
}

export function render(template: Template, ctx: BuildContext, line: number): string {
  return renderTemplate(template, ctx.variables, (name) => entryError(`the variable {{${name}}} is not defined (give it with variables or capture it first)`, line));
}

export async function buildRequest(request: HurlRequest, ctx: BuildContext): Promise<BuiltRequest> {
  const line = request.line;
  const urlText = render(request.url, ctx, line);
  let url: URL;
  try {
    url = urlText.startsWith("/") ? new URL(urlText, ctx.baseUrl) : new URL(urlText);
  } catch {
    return entryError(`"${urlText}" is not a URL (write http://host/path, or /path)`, line);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") entryError(`"${urlText}" is not an http:// URL`, line);
  for (const param of request.query) url.searchParams.append(render(param.key, ctx, param.line), render(param.value, ctx, param.line));

  const headers: Record<string, string> = {};
  const setHeader = (name: string, value: string): void => {
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
    if (existing === undefined) headers[name] = value;
    else headers[existing] = `${headers[existing]}, ${value}`;
  };
  const hasHeader = (name: string): boolean => Object.keys(headers).some((k) => k.toLowerCase() === name.toLowerCase());
  for (const header of request.headers) setHeader(render(header.key, ctx, header.line), render(header.value, ctx, header.line));

  if (request.basicAuth) {
    const { user, password, line: authLine } = request.basicAuth;
    const credentials = `${render(user, ctx, authLine)}:${render(password, ctx, authLine)}`;
    if (!hasHeader("Authorization")) headers["Authorization"] = `Basic ${Buffer.from(credentials).toString("base64")}`;
  }

  const cookies = new Map(ctx.jar.forPath(url.pathname));
  for (const cookie of request.cookies) cookies.set(render(cookie.key, ctx, cookie.line), render(cookie.value, ctx, cookie.line));
  if (cookies.size > 0) {
    const pairs = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === "cookie");
    if (existing === undefined) headers["Cookie"] = pairs;
    else headers[existing] = `${headers[existing]}; ${pairs}`;
  }

  let body: Buffer | undefined;
  let excerpt = "";
  let contentType: string | undefined;
  if (request.body) {
    ({ body, excerpt, contentType } = encodeBody(request.body, ctx));
  } else if (request.form.length > 0) {
    const form = new URLSearchParams();
    for (const param of request.form) form.append(render(param.key, ctx, param.line), render(param.value, ctx, param.line));
    body = Buffer.from(form.toString());
    excerpt = cut(form.toString());
    contentType = "application/x-www-form-urlencoded";
  } else if (request.multipart.length > 0) {
    ({ body, excerpt, contentType } = await multipartBody(request, ctx));
  }
  if (contentType !== undefined && !hasHeader("Content-Type")) headers["Content-Type"] = contentType;

  const spec: HttpRequestSpec = { method: request.method, url: url.toString(), headers };
  if (body !== undefined) spec.body = body;
  return { spec, target: `${url.pathname}${url.search}`, bodyExcerpt: excerpt };
}

interface EncodedBody {
  body: Buffer;
  excerpt: string;
  contentType: string | undefined;
}

function encodeBody(hurlBody: HurlBody, ctx: BuildContext): EncodedBody {
  switch (hurlBody.kind) {
    case "json": {
      const text = render(hurlBody.text, ctx, hurlBody.line);
      let parsed: JsonValue;
      try {
        parsed = parseJson(text);
      } catch (error) {
        // A variable made the body invalid (a string placed where a number belongs).
        return entryError(`the JSON body is not valid JSON once its variables are filled in: ${error instanceof Error ? error.message : String(error)}`, hurlBody.line);
      }
      const body = Buffer.from(text);
      return { body, excerpt: bodyExcerpt(Buffer.from(writeJson(parsed))), contentType: "application/json" };
    }
    case "text": {
      const body = Buffer.from(render(hurlBody.text, ctx, hurlBody.line));
      const contentType = hurlBody.lang === "json" ? "application/json" : hurlBody.lang === "xml" ? "application/xml" : undefined;
      return { body, excerpt: bodyExcerpt(body), contentType };
    }
    case "bytes":
      return { body: hurlBody.data, excerpt: `<${hurlBody.data.length} bytes>`, contentType: undefined };
    case "file": {
      const body = readContentFile(hurlBody.path, hurlBody.filename, ctx, hurlBody.line);
      return { body, excerpt: `<file ${hurlBody.filename}, ${body.length} bytes>`, contentType: undefined };
    }
  }
}

export function readContentFile(path: string, filename: string, ctx: BuildContext, line: number): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    return contentError(ctx, `cannot read ${filename} next to the Hurl file${code ? ` (${code})` : ""}`, line);
  }
}

async function multipartBody(request: HurlRequest, ctx: BuildContext): Promise<EncodedBody> {
  const parts: MultipartPart[] = [];
  const described: string[] = [];
  for (const param of request.multipart) {
    const name = render(param.name, ctx, param.line);
    if (param.kind === "text") {
      const value = render(param.value, ctx, param.line);
      parts.push({ kind: "text", name, value });
      described.push(`${name}=${cut(value, 60)}`);
    } else {
      const data = readContentFile(param.path, param.filename, ctx, param.line);
      const basename = param.filename.split("/").pop() ?? param.filename;
      parts.push({ kind: "file", name, filename: basename, contentType: param.contentType, data });
      described.push(`${name}=file ${basename} (${param.contentType}, ${data.length} bytes)`);
    }
  }
  const encoded = await encodeMultipart(parts);
  return { body: encoded.body, excerpt: `multipart form: ${described.join(", ")}`, contentType: encoded.contentType };
}
