/**
 * Rendering {{variables}}. Variables are typed (captures keep the JSON type they were read
 * with), so `"id": {{id}}` in a JSON body sends a number when id was captured as one.
 * Hurl's generators newUuid and newDate are available when no variable has that name.
 */
import { randomUUID } from "node:crypto";
import { writeJson } from "./json.js";
import type { JsonValue, Template } from "./types.js";

export type Variables = Map<string, JsonValue>;

/**
 * Something in an entry that can only go wrong at run time (a variable nobody defined, a
 * URL or JSON body that is not one once the variables are in): as in Hurl, that entry fails
 * with the reason and the file stops, rather than the whole stage erroring.
 */
export class EntryError extends Error {
  override readonly name = "EntryError";
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Called for a placeholder whose variable is not defined; throws a content error. */
export type MissingVariable = (name: string) => never;

export function lookupVariable(variables: Variables, name: string, missing: MissingVariable): JsonValue {
  const value = variables.get(name);
  if (value !== undefined) return value;
  if (name === "newUuid") return randomUUID();
  if (name === "newDate") return new Date().toISOString();
  return missing(name);
}

/** How a value reads inside text, as Hurl renders it: strings as they are, a whole float as 1.0, the rest as JSON. */
export function displayValue(value: JsonValue): string {
  return typeof value === "string" ? value : writeJson(value);
}

export function renderTemplate(template: Template, variables: Variables, missing: MissingVariable): string {
  let out = "";
  for (const part of template.parts) {
    if (part.kind === "text") {
      out += part.text;
      continue;
    }
    const text = displayValue(lookupVariable(variables, part.name, missing));
    // Inside a JSON string literal the value must not break the string (quotes, newlines).
    out += part.inJsonString === true ? JSON.stringify(text).slice(1, -1) : text;
  }
  return out;
}

export function hasVariables(template: Template): boolean {
  return template.parts.some((p) => p.kind === "var");
}
