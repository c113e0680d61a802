/**
 * Evaluating a query (status, header, body, jsonpath, xpath, cookie, regex) and its filters
 * against a response. A query that finds nothing says why, so the learner reads
 * "no Location header" or "the body is not JSON" rather than a bare "none".
 */
import { cookieAttribute, parseSetCookie, type SetCookie } from "../http/cookies.js";
import { evaluateJsonPath, parseJsonPath, type JsonPath } from "./jsonpath.js";
import { parseJson } from "./json.js";
import { HurlFloat } from "./number.js";
import { compileHurlRegex } from "./regex.js";
import type { HttpResponseData, HurlFilter, HurlQuery, JsonValue, RegexSource, Template } from "./types.js";

/** The xpath module (xpath.ts), loaded by run.ts only for files that use the query. */
export type XpathModule = typeof import("./xpath.js");
type Markup = ReturnType<XpathModule["parseMarkup"]>;

export type QueryResult =
  /** nodeList: the value is the list of nodes a non-singular JSONPath selected. */
  | { found: true; value: JsonValue; nodeList: boolean }
  /**
   * error: the query could not be evaluated (a body that is not JSON, count on a non-list):
   * every assert on it fails, with or without `not`. Without it, the query simply found
   * no value, which `not` predicates accept, as in Hurl.
   */
  | { found: false; why: string; error?: boolean };

/** A response with its body decoded once, shared by every query of an entry. */
export class ResponseView {
  readonly text: string;
  private parsed: { ok: true; value: JsonValue } | { ok: false } | undefined;
  private markupDocument: Markup | undefined;

  constructor(
    readonly response: HttpResponseData,
    private readonly xpathModule?: XpathModule,
  ) {
    this.text = response.body.toString("utf8");
  }

  /** The body as an HTML document (a Content-Type with "html" in it, as Hurl decides) or XML. */
  markup(): { module: XpathModule; document: Markup } {
    const module = this.xpathModule;
    // run.ts loads the module for every file with an xpath query: a missing one is a bug here.
    if (module === undefined) throw new Error("ResponseView: the xpath module was not loaded");
    this.markupDocument ??= module.parseMarkup(this.text, (this.headerValues("content-type")[0] ?? "").toLowerCase().includes("html"));
    return { module, document: this.markupDocument };
  }

  json(): { ok: true; value: JsonValue } | { ok: false } {
    if (this.parsed === undefined) {
      try {
        this.parsed = { ok: true, value: parseJson(this.text) };
      } catch {
        // Not JSON: every jsonpath query then says "the body is not JSON".
        this.parsed = { ok: false };
      }
    }
    return this.parsed;
  }

  headerValues(name: string): string[] {
    const lower = name.toLowerCase();
    return this.response.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  }

  setCookies(): SetCookie[] {
    return this.headerValues("set-cookie").flatMap((value) => parseSetCookie(value) ?? []);
  }
}

export interface QueryContext {
  view: ResponseView;
  render(template: Template): string;
  /** Throws a content error (a bad JSONPath or regex built from variables). */
  contentError(message: string): never;
}

export function evaluateQuery(query: HurlQuery, filters: HurlFilter[], ctx: QueryContext): QueryResult {
  let result = mainQuery(query, filters, ctx);
  for (const filter of filters) {
    if (!result.found) return result;
    switch (filter.kind) {
      case "count":
        if (!Array.isArray(result.value)) return { found: false, why: `count needs a list, but the query gave ${describeType(result.value)}`, error: true };
        result = { found: true, value: result.value.length, nodeList: false };
        break;
    }
  }
  return result;
}

