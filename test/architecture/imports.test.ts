/**
 * The import rules of docs/architecture.md, run by dependency-cruiser with
 * .dependency-cruiser.cjs: no import cycle in src/ (type-only imports count), and each folder
 * imports only the folders below it. The rules are shown to fail on test/fixtures/imports,
 * a miniature src/ that breaks them on purpose, and the table in docs/architecture.md must
 * say what the rules say.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const FIXTURE = join(ROOT, "test", "fixtures", "imports");
const require = createRequire(import.meta.url);
// Its package exports no path to the command line, so it is found where npm puts it.
const DEPCRUISE = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string } | string>;
}

/** The rule violations dependency-cruiser finds in `target` (a folder under `cwd`). */
async function violations(cwd: string, target: string): Promise<Violation[]> {
  const run = await promisify(execFile)(process.execPath, [DEPCRUISE, target, "--config", CONFIG, "--output-type", "json"], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string; code?: number }) => {
    // depcruise exits with the number of errors it found; its JSON is still on stdout.
    if (error.stdout) return { stdout: error.stdout };
    throw new Error(`dependency-cruiser did not run: ${error.stderr ?? String(error)}`);
  });
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

function describeViolation(v: Violation): string {
  const cycle = v.cycle === undefined ? "" : ` (cycle: ${v.cycle.map((step) => (typeof step === "string" ? step : step.name)).join(" -> ")})`;
  return `${v.rule.name}: ${v.from} -> ${v.to}${cycle}`;
}

void describe("the import rules (docs/architecture.md)", () => {
  void it("hold in src/: no cycle, and every folder imports only what it may", async () => {
    assert.deepEqual((await violations(ROOT, "src")).map(describeViolation), []);
  });

  void it("fail on an import cycle and on a folder reaching up", async () => {
    const found = (await violations(FIXTURE, "src")).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    assert.deepEqual(found, [
      "grading-imports: src/grading/verdict.ts -> src/server/app.ts",
      "no-circular: src/hurl/ping.ts -> src/hurl/pong.ts",
    ]);
  });

  void it("cover every folder of src/: a folder without a row would be checked by no rule", () => {
    const { MAY_IMPORT } = require(CONFIG) as { MAY_IMPORT: Record<string, string[]> };
    const folders = readdirSync(join(ROOT, "src"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(folders, Object.keys(MAY_IMPORT).sort());
  });

  void it("are the ones docs/architecture.md shows", () => {
    const { MAY_IMPORT } = require(CONFIG) as { MAY_IMPORT: Record<string, string[]> };
    const doc = readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
    const table = /<!-- import-rules[^>]*-->\n([\s\S]*?)<!-- \/import-rules -->/.exec(doc)?.[1];
    assert.ok(table !== undefined, "docs/architecture.md has no import-rules table");
    const documented: Record<string, string[]> = {};
    for (const row of table.split("\n").slice(2)) {
      const cells = row.split("|").map((cell) => cell.trim());
      const folder = /^`src\/([^`]+)`$/.exec(cells[1] ?? "")?.[1];
      if (folder === undefined) continue;
      documented[folder] = [...(cells[3] ?? "").matchAll(/`src\/([^`]+)`/g)].map((m) => m[1] ?? "");
    }
    assert.deepEqual(documented, MAY_IMPORT);
  });
});
