/**
 * Parsing the lines of [Captures] (`name: query filters`) and [Asserts]
 * (`query filters predicate`). Queries, filters and predicates outside roadwork's subset
 * are refused by name.
 */
import { parseJsonPath, JsonPathError } from "./jsonpath.js";
import { compileHurlRegex } from "./regex.js";
import { Cursor, checkVariableName, staticText, type Fail } from "./scan.js";
import {
  PREDICATE_NAMES,
  type HurlAssert,
  type HurlCapture,
  type HurlFilter,
  type HurlPredicate,
  type HurlQuery,
  type PredicateName,
  type PredicateValue,
  type RegexSource,
  type Template,
} from "./types.js";

/** Queries real Hurl has that roadwork does not run. */
const UNSUPPORTED_QUERIES = new Set(["url", "bytes", "sha256", "md5", "variable", "duration", "certificate", "ip", "version", "redirects", "rawbytes"]);

/** Filters real Hurl has; only `count` is supported. */
const UNSUPPORTED_FILTERS = new Set([
  "base64Decode",
  "base64Encode",
  "base64UrlSafeDecode",
  "base64UrlSafeEncode",
  "daysAfterNow",
  "daysBeforeNow",
  "dateFormat",
  "decode",
  "first",
  "format",
  "htmlEscape",
  "htmlUnescape",
  "jsonpath",
  "last",
  "location",
  "nth",
  "regex",
  "replace",
  "replaceRegex",
  "split",
  "toDate",
  "toFloat",
  "toHex",
  "toInt",
  "toString",
  "urlDecode",
  "urlEncode",
  "urlQueryParam",
  "utf8Decode",
  "utf8Encode",
  "xpath",
]);

/** Hurl's older word forms of the comparison predicates. */
const WORD_OPERATORS: Record<string, string> = {
  equals: "==",
  notEquals: "!=",
  greaterThan: ">",
  greaterThanOrEquals: ">=",
  lessThan: "<",
  lessThanOrEquals: "<=",
};

const VALUELESS: ReadonlySet<PredicateName> = new Set(["exists", "isString", "isInteger", "isFloat", "isBoolean", "isList", "isCollection", "isEmpty"]);

function isPredicateName(word: string): word is PredicateName {
  return (PREDICATE_NAMES as readonly string[]).includes(word);
}

export function parseCaptureLine(text: string, line: number, fail: Fail): HurlCapture {
  const cursor = new Cursor(text, fail);
  cursor.skipSpaces();
  const nameStart = cursor.pos;
  while (/[A-Za-z0-9_.-]/.test(cursor.peek())) cursor.pos++;
  const name = text.slice(nameStart, cursor.pos);
  cursor.skipSpaces();
  if (name === "" || cursor.peek() !== ":") fail(`expected "name: query" in [Captures] but found "${text.trim()}"`);
  checkVariableName(name, fail);
  cursor.pos++;
  cursor.skipSpaces();
  const query = parseQuery(cursor);
  const filters = parseFilters(cursor);
  cursor.skipSpaces();
  if (cursor.startsWith("redact")) fail("redact is not supported");
  cursor.expectEnd("the capture");
  return { name, query, filters, line, source: sourceOf(text) };
}

export function parseAssertLine(text: string, line: number, fail: Fail): HurlAssert {
  const cursor = new Cursor(text, fail);
  cursor.skipSpaces();
  const query = parseQuery(cursor);
  const filters = parseFilters(cursor);
  const predicate = parsePredicate(cursor);
  cursor.expectEnd("the predicate");
  return { query, filters, predicate, line, source: sourceOf(text) };
}

/** The line without its comment, for messages. */
function sourceOf(text: string): string {
  const cursor = new Cursor(text, () => {
    throw new Error("unreachable");
  });
  let inQuote = false;
  for (; cursor.pos < text.length; cursor.pos++) {
    const c = cursor.peek();
    if (c === "\\") cursor.pos++;
    else if (c === '"') inQuote = !inQuote;
    else if (c === "#" && !inQuote) break;
  }
  return text.slice(0, cursor.pos).trim();
}

function parseQuery(cursor: Cursor): HurlQuery {
  const word = cursor.readWord();
  const fail = cursor.fail;
  switch (word) {
    case "status":
      return { kind: "status" };
    case "body":
      return { kind: "body" };
    case "header":
      cursor.skipSpaces();
      return { kind: "header", name: cursor.readQuoted() };
    case "cookie":
      cursor.skipSpaces();
      return { kind: "cookie", name: checkCookieName(cursor.readQuoted(), fail) };
    case "jsonpath": {
      cursor.skipSpaces();
      const path = cursor.readQuoted();
      const text = staticText(path);
      if (text !== undefined) {
        try {
          parseJsonPath(text);
        } catch (error) {
          if (error instanceof JsonPathError) fail(`invalid JSONPath: ${error.message}`);
          throw error;
        }
      }
      return { kind: "jsonpath", path };
    }
    case "regex": {
      cursor.skipSpaces();
      const pattern = readPattern(cursor);
      return { kind: "regex", pattern };
    }
    case "xpath":
      // The expression is checked when it runs: the XPath library loads only for files that use it.
      cursor.skipSpaces();
      return { kind: "xpath", expression: cursor.readQuoted() };
    case "":
      return fail(`expected a query (status, header, body, jsonpath, xpath, cookie, regex) but found "${cursor.peekToken() || "nothing"}"`);
    default:
      if (UNSUPPORTED_QUERIES.has(word)) return fail(`the ${word} query is not supported (roadwork supports status, header, body, jsonpath, xpath, cookie and regex)`);
      return fail(`unknown query "${word}" (roadwork supports status, header, body, jsonpath, xpath, cookie and regex)`);
  }
}

