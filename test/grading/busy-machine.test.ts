/**
 * Limits named the same on a busy machine: a solution that spins is stopped by its CPU-time
 * limit, even when other work leaves it so little of a CPU that it reaches the wall-time
 * limit first by the clock; one that sleeps is still stopped by the wall-time limit. The
 * session's own wall clock (and the harness's timer behind it) must not cut the spin first.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import type { FunctionExercise } from "../../src/content/exercise.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import { closeSandbox, exercise, fixture, read, summary, theSandbox } from "./helpers.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

after(closeSandbox);

const skip = await skipWithoutSandbox();
// A frozen copy of the built-in running-total (six tests): the curriculum may change, these checks may not.
const runningTotal = fixture("running-total");

/** Busy loops, each its own session (its own scheduler autogroup, like other graders or services). */
function busyMachine(loops: number): () => void {
  const spinners: ChildProcess[] = Array.from({ length: loops }, () =>
    spawn("/usr/bin/timeout", ["30", "/bin/sh", "-c", "while :; do :; done"], { detached: true, stdio: "ignore" }),
  );
  return () => {
    for (const spinner of spinners) if (spinner.pid !== undefined) process.kill(-spinner.pid, "SIGKILL");
  };
}

async function gradeWithLimits(source: string): Promise<Awaited<ReturnType<typeof gradeSubmission>>> {
  const base = await exercise(runningTotal);
  // 0.4 s of CPU within 1.5 s: with eight busy loops on the machine the spin gets a small
  // share of a core and reaches 1.5 s by the clock long before 0.4 s of CPU.
  const limited = { ...base, config: { ...base.config, limits: { ...base.config.limits, cpu_time_ms: 400, wall_time_ms: 1500 } } };
  return gradeSubmission(limited, source, { sandbox: await theSandbox() });
}

/** Grades `source` next to `loops` busy loops and returns the names of the limits it hit. */
async function limitsHitOnBusyMachine(loops: number, source: string): Promise<string[]> {
  const stop = busyMachine(loops);
  try {
    const report = await gradeWithLimits(source);
    assert.notEqual(report.status, "pass", summary(report));
    return (report.limits_hit ?? []).map((hit) => hit.limit);
  } finally {
    stop();
  }
}

describe("function exercises on a busy machine", { skip }, () => {
  it("names the CPU-time limit for a spinning solution, not the wall-time limit", async () => {
    assert.deepEqual(await limitsHitOnBusyMachine(8, "def running_total(numbers):\n    while True:\n        pass\n"), ["cpu-time"]);
  });

  it("still names the wall-time limit for a sleeping solution", async () => {
    assert.deepEqual(await limitsHitOnBusyMachine(4, "import time\n\ndef running_total(numbers):\n    time.sleep(60)\n"), ["wall-time"]);
  });
});

/** running-total with tests that work for `pauseS` seconds (a sleep) before each of `calls` calls. */
async function slowTests(pauseS: number, calls = 3): Promise<FunctionExercise> {
  const base = await exercise(runningTotal);
  assert.equal(base.kind, "function");
  const numbers = Array.from({ length: calls }, (_, i) => i + 1);
  const tests = [
    "import time",
    "from solution import running_total",
    "",
    ...numbers.flatMap((n) => [`def test_call_${n}():`, `    time.sleep(${pauseS})`, `    assert running_total([${n}, 1]) == [${n}, ${n + 1}]`, ""]),
  ].join("\n");
  return { ...(base as FunctionExercise), tests, config: { ...base.config, limits: { ...base.config.limits, wall_time_ms: 1000 } } };
}

describe("the solution's wall clock", { skip }, () => {
  it("does not count the tests' own work between calls: 3 x 0.6 s of it pass a 1 s limit", async () => {
    const report = await gradeSubmission(await slowTests(0.6), read(runningTotal, "solution.py"), { sandbox: await theSandbox() });
    assert.equal(report.status, "pass", summary(report));
  });

  it("adds up the time the solution takes in its calls: no call takes 1 s, five of 0.3 s reach a 1 s limit", async () => {
    const source = "import time\n\ndef running_total(numbers):\n    time.sleep(0.3)\n    out, total = [], 0\n    for n in numbers:\n        total += n\n        out.append(total)\n    return out\n";
    const report = await gradeSubmission(await slowTests(0, 5), source, { sandbox: await theSandbox() });
    assert.notEqual(report.status, "pass", summary(report));
    assert.deepEqual((report.limits_hit ?? []).map((hit) => hit.limit), ["wall-time"]);
    const statuses = report.tests.map((t) => t.status);
    assert.equal(statuses[0], "pass", "the first call alone is well within the limit");
    assert.equal(statuses[4], "error", "by the fifth call the solution has taken 1.5 s");
  });
});
