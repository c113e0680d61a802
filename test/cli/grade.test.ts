/**
 * `roadwork grade` as a learner runs it: the real command (bin/roadwork, which starts
 * bin/roadwork.cjs, which loads the bundled dist/grade.cjs), grading in the real sandbox.
 * Checks the exit codes (0 pass, 1 fail, 2 error), the human and --json reports, that
 * options still reach commander, that grade starts Node without NODE_EXTRA_CA_CERTS, and
 * that a grading done by a stale build is not printed (gradeFast's buildIsCurrent).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { skipWithoutSandbox } from "../sandbox-skip.js";

/** A frozen copy of the built-in running-total: the curriculum may change, what this file checks may not. */
const EXERCISE_DIR = "test/fixtures/exercises/running-total";
const SOLUTION = join(EXERCISE_DIR, "solution.py");
/** first_element.py starts from numbers[0], so only the empty-list test fails. */
const BAD = join(EXERCISE_DIR, "bad", "first_element.py");
const TEST_NAMES = [...readFileSync(join(EXERCISE_DIR, "tests.py"), "utf8").matchAll(/^def (test_\w+)\(/gm)].map((m) => m[1] ?? "");
/** A guard against a hang, not a speed check. */
const CLI_TIMEOUT_MS = 120_000;

const skip = await skipWithoutSandbox();

function roadwork(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return roadworkWith(process.env, ...args);
}

function roadworkWith(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync("bin/roadwork", args, { encoding: "utf8", timeout: CLI_TIMEOUT_MS, env });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("roadwork grade", { skip }, () => {
  it("passes the reference with exit code 0 and a line per test", () => {
    const run = roadwork("grade", EXERCISE_DIR, SOLUTION);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    for (const name of TEST_NAMES) assert.match(run.stdout, new RegExp(`✓ ${name}\\n`));
    assert.match(run.stdout, new RegExp(`PASS: all ${TEST_NAMES.length} tests passed`));
  });

  it("fails a wrong solution with exit code 1, showing what came back", () => {
    const run = roadwork("grade", EXERCISE_DIR, BAD);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /✗ test_empty_list_gives_empty_list/);
    assert.match(run.stdout, new RegExp(`FAIL: ${TEST_NAMES.length - 1} of ${TEST_NAMES.length} tests passed`));
  });

  it("prints the GradeReport with --json, before or after the paths", () => {
    for (const args of [["--json", EXERCISE_DIR, BAD], [EXERCISE_DIR, BAD, "--json"]]) {
      const run = roadwork("grade", ...args);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      const report = JSON.parse(run.stdout) as { version: number; status: string; tests: Array<{ name: string; status: string }> };
      assert.equal(report.version, 3);
      assert.equal(report.status, "fail");
      assert.deepEqual(
        report.tests.map((t) => t.name),
        TEST_NAMES,
      );
      assert.deepEqual(
        report.tests.filter((t) => t.status !== "pass").map((t) => t.name),
        ["test_empty_list_gives_empty_list"],
      );
    }
  });

  it("ends with exit code 2 and says why when the solution file cannot be read", () => {
    const run = roadwork("grade", EXERCISE_DIR, join(EXERCISE_DIR, "no-such-solution.py"));
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.match(run.stdout, /ERROR/);
    assert.match(run.stdout, /cannot read .*no-such-solution\.py \(ENOENT\)/);
  });

  it("shows grading that could not happen by its code, and the message as written, with no error class in front", () => {
    const human = roadwork("grade", EXERCISE_DIR, join(EXERCISE_DIR, "no-such-solution.py"));
    assert.match(human.stdout, /^ERROR \(BAD_INPUT\)$/m);
    assert.doesNotMatch(human.stdout, /Error:/);
    const json = roadwork("grade", "--json", EXERCISE_DIR, join(EXERCISE_DIR, "no-such-solution.py"));
    assert.equal(json.code, 2);
    assert.match((JSON.parse(json.stdout) as { message: string }).message, /^cannot read .*no-such-solution\.py \(ENOENT\)$/);
  });

  it("leaves --help and wrong arguments to commander", () => {
    const help = roadwork("grade", "--help");
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: roadwork grade \[options\] <exercise-dir> <solution-file>/);
    const missing = roadwork("grade", EXERCISE_DIR);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /missing required argument 'solution-file'/);
  });

  it("starts Node without NODE_EXTRA_CA_CERTS for grade only (Node 20 parses it at every start)", () => {
    // A file that does not exist: Node warns at start when it tries to load it.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: "/nonexistent/roadwork-test-ca.pem" };
    const grade = roadworkWith(env, "grade", EXERCISE_DIR, SOLUTION);
    assert.equal(grade.code, 0, grade.stdout + grade.stderr);
    assert.doesNotMatch(grade.stderr, /extra certs/);
    const help = roadworkWith(env, "--help");
    assert.equal(help.code, 0);
    assert.match(help.stderr, /Ignoring extra certs from `\/nonexistent\/roadwork-test-ca\.pem`/);
  });

  it("drops a verdict reached by a stale build instead of printing it", () => {
    // In a process of its own: this one's stdout carries the test runner's messages.
    const script = `
      import { gradeFast } from "./src/cli/commands/grade.ts";
      let asked = 0;
      const outcome = await gradeFast(${JSON.stringify([EXERCISE_DIR, SOLUTION])}, { buildIsCurrent: () => (asked++, false) });
      process.stderr.write(JSON.stringify({ outcome, asked }));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: CLI_TIMEOUT_MS });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stderr), { outcome: "stale-build", asked: 1 });
    assert.equal(run.stdout, "");
  });
});
