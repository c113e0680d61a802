import { describe, it, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { createWarmGrader, type WarmGrader } from "../../src/grading/exercise/warm.js";
import type { GradeReport } from "../../src/grading/report.js";
import { badSolutions, closeSandbox, exercise, fixture, grade, read, theSandbox, track } from "./helpers.js";

let warm: WarmGrader;
before(async () => {
  warm = createWarmGrader({ sandbox: await theSandbox(), size: 2 });
});
after(async () => {
  await warm.close();
  await closeSandbox();
});

/** What must be the same cold and warm: everything but timings. */
function verdictOf(report: GradeReport): unknown {
  return {
    status: report.status,
    message: report.message,
    tamper_proof: report.tamper_proof,
    limits: (report.limits_hit ?? []).map((h) => h.limit),
    tests: report.tests.map((t) => [t.name, t.status, t.message, t.output, t.task_id]),
  };
}

const runningTotal = track("running-total");
const cases: Array<[string, string, string]> = [
  ["running-total reference", runningTotal, read(runningTotal, "solution.py")],
  ...badSolutions(runningTotal).map((bad): [string, string, string] => [`running-total ${bad}`, runningTotal, read(runningTotal, `bad/${bad}`)]),
  ["letter-grade reference", track("letter-grade"), read(track("letter-grade"), "solution.py")],
  ["bank-account without exceptions", fixture("bank-account"), read(fixture("bank-account"), "bad/no_exception.py")],
  ["exit at import", fixture("double"), "import os\nos._exit(0)\n"],
  ["syntax error", fixture("double"), "def double(x) return x\n"],
  ["memory bomb", fixture("double"), "def double(x):\n    b = []\n    while True:\n        b.append(bytearray(8 << 20))\n"],
];

describe("the warm grader", () => {
  for (const [name, dir, source] of cases) {
    it(`gives the same verdict as a cold grading: ${name}`, async () => {
      const ex = await exercise(dir);
      warm.prepare(ex);
      const cold = await grade(dir, source);
      for (let i = 0; i < 100 && warm.ready(ex) === 0; i++) await sleep(50);
      const before = warm.stats().warm;
      const hot = await warm.grade(ex, source);
      assert.equal(warm.stats().warm, before + 1, "the grading used a waiting pair");
      assert.deepEqual(verdictOf(hot), verdictOf(cold));
    });
  }

  it("uses each waiting pair once, grades in parallel, and refills the pool", async () => {
    const ex = await exercise(fixture("double"));
    const reports = await Promise.all([1, 2, 3].map(() => warm.grade(ex, read(fixture("double"), "solution.py"))));
    assert.deepEqual(reports.map((r) => r.status), ["pass", "pass", "pass"]);
    for (let i = 0; i < 100 && warm.ready(ex) < 2; i++) await sleep(50);
    assert.equal(warm.ready(ex), 2);
  });

  it("gives every one of many submissions graded at once its own whole verdict", async () => {
    // Each pair's harness is a child of the harness server: its end is told on another socket
    // than its frames, and a verdict must never be decided before its last frame was read.
    const ex = await exercise(runningTotal);
    const source = read(runningTotal, "solution.py");
    const statuses: string[] = [];
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let i = 0; i < 8; i++) {
          const report = await warm.grade(ex, source);
          statuses.push(report.status === "pass" ? "pass" : `${report.status}: ${report.message ?? ""}`);
        }
      }),
    );
    assert.deepEqual(statuses.filter((s) => s !== "pass"), []);
    assert.equal(statuses.length, 24);
  });
});