function mainQuery(query: HurlQuery, filters: HurlFilter[], ctx: QueryContext): QueryResult {
  const { view } = ctx;
  switch (query.kind) {
    case "status":
      return { found: true, value: view.response.status, nodeList: false };
    case "body":
      return { found: true, value: view.text, nodeList: false };
    case "header": {
      const name = ctx.render(query.name);
      const values = view.headerValues(name);
      if (values.length === 0) return { found: false, why: `no ${name} header` };
      // Repeated headers form a list (as in Hurl); count always sees the list.
      if (values.length === 1 && !filters.some((f) => f.kind === "count")) return { found: true, value: values[0] ?? "", nodeList: false };
      return { found: true, value: values, nodeList: false };
    }
    case "jsonpath": {
      const json = view.json();
      if (!json.ok) return { found: false, why: view.text.trim() === "" ? "the body is empty, not JSON" : "the body is not JSON", error: true };
      const source = ctx.render(query.path);
      let path: JsonPath;
      try {
        path = parseJsonPath(source);
      } catch (error) {
        return ctx.contentError(`invalid JSONPath: ${error instanceof Error ? error.message : String(error)}`);
      }
      const nodes = evaluateJsonPath(path, json.value);
      if (!path.singular) return { found: true, value: nodes, nodeList: true };
      const [node] = nodes;
      return node === undefined ? { found: false, why: `nothing at ${source}` } : { found: true, value: node, nodeList: false };
    }
    case "cookie": {
      const spec = ctx.render(query.name);
      const match = /^(.*?)(?:\[([^\]]*)\])?$/.exec(spec);
      const name = match?.[1] ?? spec;
      const attribute = match?.[2] ?? "Value";
      // The first Set-Cookie of that name, as Hurl reads it.
      const cookie = view.setCookies().find((c) => c.name === name);
      if (!cookie) return { found: false, why: `no Set-Cookie header for ${name}` };
      if (attribute === "Value") return { found: true, value: cookie.value, nodeList: false };
      const value = cookieAttribute(cookie, attribute);
      if (value === undefined) return { found: false, why: `the ${name} cookie has no ${attribute} attribute` };
      // Secure and HttpOnly are flags: they exist or not.
      return { found: true, value: attribute === "Secure" || attribute === "HttpOnly" ? true : value, nodeList: false };
    }
    case "regex": {
      const regex = compilePattern(query.pattern, ctx);
      if ((new RegExp(`${regex.source}|`, regex.flags).exec("")?.length ?? 0) < 2) ctx.contentError(`the regex query /${query.pattern.kind === "literal" ? query.pattern.source : regex.source}/ needs a capture group ( ... )`);
      const match = regex.exec(view.text);
      if (!match) return { found: false, why: `/${query.pattern.kind === "literal" ? query.pattern.source : regex.source}/ does not match the body` };
      return { found: true, value: match[1] ?? "", nodeList: false };
    }
    case "xpath":
      return xpathQuery(ctx.render(query.expression), ctx);
  }
}

/**
 * As Hurl: a node-set is a list (count gives its size, exists fails when it is empty; here
 * each node stands as its string-value); string(), count(), boolean() give their value; a
 * number is a float, as XPath's are (count(//p) == 2 holds, 2 == 2.0).
 */
function xpathQuery(expression: string, ctx: QueryContext): QueryResult {
  const { module, document } = ctx.view.markup();
  const syntax = module.xpathSyntaxError(expression);
  if (syntax !== undefined) ctx.contentError(`invalid XPath ${expression}: ${syntax}`);
  if (!document.ok) return { found: false, why: document.why, error: true };
  const outcome = module.evaluateXpath(expression, document.document);
  if (!outcome.ok) return { found: false, why: outcome.why, error: true };
  const { value } = outcome;
  switch (value.kind) {
    case "nodes":
      return { found: true, value: value.values, nodeList: true };
    case "number":
      return { found: true, value: Number.isInteger(value.value) ? new HurlFloat(value.value) : value.value, nodeList: false };
    case "string":
    case "boolean":
      return { found: true, value: value.value, nodeList: false };
  }
}

export function compilePattern(pattern: RegexSource, ctx: Pick<QueryContext, "render" | "contentError">): RegExp {
  const source = pattern.kind === "literal" ? pattern.source : ctx.render(pattern.template);
  try {
    return compileHurlRegex(source);
  } catch (error) {
    return ctx.contentError(`invalid regex /${source}/: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function describeType(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "bigint") return "an integer";
  if (value instanceof HurlFloat) return "a float";
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- JSON values only; default is an object
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a float";
    case "boolean":
      return "a boolean";
    default:
      return "an object";
  }
}
