/** What the parseHurl tests share. */
import assert from "node:assert/strict";
import { RoadworkError } from "../../src/errors.js";
import { parseHurl, type HurlFile, type Template } from "../../src/hurl/index.js";

export const FILE = "/content/projects/todo/stages/02-tasks.hurl";

export function parse(source: string): HurlFile {
  return parseHurl(source, FILE);
}

/** The text a template renders to when every variable is written as <name>. */
export function show(template: Template | undefined): string {
  assert.ok(template, "template missing");
  return template.parts.map((p) => (p.kind === "text" ? p.text : `<${p.name}>`)).join("");
}

export function rejects(source: string, line: number, pattern: RegExp): void {
  assert.throws(
    () => parse(source),
    (error: unknown) => {
      assert.ok(error instanceof RoadworkError, `expected a RoadworkError, got ${String(error)}`);
      assert.equal(error.code, "CONTENT_INVALID");
      assert.equal(error.file, FILE);
      assert.equal(error.line, line, `line of: ${error.message}`);
      assert.match(error.message, pattern);
      assert.match(String(error), new RegExp(`^${FILE}:${line}: `));
      return true;
    },
  );
}
