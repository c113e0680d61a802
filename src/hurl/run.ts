/**
 * runHurl: sends the entries of a Hurl file in order through an abstract `send`, keeps a
 * cookie jar, feeds captures into variables, checks each response and stops at the first
 * entry that fails. A failing app is data (a "fail" result with a learner message), and so,
 * as in Hurl, is what can only go wrong at run time (an undefined variable: EntryError); a
 * file the Hurl file names that cannot be read is a RoadworkError("CONTENT_INVALID").
 */
import { performance } from "node:perf_hooks";
import { RoadworkError } from "../errors.js";
import { CookieJar } from "../http/cookies.js";
import { bodyExcerpt, formatValue } from "./format.js";
import { parseJson } from "./json.js";
import { evaluatePredicate, jsonEqual } from "./predicate.js";
import { evaluateQuery, ResponseView, type QueryContext, type QueryResult, type XpathModule } from "./query.js";
import { buildRequest, readContentFile, render, type BuildContext } from "./request.js";
import type { HurlAssertResult, HurlCaptureResult, HurlEntryResult, ReceivedResponse, SentRequest } from "./results.js";
import { EntryError, lookupVariable, type Variables } from "./template.js";
import type { HttpResponseData, HurlBody, HurlEntry, HurlFile, HurlQuery, HurlResponse, JsonValue, SendFunction } from "./types.js";

export interface RunHurlOptions {
  send: SendFunction;
  /** Values for {{placeholders}} before any capture (base_url, test users...). */
  variables?: Record<string, JsonValue>;
  /** Origin for request URLs written as a path ("POST /tasks"); default http://localhost. */
  baseUrl?: string;
}

export async function runHurl(file: HurlFile, options: RunHurlOptions): Promise<HurlEntryResult[]> {
  const variables: Variables = new Map(Object.entries(options.variables ?? {}));
  const jar = new CookieJar();
  const results: HurlEntryResult[] = [];
  const xpathModule = usesXpath(file) ? await import("./xpath.js") : undefined;
  for (const entry of file.entries) {
    const result = await runEntry(entry, { file: file.file, variables, jar, baseUrl: options.baseUrl ?? "http://localhost" }, options.send, xpathModule);
    results.push(result);
    if (result.status === "fail") break;
  }
  return results;
}

function usesXpath(file: HurlFile): boolean {
  return file.entries.some((entry) => [...(entry.response?.captures ?? []), ...(entry.response?.asserts ?? [])].some((check) => check.query.kind === "xpath"));
}

async function runEntry(entry: HurlEntry, ctx: BuildContext, send: SendFunction, xpathModule: XpathModule | undefined): Promise<HurlEntryResult> {
  const started = performance.now();
  try {
    return await sendAndCheck(entry, ctx, send, started, xpathModule);
  } catch (error) {
    if (!(error instanceof EntryError)) throw error;
    const request: SentRequest = { method: entry.request.method, url: "", target: entry.request.url.source, headers: {}, bodyExcerpt: "" };
    const message = `${entry.request.method} ${entry.request.url.source}\n  ${error.message} (line ${error.line})`;
    return { index: entry.index, line: entry.line, request, status: "fail", asserts: [], captures: [], message, durationMs: performance.now() - started };
  }
}

