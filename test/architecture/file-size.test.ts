/**
 * No file in src/ is over 400 lines (docs/architecture.md): a longer one holds more than one
 * job, and is split where the jobs part. The front end's build output is not source.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const MAX_LINES = 400;
const SOURCE = /\.(ts|js|mjs|cjs|css|html)$/;
const NOT_SOURCE = new Set([join(ROOT, "src", "web", "dist")]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return NOT_SOURCE.has(path) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** Lines as an editor numbers them: a final newline does not start another. */
function lineCount(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

void describe("files in src/", () => {
  void it(`are at most ${MAX_LINES} lines each`, () => {
    const files = sourceFiles(join(ROOT, "src"));
    assert.ok(files.length > 100, `found only ${files.length} files under src/`);
    const long = files
      .map((path) => ({ path: relative(ROOT, path), lines: lineCount(readFileSync(path, "utf8")) }))
      .filter((file) => file.lines > MAX_LINES)
      .map((file) => `${file.path}: ${file.lines} lines`);
    assert.deepEqual(long, []);
  });

  void it("are counted as an editor counts lines", () => {
    assert.equal(lineCount(""), 0);
    assert.equal(lineCount("one"), 1);
    assert.equal(lineCount("one\n"), 1);
    assert.equal(lineCount("one\ntwo\n"), 2);
    assert.equal(lineCount("one\n\n"), 2);
  });
});
