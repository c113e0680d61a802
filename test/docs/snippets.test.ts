/**
 * A snippet in the docs that says it comes from a file must still be in that file. A line
 * `<!-- snippet: PATH -->` right above a fenced block marks it; every line of the block must
 * appear in PATH in the same order (lines between may be left out, as the docs shorten), except
 * ellipsis lines such as `# ...` or `-- ...` that stand for what was left out.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

interface Snippet { doc: string; line: number; source: string; lines: string[] }

const ELLIPSIS = /^\s*(#|--|\/\/)?\s*\.\.\.(\s.*)?$/;

function snippetsOf(doc: string): Snippet[] {
  const lines = readFileSync(doc, "utf8").split("\n");
  const found: Snippet[] = [];
  lines.forEach((text, index) => {
    const marker = /^<!-- snippet: (\S+) -->$/.exec(text.trim());
    if (!marker?.[1]) return;
    const fence = lines[index + 1] ?? "";
    assert.match(fence, /^```/, `${doc}:${index + 1}: a snippet marker must be right above a fenced block`);
    const end = lines.findIndex((l, i) => i > index + 1 && l.startsWith("```"));
    assert.ok(end > 0, `${doc}:${index + 2}: the fenced block is never closed`);
    found.push({ doc, line: index + 1, source: marker[1], lines: lines.slice(index + 2, end) });
  });
  return found;
}

/** The first snippet line not found, in order, in the source; undefined when all are there. */
function firstMissing(snippet: Snippet, source: string[]): { line: number; text: string } | undefined {
  let at = 0;
  for (const [offset, raw] of snippet.lines.entries()) {
    const text = raw.trimEnd();
    if (text.trim() === "" || ELLIPSIS.test(text)) continue;
    const next = source.findIndex((l, i) => i >= at && l.trimEnd() === text);
    if (next < 0) return { line: snippet.line + 2 + offset, text };
    at = next + 1;
  }
  return undefined;
}

const docs = ["README.md", ...readdirSync("docs").filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];
const snippets = docs.flatMap(snippetsOf);

void describe("snippets in the docs", () => {
  void it("marks the snippets copied from the built-in track", () => {
    assert.ok(snippets.length >= 8, `only ${snippets.length} marked snippets`);
  });

  for (const snippet of snippets) {
    void it(`${snippet.doc}:${snippet.line} is still in ${snippet.source}`, () => {
      assert.ok(existsSync(snippet.source), `${snippet.doc}:${snippet.line}: ${snippet.source} does not exist`);
      const missing = firstMissing(snippet, readFileSync(snippet.source, "utf8").split("\n"));
      assert.equal(missing, undefined, missing && `${snippet.doc}:${missing.line}: not in ${snippet.source} (or out of order): ${missing.text}`);
    });
  }
});
