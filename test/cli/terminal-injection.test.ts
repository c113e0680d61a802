/**
 * Terminal injection: a submission that prints escape sequences (clear the screen, move the
 * cursor home, a green forged "PASS" line, a carriage return, a right-to-left override, a
 * C1 CSI) must not reach the terminal through the human output of `roadwork grade` and
 * `roadwork test`; their --json output stays exact. Regression tests for issue 8, finding 7.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTest } from "../../src/cli/commands/test.js";
import type { GradeReport } from "../../src/grading/report.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";
import { flaskApp, PROJECT_FILES, writeTree } from "../project/fixtures.js";

const FORGED = "\x1b[2J\x1b[H\x1b[32mPASS: all 6 tests passed\x1b[0m\r\u202eevil\u009b2J";
const FORGED_ESCAPED = "\\x1b[2J\\x1b[H\\x1b[32mPASS: all 6 tests passed\\x1b[0m\\r\\u{202e}evil\\x9b2J";
/** What must never reach a terminal from a submission: C0 but newline and tab, DEL, C1, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const EXERCISE_DIR = "tracks/python-backend/exercises/running-total";

const skip = await skipWithoutSandbox();
const work = mkdtempSync(join(tmpdir(), "roadwork-terminal-"));
after(() => rmSync(work, { recursive: true, force: true }));

void describe("roadwork grade with a solution that prints escape sequences", { skip }, () => {
  const solution = join(work, "forger.py");
  writeFileSync(solution, `import sys\n\ndef running_total(numbers):\n    print(${JSON.stringify(FORGED)})\n    sys.stderr.write("\\x1b[31m" + ${JSON.stringify("\nPASS: all 6 tests passed\n")})\n    return [0]\n`);

  void it("should print the output escaped, so the real verdict stands, and keep --json exact", () => {
    const human = spawnSync("bin/roadwork", ["grade", EXERCISE_DIR, solution], { encoding: "utf8", timeout: 120_000 });
    assert.equal(human.status, 1, human.stdout + human.stderr);
    assert.doesNotMatch(human.stdout, RAW_CONTROL);
    assert.ok(human.stdout.includes(FORGED_ESCAPED), human.stdout);
    // The forged line is there, but indented under "output:", never a verdict of its own.
    const verdicts = human.stdout.split("\n").filter((line) => /^(PASS|FAIL|ERROR)/.test(line));
    assert.equal(verdicts.length, 1, verdicts.join("\n"));
    assert.match(verdicts[0] ?? "", /^FAIL: \d+ of \d+ tests passed/);
    const json = spawnSync("bin/roadwork", ["grade", EXERCISE_DIR, solution, "--json"], { encoding: "utf8", timeout: 120_000 });
    const report = JSON.parse(json.stdout) as GradeReport;
    assert.equal(report.status, "fail");
    const failed = report.tests.filter((test) => test.status !== "pass");
    assert.ok(failed.length > 0 && failed.every((test) => test.output?.includes(FORGED)), "the JSON report keeps the output as printed");
  });
});

void describe("roadwork test with an app whose log holds escape sequences", { skip }, () => {
  const project = writeTree(join(work, "project"), PROJECT_FILES);
  const app = flaskApp("wrong-health");
  const appDir = writeTree(join(work, "app"), { ...app, "app.py": `import sys\nprint(${JSON.stringify(FORGED)}, flush=True)\nsys.stderr.write(${JSON.stringify(`${FORGED}\n`)})\n${app["app.py"] ?? ""}` });

  void it("should print the app log escaped, and keep --json exact", async () => {
    let human = "";
    const code = await runTest({ dir: appDir, project, stage: "1" }, { stdout: (text) => void (human += text) });
    assert.equal(code, 1, human);
    assert.match(human, /App log \(last lines\)/);
    assert.doesNotMatch(human, RAW_CONTROL);
    assert.ok(human.includes(FORGED_ESCAPED), human);
    assert.match(human, /^FAIL: /m);
    let printed = "";
    await runTest({ dir: appDir, project, stage: "1", json: true }, { stdout: (text) => void (printed += text) });
    const report = JSON.parse(printed) as GradeReport;
    assert.ok(report.tests.some((test) => test.message?.includes(FORGED)), "the JSON report keeps the log as printed");
  });
});
