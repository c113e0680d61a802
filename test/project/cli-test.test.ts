import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runTest, type TestOptions } from "../../src/cli/commands/test.js";
import type { GradeReport } from "../../src/grading/report.js";
import { flaskApp, PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

/** `roadwork test ARGS --json` in this process: the exit code and the report it printed. */
async function roadworkTest(options: Omit<TestOptions, "json" | "dir"> & { dir?: string }): Promise<{ code: number; report: GradeReport }> {
  let printed = "";
  const code = await runTest({ dir: ".", ...options, json: true }, { stdout: (text) => void (printed += text) });
  return { code, report: JSON.parse(printed) as GradeReport };
}

const sandbox = await sandboxForTests();
await sandbox.close();
const realSandbox = sandbox.name !== "host (tests only)";

void describe("roadwork test (the command's action)", () => {
  const dir = tempDir("cli");
  after(() => dir.remove());

  void it("exits 2 with an error report when no project is named", async () => {
    const { code, report } = await roadworkTest({ dir: dir.path });
    assert.equal(code, 2);
    assert.equal(report.status, "error");
    assert.match(report.message ?? "", /--project/);
  });

  void it("exits 2 for a stage the project does not have", async () => {
    const project = writeTree(join(dir.path, "p1"), PROJECT_FILES);
    const { code, report } = await roadworkTest({ project, dir: dir.path, stage: "9" });
    assert.equal(code, 2);
    assert.match(report.message ?? "", /stages 1 to 2; there is no stage 9/);
  });

  void it("exits 0 when the stages pass and 1 when one fails", { skip: realSandbox ? false : "the CLI runs apps only in the real sandbox, which is not available here" }, async () => {
    const project = writeTree(join(dir.path, "p2"), PROJECT_FILES);
    const good = await roadworkTest({ project, dir: writeTree(join(dir.path, "good"), flaskApp("good")), stage: "1" });
    assert.equal(good.code, 0, good.report.message);
    assert.equal(good.report.stage, 1);
    const bad = await roadworkTest({ project, dir: writeTree(join(dir.path, "bad"), flaskApp("wrong-health")), all: true });
    assert.equal(bad.code, 1);
    assert.equal(bad.report.failed_stage, 1);
  });
});
