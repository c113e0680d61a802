/**
 * Turns a zod issue into words an educator can act on: the field by name, list items by their
 * 1-based position and slug, a missing field called missing, an unknown field with the known
 * field it was probably meant to be. Used by every content loader.
 */
import type { z } from "zod";

/** How to say one schema issue, and the path to point the line at. */
export interface IssueWords {
  message: string;
  /** Where the problem is written: the unknown key itself, or the field. */
  path: PropertyKey[];
}

export function describeIssue(issue: z.core.$ZodIssue, data: unknown, schema: z.ZodType): IssueWords {
  const path = [...issue.path];
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) {
    const known = knownKeysAt(schema, path);
    const named = issue.keys.map((key) => {
      const near = closest(key, known);
      return near === undefined ? `"${key}"` : `"${key}" (did you mean "${near}"?)`;
    });
    return { message: `${prefix(path, data)}unknown field ${named.join(", ")}`, path: [...path, issue.keys[0]] };
  }
  const field = path.at(-1);
  // A named field is quoted after its containers; a list item is named by its position.
  const where = typeof field === "string" ? prefix(path.slice(0, -1), data) : "";
  const subject = typeof field === "string" ? `\`${field}\`` : prefix(path, data).slice(0, -2) || "the file";
  if (issue.code === "invalid_type") {
    const value = valueAt(data, path);
    if (value === undefined) return { message: `${where}${subject} is missing`, path };
    return { message: `${where}${subject} should be ${article(issue.expected)}, not ${describeValue(value)}`, path };
  }
  // A schema that words its own message (not zod's "Invalid option") keeps it.
  if (issue.code === "invalid_value" && issue.message.startsWith("Invalid")) {
    const choices = issue.values.map((value) => JSON.stringify(value)).join(", ");
    return { message: `${where}${subject} should be one of ${choices}, not ${describeValue(valueAt(data, path))}`, path };
  }
  return { message: `${where}${subject}: ${issue.message}`, path };
}

/** `stages 2 ("first-route"): ` style prefix for the containers on the path. */
function prefix(path: readonly PropertyKey[], data: unknown): string {
  const parts: string[] = [];
  let node: unknown = data;
  for (let i = 0; i < path.length; i += 1) {
    const key = path[i];
    const next = path[i + 1];
    if (key === undefined) break;
    node = isRecord(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[key as string] : undefined;
    if (typeof key === "number") continue;
    if (typeof next === "number") {
      const item = Array.isArray(node) ? node[next] : undefined;
      const name = isRecord(item) ? [item.slug, item.id, item.name].find((v) => typeof v === "string") : undefined;
      parts.push(`${singular(String(key))} ${next + 1}${name === undefined ? "" : ` ("${String(name)}")`}`);
    } else {
      parts.push(String(key));
    }
  }
  return parts.length > 0 ? `${parts.join(": ")}: ` : "";
}

function singular(key: string): string {
  if (key === "requires") return "requirement";
  if (key.endsWith("ies")) return `${key.slice(0, -3)}y`;
  if (key.endsWith("s") && !key.endsWith("ss")) return key.slice(0, -1);
  return key;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) {
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === null) return "empty (null)";
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return "a mapping";
  return `${article(typeof value)} (${JSON.stringify(value)})`;
}

function article(type: string): string {
  const word = type === "object" ? "mapping" : type === "array" ? "list" : type;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Def {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

// Walks the schema along the path to the object that refused a key, to know what it accepts.
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const walk = (node: z.ZodType, rest: readonly PropertyKey[]): string[] => {
    const def = defOf(node);
    const inner = def.innerType ?? def.in;
    if (inner !== undefined) return walk(inner, rest);
    if (def.options !== undefined) return def.options.flatMap((option) => walk(option, rest));
    const [head, ...tail] = rest;
    if (head === undefined) return def.shape === undefined ? [] : Object.keys(def.shape);
    if (typeof head === "number" && def.element !== undefined) return walk(def.element, tail);
    if (def.shape !== undefined) {
      const child = def.shape[String(head)];
      return child === undefined ? [] : walk(child, tail);
    }
    if (def.valueType !== undefined) return walk(def.valueType, tail);
    return [];
  };
  return [...new Set(walk(schema, path))];
}

/** The known key within two edits (or a third of its length) of the typo, if any. */
function closest(typo: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(typo.toLowerCase(), key.toLowerCase());
    if (distance <= Math.max(2, Math.floor(key.length / 3)) && (best === undefined || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
