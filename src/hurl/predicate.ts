/**
 * Predicates: ==, !=, >, >=, <, <=, contains, includes, startsWith, endsWith, matches,
 * exists, isString, isInteger, isFloat, isBoolean, isList, isCollection, isEmpty, each
 * optionally negated with `not`, evaluated as Hurl does: a query that found no value fails
 * every predicate, so its `not` form passes (`not contains "x"` holds when there is nothing);
 * a predicate that does not apply to the value's type, or a query that could not be
 * evaluated (a body that is not JSON), fails whatever `not` says, with the reason. Numbers
 * keep their kind: 1 == 1.0 (by value), but 1.0 isFloat and 1 isInteger.
 */
import { compilePattern, describeType, type QueryResult } from "./query.js";
import { formatValue } from "./format.js";
import { compileHurlRegex } from "./regex.js";
import { isObject } from "./jsonpath.js";
import { parseJson } from "./json.js";
import { isHurlFloat, isHurlInteger, numberValue } from "./number.js";
import type { HurlPredicate, JsonValue, PredicateName, PredicateValue, Template } from "./types.js";

export interface PredicateContext {
  render(template: Template): string;
  variable(name: string): JsonValue;
  contentError(message: string): never;
}

export interface PredicateOutcome {
  pass: boolean;
  /** The expected value as the learner reads it ("" for exists and the type checks). */
  expected: string;
  /** Why the predicate could not apply ("contains needs a string or a list, got an integer"). */
  problem?: string;
}

/** A regex keeps its source as written: the compiled one is translated (see regex.ts). */
type Expected = { kind: "value"; value: JsonValue } | { kind: "regex"; regex: RegExp; source: string };

/** Predicates that look at a node list as a whole, even when it holds one node. */
const LIST_PREDICATES: ReadonlySet<PredicateName> = new Set(["isList", "isCollection", "isEmpty", "contains", "includes"]);

export function evaluatePredicate(predicate: HurlPredicate, result: QueryResult, ctx: PredicateContext): PredicateOutcome {
  if (!result.found && result.error === true) return { pass: false, expected: "", problem: result.why };
  if (predicate.name === "exists") {
    const present = result.found && !(result.nodeList && Array.isArray(result.value) && result.value.length === 0);
    return { pass: present !== predicate.not, expected: "" };
  }
  const expected = predicate.value === undefined ? undefined : resolveExpected(predicate.value, ctx);
  const expectedText = expected === undefined ? "" : expected.kind === "regex" ? `/${expected.source}/` : formatValue(expected.value);
  if (!result.found) return { pass: predicate.not, expected: expectedText };
  let actual = result.value;
  // Hurl reads a JSONPath that selected exactly one node as that node.
  if (result.nodeList && Array.isArray(actual) && actual.length === 1 && !LIST_PREDICATES.has(predicate.name)) actual = actual[0] as JsonValue;
  const outcome = test(predicate.name, actual, expected);
  if (typeof outcome === "string") return { pass: false, expected: expectedText, problem: outcome };
  return { pass: outcome !== predicate.not, expected: expectedText };
}

function resolveExpected(value: PredicateValue, ctx: PredicateContext): Expected {
  switch (value.kind) {
    case "string":
      return { kind: "value", value: ctx.render(value.template) };
    case "number":
      // Through the JSON reader, so that 1.0 stays a float and 12345678901234567890 every digit.
      return { kind: "value", value: parseJson(value.source) };
    case "boolean":
      return { kind: "value", value: value.value };
    case "null":
      return { kind: "value", value: null };
    case "variable":
      return { kind: "value", value: ctx.variable(value.name) };
    case "regex":
      return { kind: "regex", regex: compilePattern({ kind: "literal", source: value.source }, ctx), source: value.source };
  }
}

/** true / false, or a sentence saying why the predicate does not apply. */
function test(name: PredicateName, actual: JsonValue, expected: Expected | undefined): boolean | string {
  const value = expected?.kind === "value" ? expected.value : null;
  switch (name) {
    case "==":
      return jsonEqual(actual, value);
    case "!=":
      return !jsonEqual(actual, value);
    case ">":
    case ">=":
    case "<":
    case "<=": {
      const a = numberValue(actual) ?? (typeof actual === "string" ? actual : undefined);
      const b = numberValue(value) ?? (typeof value === "string" ? value : undefined);
      if (a === undefined || b === undefined || typeof a !== typeof b) return `${name} compares numbers (or strings), but got ${describeType(actual)} and expected ${describeType(value)}`;
      return name === ">" ? a > b : name === ">=" ? a >= b : name === "<" ? a < b : a <= b;
    }
    case "contains":
      if (typeof actual === "string" && typeof value === "string") return actual.includes(value);
      if (Array.isArray(actual)) return actual.some((item) => jsonEqual(item, value));
      return `contains needs a string or a list, but got ${describeType(actual)}`;
    case "includes":
      if (Array.isArray(actual)) return actual.some((item) => jsonEqual(item, value));
      return `includes needs a list, but got ${describeType(actual)}`;
    case "startsWith":
    case "endsWith":
      if (typeof actual !== "string") return `${name} needs a string, but got ${describeType(actual)}`;
      if (typeof value !== "string") return `${name} needs a string to compare with, not ${describeType(value)}`;
      return name === "startsWith" ? actual.startsWith(value) : actual.endsWith(value);
    case "matches": {
      if (typeof actual !== "string") return `matches needs a string, but got ${describeType(actual)}`;
      let regex: RegExp;
      if (expected?.kind === "regex") regex = expected.regex;
      else if (typeof value === "string") {
        try {
          regex = compileHurlRegex(value);
        } catch {
          // The answer to the learner is that the predicate cannot apply; the reason is the regex.
          return `"${value}" is not a valid regex`;
        }
      } else return `matches needs a regex, not ${describeType(value)}`;
      return regex.test(actual);
    }
    case "exists":
      return true;
    case "isString":
      return typeof actual === "string";
    case "isInteger":
      return isHurlInteger(actual);
    case "isFloat":
      return isHurlFloat(actual);
    case "isBoolean":
      return typeof actual === "boolean";
    case "isList":
      return Array.isArray(actual);
    case "isCollection":
      return Array.isArray(actual) || isObject(actual);
    case "isEmpty":
      if (typeof actual === "string" || Array.isArray(actual)) return actual.length === 0;
      if (isObject(actual)) return Object.keys(actual).length === 0;
      return `isEmpty needs a string, a list or an object, but got ${describeType(actual)}`;
  }
}

/** Deep equality of JSON values; numbers compare by value, whatever their kind (1 == 1.0), as in Hurl. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  const na = numberValue(a);
  const nb = numberValue(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && (typeof a === "bigint" && typeof b === "bigint" ? a === b : na === nb);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i] as JsonValue));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as JsonValue, b[k] as JsonValue));
  }
  return false;
}
