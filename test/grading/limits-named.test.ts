/**
 * Every outcome is named from what actually happened: a value that cannot travel is not a
 * time limit, a solution that exits or crashes while it is imported is the learner's failure
 * (not an `error`, which means grading itself broke), and a program that never ends stops the
 * grading at its first time limit instead of running every case to it.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import type { Exercise } from "../../src/content/exercise.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import { verdict } from "../../src/grading/exercise/harness-verdict.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, exercise, fixture, grade, summary, testNamed, theSandbox } from "./helpers.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

after(closeSandbox);

const skip = await skipWithoutSandbox();
const double = fixture("double");
const echo = fixture("echo-upper");

/** Short time limits, so that a solution that never ends costs the test about a second. */
function quick(base: Exercise): Exercise {
  return { ...base, config: { ...base.config, limits: { ...base.config.limits, cpu_time_ms: 500, wall_time_ms: 1500 } } } as Exercise;
}

async function gradeQuick(dir: string, source: string, change?: (e: Exercise) => Exercise): Promise<GradeReport> {
  const limited = quick(await exercise(dir));
  return gradeSubmission(change ? change(limited) : limited, source, { sandbox: await theSandbox() });
}

describe("a value that cannot be sent back is named, not reported as a time limit", { skip }, () => {
  it("fails a function that returns a list containing itself, saying so, with no limit hit", async () => {
    const report = await grade(double, "def double(x):\n    a = []\n    a.append(a)\n    return a\n");
    assert.equal(report.status, "fail", summary(report));
    assert.equal(report.limits_hit, undefined, summary(report));
    const test = testNamed(report, "test_two");
    assert.equal(test.status, "fail");
    assert.match(test.message ?? "", /^your code returned a value that refers to itself \(a list that contains itself\), which cannot be compared$/);
  });

  it("fails a function that returns a list nested 10,000 levels deep, naming the depth, with no limit hit", async () => {
    const report = await grade(double, "def double(x):\n    a = []\n    for _ in range(10000):\n        a = [a]\n    return a\n");
    assert.equal(report.status, "fail", summary(report));
    assert.equal(report.limits_hit, undefined, summary(report));
    assert.match(testNamed(report, "test_two").message ?? "", /^your code returned a value nested more than 100 levels deep, which cannot be compared$/);
  });

  it("still sends back a value that holds the same list twice (shared, not a cycle)", async () => {
    const report = await grade(double, "def double(x):\n    shared = [x]\n    return [shared, shared] if x == 2 else 2 * x\n");
    assert.match(testNamed(report, "test_two").message ?? "", /^got \[\[2\], \[2\]\]$/m, summary(report));
    assert.equal(testNamed(report, "test_negative").status, "pass");
  });
});

describe("what the learner's code did while it was imported is a failure that names it", { skip }, () => {
  it("os._exit(0) at import: fail, naming the exit status and that no test ran", async () => {
    const report = await grade(double, "import os\nos._exit(0)\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /^your code exited with status 0 while solution\.py was being imported, before any test ran/);
  });

  it("sys.exit(3) at import: fail, naming the call", async () => {
    const report = await grade(double, "import sys\nsys.exit(3)\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /^your code called sys\.exit\(3\) while solution\.py was being imported, before any test ran/);
  });

  it("a segfault through ctypes at import: fail, naming the signal", async () => {
    const report = await grade(double, "import ctypes\nctypes.string_at(0)\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /^your code was killed by SIGSEGV .* while solution\.py was being imported, before any test ran/);
  });

  it("os._exit(0) at import in compatible mode: fail too, with no test run", async () => {
    const report = await grade(fixture("double-compat"), "import os\nos._exit(0)\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /^your code exited with status 0 while solution\.py was being imported, before any test ran/);
  });

  it("an endless loop at import: fail, naming the time limit it reached", async () => {
    const report = await gradeQuick(double, "while True:\n    pass\n");
    assert.equal(report.status, "fail", summary(report));
    assert.ok(report.limits_hit?.some((h) => h.limit === "cpu-time" || h.limit === "wall-time"), summary(report));
    assert.match(report.message ?? "", /time limit [\d.]+ s reached: solution\.py was still being imported, before any test ran$/);
  });
});

describe("a program that never ends stops at its first time limit", { skip }, () => {
  const sixCases = (e: Exercise): Exercise => {
    if (e.kind !== "program") throw new Error("echo-upper is a program exercise");
    const cases = Array.from({ length: 6 }, (_, i) => ({ name: `case ${i + 1}`, stdin: `x${i}\n`, args: [], stdout: `X${i}\n`, exit_code: 0 }));
    return { ...e, cases };
  };

  it("reports the case that reached the limit, and the others as not run, naming it", async () => {
    const report = await gradeQuick(echo, "while True:\n    pass\n", sixCases);
    assert.equal(report.status, "fail", summary(report));
    assert.equal(report.tests.length, 6);
    const limited = report.tests.filter((t) => /time limit [\d.]+ s reached/.test(t.message ?? ""));
    const notRun = report.tests.filter((t) => (t.message ?? "").startsWith("not run: "));
    // Cases run two at a time: at most two ever started, and every other one was never run.
    assert.ok(limited.length >= 1 && limited.length <= 2, summary(report));
    assert.equal(limited.length + notRun.length, 6, summary(report));
    assert.ok(notRun.every((t) => t.status === "fail"), summary(report));
    // Two cases run at once, so either may reach its limit first: the message names that one.
    const named = /^case "([^"]+)" reached the (CPU )?time limit [\d.]+ s, so (\d+) of 6 cases were not run$/.exec(report.message ?? "");
    assert.ok(named !== null, summary(report));
    assert.ok(limited.some((t) => t.name === named[1]), `the named case reached a time limit: ${summary(report)}`);
    assert.equal(Number(named[3]), notRun.length, summary(report));
  });

  it("runs every case of a program that ends", async () => {
    const report = await gradeQuick(echo, "print(input().upper())\n", sixCases);
    assert.equal(report.status, "pass", summary(report));
    assert.ok(report.tests.every((t) => t.status === "pass"));
  });
});

describe("a pass never carries a time limit", () => {
  it("drops a time limit noted after every test had passed, keeps the others", () => {
    const tests = [{ name: "test_two" }];
    const report = verdict({
      collected: tests,
      results: [{ name: "test_two", status: "pass" }],
      current: undefined,
      problem: undefined,
      contentError: undefined,
      loadFailure: undefined,
      limitsHit: [
        { limit: "cpu-time", message: "CPU time limit 2 s reached" },
        { limit: "open-files", message: "open files limit 64 reached" },
      ],
      done: true,
      durationMs: 12,
    });
    assert.equal(report.status, "pass");
    assert.deepEqual(report.limits_hit?.map((h) => h.limit), ["open-files"]);
  });
});
