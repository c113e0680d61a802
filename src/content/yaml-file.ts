/**
 * Reads a YAML file and validates it with a zod schema, reporting every problem with the
 * file and the line it is on, so that an educator can fix a broken track file at once.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";
import { RoadworkError } from "../errors.js";
import { describeIssue } from "./zod-issues.js";

/** A validated YAML document that still knows where each value was written. */
export interface LocatedYaml<T> {
  data: T;
  /** 1-based line of the value at `path` (or of the deepest parent that exists). */
  lineOf(path: readonly PropertyKey[]): number;
}

/** Either the validated data, or every problem found (syntax errors, or schema issues). */
export type YamlValidation<T> = ({ ok: true } & LocatedYaml<T>) | { ok: false; problems: RoadworkError[] };

export async function readYamlFile<S extends z.ZodType>(file: string, schema: S, displayPath = file): Promise<z.infer<S>> {
  return parseYaml(await readSource(file, displayPath), schema, displayPath);
}

export function parseYaml<S extends z.ZodType>(source: string, schema: S, file: string): z.infer<S> {
  const result = validateYaml(source, schema, file);
  if (!result.ok) throw result.problems[0] ?? new RoadworkError("CONTENT_INVALID", "invalid content", { file });
  return result.data;
}

/** Like readYamlFile, but returns every problem instead of throwing the first. */
export async function readYamlFileLocated<S extends z.ZodType>(file: string, schema: S, displayPath = file): Promise<YamlValidation<z.infer<S>>> {
  let source: string;
  try {
    source = await readSource(file, displayPath);
  } catch (error) {
    return { ok: false, problems: [error as RoadworkError] };
  }
  return validateYaml(source, schema, displayPath);
}

export function validateYaml<S extends z.ZodType>(source: string, schema: S, file: string): YamlValidation<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((yamlError) => {
      const line = lineCounter.linePos(yamlError.pos[0]).line;
      return new RoadworkError("CONTENT_INVALID", `not valid YAML: ${firstLine(yamlError.message)}`, { file, line });
    });
    return { ok: false, problems };
  }
  const lineOf = (path: readonly PropertyKey[]): number => lineAt(doc, lineCounter, path);
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, data: parsed.data as z.infer<S>, lineOf };

  const data: unknown = doc.toJS();
  const problems = parsed.error.issues.map((issue) => {
    const { message, path } = describeIssue(issue, data, schema);
    return new RoadworkError("CONTENT_INVALID", message, { file, line: lineOf(path) });
  });
  if (problems.length === 0) problems.push(new RoadworkError("CONTENT_INVALID", "invalid content", { file }));
  return { ok: false, problems };
}

/**
 * The line of the value at `path` in a YAML file that already loaded, for problems found
 * after validation (across files); 1 when the file cannot be read again.
 */
export function lineInFile(file: string, path: readonly PropertyKey[]): number {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter, prettyErrors: false });
    return lineAt(doc, lineCounter, path);
  } catch {
    return 1; // the file was read moments ago; a line number is all that is lost
  }
}

// Point at the deepest node that exists on the path: the field itself, or the object that
// lacks it.
function lineAt(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

async function readSource(file: string, displayPath: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: displayPath, cause: error });
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