const COOKIE_ATTRIBUTES = new Set(["Value", "Expires", "Max-Age", "Domain", "Path", "Secure", "HttpOnly", "SameSite"]);

function checkCookieName(name: Template, fail: Fail): Template {
  const text = staticText(name);
  const attribute = text === undefined ? undefined : /\[([^\]]*)\]$/.exec(text)?.[1];
  if (attribute !== undefined && !COOKIE_ATTRIBUTES.has(attribute)) fail(`unknown cookie attribute [${attribute}] (use Value, Expires, Max-Age, Domain, Path, Secure, HttpOnly or SameSite)`);
  return name;
}

function readPattern(cursor: Cursor): RegexSource {
  if (cursor.peek() === "/") {
    const source = cursor.readRegexLiteral();
    checkRegex(source, cursor.fail);
    return { kind: "literal", source };
  }
  const template = cursor.readQuoted();
  const text = staticText(template);
  if (text !== undefined) checkRegex(text, cursor.fail);
  return { kind: "string", template };
}

function checkRegex(source: string, fail: Fail): void {
  try {
    compileHurlRegex(source);
  } catch (error) {
    fail(`invalid regex /${source}/: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseFilters(cursor: Cursor): HurlFilter[] {
  const filters: HurlFilter[] = [];
  for (;;) {
    cursor.skipSpaces();
    const start = cursor.pos;
    const word = cursor.readWord();
    if (word === "count") {
      filters.push({ kind: "count" });
      continue;
    }
    if (UNSUPPORTED_FILTERS.has(word)) cursor.fail(`the ${word} filter is not supported (only count is)`);
    cursor.pos = start;
    return filters;
  }
}

function parsePredicate(cursor: Cursor): HurlPredicate {
  const fail = cursor.fail;
  cursor.skipSpaces();
  let not = false;
  const start = cursor.pos;
  if (cursor.readWord() === "not" && (cursor.peek() === " " || cursor.peek() === "\t")) {
    not = true;
    cursor.skipSpaces();
  } else cursor.pos = start;

  const operator = /^(==|!=|>=|<=|>|<)/.exec(cursor.text.slice(cursor.pos))?.[1];
  let name: string;
  if (operator !== undefined) {
    name = operator;
    cursor.pos += operator.length;
  } else {
    name = cursor.readWord();
    if (name === "") return fail(`expected a predicate (==, !=, >, >=, <, <=, contains, startsWith, endsWith, matches, exists, isString...) but found "${cursor.peekToken() || "nothing"}"`);
    const symbol = WORD_OPERATORS[name];
    if (symbol !== undefined) return fail(`write ${symbol} instead of ${name}`);
  }
  if (!isPredicateName(name)) return fail(`the ${name} predicate is not supported`);
  if (VALUELESS.has(name)) return { not, name };
  if (cursor.peek() !== " " && cursor.peek() !== "\t") fail(`${name} needs a space and a value after it`);
  cursor.skipSpaces();
  const value = parsePredicateValue(cursor, name);
  return { not, name, value };
}

function parsePredicateValue(cursor: Cursor, predicate: PredicateName): PredicateValue {
  const fail = cursor.fail;
  const c = cursor.peek();
  let value: PredicateValue;
  if (c === '"') value = { kind: "string", template: cursor.readQuoted() };
  else if (c === "/") {
    if (predicate !== "matches") return fail(`a /regex/ value only goes with matches, not ${predicate}`);
    const source = cursor.readRegexLiteral();
    checkRegex(source, fail);
    value = { kind: "regex", source };
  } else if (cursor.startsWith("{{")) value = { kind: "variable", name: cursor.readPlaceholder() };
  else {
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?(?=$|[\s#])/.exec(cursor.text.slice(cursor.pos))?.[0];
    const word = number === undefined ? cursor.readWord() : "";
    if (number !== undefined) {
      cursor.pos += number.length;
      value = { kind: "number", value: Number(number), source: number };
    } else if (word === "true" || word === "false") value = { kind: "boolean", value: word === "true" };
    else if (word === "null") value = { kind: "null" };
    else if (word === "hex" || word === "base64" || word === "file") return fail(`${word}, values are not supported in predicates`);
    else return fail(`expected a value after ${predicate}: a "string", a number, true, false, null or {{variable}}, but found "${cursor.peekToken() || "nothing"}"`);
  }
  if (predicate === "matches" && value.kind !== "string" && value.kind !== "regex" && value.kind !== "variable") fail('matches needs a "regex" or a /regex/');
  if (predicate === "matches" && value.kind === "string") {
    const text = staticText(value.template);
    if (text !== undefined) checkRegex(text, fail);
  }
  if ((predicate === "startsWith" || predicate === "endsWith") && value.kind !== "string" && value.kind !== "variable") fail(`${predicate} needs a "string"`);
  return value;
}
