import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { runTest, testFast, type TestOptions } from "../../src/cli/commands/test.js";
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

  void it("shows a project it cannot find by the error's code, with the message as written", async () => {
    let human = "";
    const code = await runTest({ dir: dir.path, project: "no-such-project" }, { stdout: (text) => void (human += text) });
    assert.equal(code, 2);
    assert.match(human, /^ERROR \(NOT_FOUND\): no project "no-such-project"/m);
    assert.doesNotMatch(human, /Error:/);
    const { report } = await roadworkTest({ dir: dir.path, project: "no-such-project" });
    assert.match(report.message ?? "", /^no project "no-such-project"/);
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

void describe("roadwork test's fast path (no commander)", () => {
  const dir = tempDir("cli-fast");
  after(() => dir.remove());

  void it("leaves help, unknown options and stray arguments to commander, having done nothing", async () => {
    const quiet = { stdout: (): void => assert.fail("nothing may be printed") };
    for (const args of [["--help"], ["-h"], ["--project", "x", "--verbose"], ["stray"], ["--project"], ["--stage", "--json"]]) {
      assert.equal(await testFast(args, quiet), "not-handled", args.join(" "));
    }
  });

  void it("handles the command's own options, in both spellings, as commander would", async () => {
    let printed = "";
    const previous = process.exitCode;
    const outcome = await testFast(["-p", join(dir.path, "none"), `--dir=${join(dir.path, "missing")}`, "--stage", "1", "--keep-going", "--json"], { stdout: (text) => void (printed += text) });
    const code = process.exitCode;
    process.exitCode = previous;
    assert.equal(outcome, "tested");
    assert.equal(code, 2);
    assert.match((JSON.parse(printed) as GradeReport).message ?? "", /no folder .*missing/);
  });
});