async function sendAndCheck(entry: HurlEntry, ctx: BuildContext, send: SendFunction, started: number, xpathModule: XpathModule | undefined): Promise<HurlEntryResult> {
  const built = await buildRequest(entry.request, ctx);
  const request: SentRequest = { method: built.spec.method, url: built.spec.url, target: built.target, headers: built.spec.headers, bodyExcerpt: built.bodyExcerpt };
  const headline = `${request.method} ${request.target}${request.bodyExcerpt === "" ? "" : ` sent ${request.bodyExcerpt}`}`;
  const base = { index: entry.index, line: entry.line, request };

  let response: HttpResponseData;
  try {
    response = await send(built.spec);
  } catch (error) {
    if (error instanceof RoadworkError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { ...base, status: "fail", asserts: [], captures: [], message: `${headline}\n  got no response: ${reason}`, durationMs: performance.now() - started };
  }
  ctx.jar.update(response.headers, new URL(built.spec.url).pathname);
  const view = new ResponseView(response, xpathModule);
  const received: ReceivedResponse = {
    status: response.status,
    headers: response.headers,
    bodyExcerpt: bodyExcerpt(response.body, response.truncated),
    bodyBytes: response.body.length,
    truncated: response.truncated === true,
  };
  let checks: EntryChecks;
  try {
    checks = entry.response ? checkResponse(entry.response, view, ctx) : { asserts: [], captures: [] };
  } catch (error) {
    if (!(error instanceof EntryError)) throw error;
    const failure: HurlAssertResult = { kind: "assert", line: error.line, source: "", expected: "", actual: error.message, pass: false, message: `  ${error.message} (line ${error.line})` };
    checks = { asserts: [failure], captures: [] };
  }
  const failed = checks.asserts.filter((a) => !a.pass);
  // A wrong status explains the rest (a 500 has no JSON to capture from): show it alone.
  const shown = failed.some((a) => a.kind === "status") ? failed.filter((a) => a.kind === "status" || a.kind === "version") : failed;
  return {
    ...base,
    status: failed.length === 0 ? "pass" : "fail",
    response: received,
    asserts: checks.asserts,
    captures: checks.captures,
    message: failed.length === 0 ? "" : [headline, ...shown.map((a) => a.message ?? "")].join("\n"),
    durationMs: performance.now() - started,
  };
}

interface EntryChecks {
  asserts: HurlAssertResult[];
  captures: HurlCaptureResult[];
}

function checkResponse(spec: HurlResponse, view: ResponseView, ctx: BuildContext): EntryChecks {
  const asserts: HurlAssertResult[] = [];
  const captures: HurlCaptureResult[] = [];
  const { response } = view;
  const body = bodyPhrase(view);

  if (spec.version !== "HTTP" && response.httpVersion !== undefined) {
    const want = spec.version.slice("HTTP/".length);
    const pass = response.httpVersion === want || (want === "2" && response.httpVersion === "2.0");
    asserts.push(result("version", spec.line, spec.version, spec.version, `HTTP/${response.httpVersion}`, pass));
  }
  if (spec.status !== "*") {
    const pass = response.status === spec.status;
    asserts.push(result("status", spec.line, `HTTP ${spec.status}`, `status ${spec.status}`, `${response.status}`, pass, `${response.status} with ${body}`));
  }
  for (const header of spec.headers) {
    const name = render(header.key, ctx, header.line);
    const value = render(header.value, ctx, header.line);
    const values = view.headerValues(name);
    const actual = values.length === 0 ? `no ${name} header` : values.map((v) => `${name}: ${v}`).join(", ");
    asserts.push(result("header", header.line, `${header.key.source}: ${header.value.source}`, `header ${name}: ${value}`, actual, values.includes(value)));
  }

  for (const capture of spec.captures) {
    const queryCtx = queryContext(view, ctx, capture.line);
    const found = evaluateQuery(capture.query, capture.filters, queryCtx);
    const querySource = capture.source.slice(capture.source.indexOf(":") + 1).trim();
    if (found.found) {
      ctx.variables.set(capture.name, found.value);
      captures.push({ name: capture.name, line: capture.line, value: found.value });
      asserts.push(result("capture", capture.line, capture.source, `to capture ${capture.name} from ${querySource}`, formatValue(found.value), true));
    } else {
      asserts.push(result("capture", capture.line, capture.source, `to capture ${capture.name} from ${querySource}`, found.why, false, gotPhrase(capture.query, found, view)));
    }
  }
  // Asserts may use the captures; when one is missing they cannot be evaluated.
  if (asserts.some((a) => a.kind === "capture" && !a.pass)) return { asserts, captures };

  for (const assert of spec.asserts) {
    const queryCtx = queryContext(view, ctx, assert.line);
    const found = evaluateQuery(assert.query, assert.filters, queryCtx);
    const outcome = evaluatePredicate(assert.predicate, found, {
      ...queryCtx,
      variable: (name) => lookupVariable(ctx.variables, name, () => queryCtx.contentError(`the variable {{${name}}} is not defined (give it with variables or capture it first)`)),
    });
    const expected = assert.source.includes("{{") && outcome.expected !== "" ? `${assert.source} (${outcome.expected})` : assert.source;
    const actual = found.found ? formatValue(found.value) : found.why;
    let got = gotPhrase(assert.query, found, view);
    if (outcome.problem !== undefined) got += ` (${outcome.problem})`;
    asserts.push(result("assert", assert.line, assert.source, expected, actual, outcome.pass, got));
  }

  if (spec.body) asserts.push(checkBody(spec.body, view, ctx));
  return { asserts, captures };
}

function result(kind: HurlAssertResult["kind"], line: number, source: string, expected: string, actual: string, pass: boolean, got = actual): HurlAssertResult {
  const assert: HurlAssertResult = { kind, line, source, expected, actual, pass };
  if (!pass) assert.message = `  expected ${expected}\n  got ${got}`;
  return assert;
}

function queryContext(view: ResponseView, ctx: BuildContext, line: number): QueryContext {
  return {
    view,
    render: (template) => render(template, ctx, line),
    contentError: (message) => {
      throw new EntryError(message, line);
    },
  };
}

/** "body {...}", "an empty body". */
function bodyPhrase(view: ResponseView): string {
  const excerpt = bodyExcerpt(view.response.body, view.response.truncated);
  return excerpt === "" ? "an empty body" : `body ${excerpt}`;
}

/** What came back for a query, with the body when the body is what the query looked at. */
function gotPhrase(query: HurlQuery, found: QueryResult, view: ResponseView): string {
  const value = found.found ? formatValue(found.value) : found.why;
  switch (query.kind) {
    case "status":
      return `${value} with ${bodyPhrase(view)}`;
    case "jsonpath":
      if (!found.found && !view.json().ok) {
        const excerpt = bodyExcerpt(view.response.body, view.response.truncated);
        return excerpt === "" ? "an empty body" : `a body that is not JSON: ${excerpt}`;
      }
      return `${value} in ${bodyPhrase(view)}`;
    case "regex":
    case "xpath":
      return `${value} in ${bodyPhrase(view)}`;
    case "body":
      return found.found ? bodyPhrase(view) : value;
    case "header":
    case "cookie":
      return value;
  }
}

function checkBody(body: HurlBody, view: ResponseView, ctx: BuildContext): HurlAssertResult {
  const actualText = bodyPhrase(view);
  switch (body.kind) {
    case "json": {
      const expected = parseJson(render(body.text, ctx, body.line));
      const json = view.json();
      const pass = json.ok && jsonEqual(json.value, expected);
      return result("body", body.line, body.text.source, `body ${formatValue(expected)}`, actualText, pass);
    }
    case "text": {
      const expected = render(body.text, ctx, body.line);
      if (body.lang === "json") {
        let parsed: JsonValue;
        try {
          parsed = parseJson(expected);
        } catch {
          throw new EntryError("the ```json body is not valid JSON once its variables are filled in", body.line);
        }
        const json = view.json();
        return result("body", body.line, body.text.source, `body ${formatValue(parsed)}`, actualText, json.ok && jsonEqual(json.value, parsed));
      }
      return result("body", body.line, body.text.source, `body ${bodyExcerpt(Buffer.from(expected)) || '""'}`, actualText, view.text === expected);
    }
    case "bytes":
      return result("body", body.line, `${body.encoding},…;`, `body of ${body.data.length} bytes`, actualText, view.response.body.equals(body.data));
    case "file":
      return result("body", body.line, `file,${body.filename};`, `body equal to ${body.filename}`, actualText, view.response.body.equals(readContentFile(body.path, body.filename, ctx, body.line)));
  }
}
