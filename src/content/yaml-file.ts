/**
 * Reads a YAML file and validates it with a zod schema, reporting every problem with the
 * file and the line it is on, so that an educator can fix a broken track file at once.
 */
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument, isNode } from "yaml";
import type { z } from "zod";
import { RoadworkError } from "../errors.js";

export async function readYamlFile<S extends z.ZodType>(file: string, schema: S, displayPath = file): Promise<z.infer<S>> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file: displayPath, cause: error });
  }
  return parseYaml(source, schema, displayPath);
}

export function parseYaml<S extends z.ZodType>(source: string, schema: S, file: string): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    const line = lineCounter.linePos(yamlError.pos[0]).line;
    throw new RoadworkError("CONTENT_INVALID", `not valid YAML: ${firstLine(yamlError.message)}`, { file, line });
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data as z.infer<S>;

  const issue = parsed.error.issues[0];
  if (issue === undefined) throw new RoadworkError("CONTENT_INVALID", "invalid content", { file });
  const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
  // Point at the deepest node that exists on the issue's path: the field itself, or the
  // object that lacks it.
  let line = 1;
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      line = lineCounter.linePos(node.range[0]).line;
      break;
    }
  }
  const where = path.length > 0 ? `${path.join(".")}: ` : "";
  throw new RoadworkError("CONTENT_INVALID", `${where}${issue.message}`, { file, line });
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
