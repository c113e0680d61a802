/**
 * A small JSONPath evaluator for Hurl's `jsonpath` query: `$`, `.name`, `['name']`,
 * `[0]` (negative from the end), `[*]` / `.*`, `[1,2]` / `['a','b']`, `[start:end]` slices
 * and `..` descendants. Filter expressions (`[?(...)]`) and functions are refused.
 *
 * Written here rather than taken from npm: the maintained packages (jsonpath-plus) evaluate
 * script expressions, which we would have to disable anyway, and the subset is ~150 lines.
 * Semantics follow RFC 9535: a "singular" path (names and indexes only) yields one value
 * or nothing; any other path yields the list of matched nodes.
 */

import type { JsonValue } from "./types.js";

type Selector =
  | { kind: "name"; name: string }
  | { kind: "index"; index: number }
  | { kind: "wildcard" }
  | { kind: "slice"; start?: number; end?: number; step?: number };

interface Segment {
  descendant: boolean;
  selectors: Selector[];
}

export interface JsonPath {
  source: string;
  segments: Segment[];
  /** Only names and single indexes, no descendants: at most one node. */
  singular: boolean;
}

export class JsonPathError extends Error {
  override name = "JsonPathError";
}

export function parseJsonPath(source: string): JsonPath {
  const text = source.trim();
  if (!text.startsWith("$")) throw new JsonPathError(`a JSONPath starts with $: "${source}"`);
  let pos = 1;
  const segments: Segment[] = [];
  const fail = (message: string): never => {
    throw new JsonPathError(`${message} at position ${pos + 1} of "${source}"`);
  };

  const readMemberName = (): string => {
    const start = pos;
    while (pos < text.length && !/[.[\]\s]/.test(text[pos] ?? "")) pos++;
    if (pos === start) fail("a name is missing");
    const name = text.slice(start, pos);
    if (name.includes("(")) fail(`functions are not supported (${name})`);
    return name;
  };

  const readQuotedName = (): string => {
    const quote = text[pos];
    pos++;
    let name = "";
    while (pos < text.length && text[pos] !== quote) {
      if (text[pos] === "\\") {
        const next = text[pos + 1] ?? "";
        name += next === "n" ? "\n" : next === "t" ? "\t" : next;
        pos += 2;
      } else {
        name += text[pos];
        pos++;
      }
    }
    if (text[pos] !== quote) fail("a quoted name is not closed");
    pos++;
    return name;
  };

  const readInteger = (): number | undefined => {
    const match = /^-?\d+/.exec(text.slice(pos));
    if (!match) return undefined;
    pos += match[0].length;
    return Number(match[0]);
  };

  const skipSpaces = (): void => {
    while (text[pos] === " ") pos++;
  };

  const readBracketSelector = (): Selector => {
    skipSpaces();
    const c = text[pos];
    if (c === "'" || c === '"') return { kind: "name", name: readQuotedName() };
    if (c === "*") {
      pos++;
      return { kind: "wildcard" };
    }
    if (c === "?") return fail("filter expressions [?(...)] are not supported");
    if (c === "(") return fail("script expressions are not supported");
    const start = readInteger();
    skipSpaces();
    if (text[pos] === ":") {
      pos++;
      skipSpaces();
      const end = readInteger();
      skipSpaces();
      let step: number | undefined;
      if (text[pos] === ":") {
        pos++;
        skipSpaces();
        step = readInteger();
      }
      if (step === 0) fail("a slice step cannot be 0");
      return { kind: "slice", start, end, step };
    }
    if (start === undefined) return fail("expected a name, an index, * or a slice inside [ ]");
    return { kind: "index", index: start };
  };

  while (pos < text.length) {
    const c = text[pos];
    if (c === ".") {
      const descendant = text[pos + 1] === ".";
      pos += descendant ? 2 : 1;
      if (text[pos] === "*") {
        pos++;
        segments.push({ descendant, selectors: [{ kind: "wildcard" }] });
      } else if (text[pos] === "[" && descendant) {
        segments.push({ descendant, selectors: readBracket() });
      } else {
        segments.push({ descendant, selectors: [{ kind: "name", name: readMemberName() }] });
      }
    } else if (c === "[") {
      segments.push({ descendant: false, selectors: readBracket() });
    } else {
      fail(`unexpected "${c}"`);
    }
  }

  function readBracket(): Selector[] {
    pos++; // [
    const selectors: Selector[] = [readBracketSelector()];
    skipSpaces();
    while (text[pos] === ",") {
      pos++;
      selectors.push(readBracketSelector());
      skipSpaces();
    }
    if (text[pos] !== "]") fail("expected ]");
    pos++;
    return selectors;
  }

  const singular = segments.every((s) => !s.descendant && s.selectors.length === 1 && (s.selectors[0]?.kind === "name" || s.selectors[0]?.kind === "index"));
  return { source, segments, singular };
}

function select(node: JsonValue, selector: Selector, out: JsonValue[]): void {
  switch (selector.kind) {
    case "name":
      if (isObject(node) && Object.hasOwn(node, selector.name)) out.push(node[selector.name] as JsonValue);
      return;
    case "index":
      if (Array.isArray(node)) {
        const i = selector.index < 0 ? node.length + selector.index : selector.index;
        if (i >= 0 && i < node.length) out.push(node[i] as JsonValue);
      }
      return;
    case "wildcard":
      if (Array.isArray(node)) out.push(...node);
      else if (isObject(node)) out.push(...Object.values(node));
      return;
    case "slice":
      if (Array.isArray(node)) out.push(...slice(node, selector));
      return;
  }
}

function slice(list: JsonValue[], s: { start?: number; end?: number; step?: number }): JsonValue[] {
  const step = s.step ?? 1;
  const n = list.length;
  const norm = (i: number): number => (i < 0 ? Math.max(n + i, -1) : Math.min(i, n));
  const out: JsonValue[] = [];
  if (step > 0) {
    const start = Math.max(norm(s.start ?? 0), 0);
    const end = norm(s.end ?? n);
    for (let i = start; i < end; i += step) out.push(list[i] as JsonValue);
  } else {
    const start = Math.min(norm(s.start ?? n - 1), n - 1);
    const end = s.end === undefined ? -1 : norm(s.end);
    for (let i = start; i > end; i += step) out.push(list[i] as JsonValue);
  }
  return out;
}

function descendants(node: JsonValue, out: JsonValue[]): void {
  out.push(node);
  if (Array.isArray(node)) for (const child of node) descendants(child, out);
  else if (isObject(node)) for (const child of Object.values(node)) descendants(child, out);
}

/** A JSON object: a plain object, never a list or a number kept as a HurlFloat. */
export function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every node the path selects in document order. */
export function evaluateJsonPath(path: JsonPath, root: JsonValue): JsonValue[] {
  let nodes: JsonValue[] = [root];
  for (const segment of path.segments) {
    const next: JsonValue[] = [];
    for (const node of nodes) {
      const inputs: JsonValue[] = [];
      if (segment.descendant) descendants(node, inputs);
      else inputs.push(node);
      for (const input of inputs) for (const selector of segment.selectors) select(input, selector, next);
    }
    nodes = next;
  }
  return nodes;
}
