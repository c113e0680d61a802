#!/usr/bin/env node
// Where a warm verdict's time goes (docs/architecture.md, "Where a warm verdict's time goes").
//   timeline: one pair started and left to settle, then one grading of running-total on it,
//             with the moment each step was seen from Node (median of RUNS): the harness's
//             tests collected, the solution's load reply, the first request, the harness's
//             "done", the verdict returned, the solution's clean-up finished.
//   cpu:      the CPU one warm verdict costs the machine, its pair's start included (the pool
//             starts a new pair for each verdict): Node's own (process.cpuUsage) and the
//             sandboxes' (the reaped children's, /proc/self/stat), over RUNS verdicts.
// Usage: node bench/warm-cost.mjs [--runs 15] [--checkout <dir>]...  (default: this checkout;
// give --checkout twice to put a baseline beside it, e.g. the one bench/grade.mjs builds).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 15;
const checkouts = args.flatMap((arg, i) => (arg === "--checkout" && args[i + 1] !== undefined ? [args[i + 1]] : []));
if (checkouts.length === 0) checkouts.push(join(dirname(fileURLToPath(import.meta.url)), ".."));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU of reaped children (utime + stime), in ms; 10 ms ticks. */
const childrenCpu = () => {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(fields[13]) + Number(fields[14])) * 10;
};

for (const checkout of checkouts) {
  const dist = (path) => pathToFileURL(join(checkout, "dist", path)).href;
  const { createSandbox } = await import(dist("grading/sandbox/index.js"));
  const { spawnFunctionProcesses } = await import(dist("grading/exercise/spawn.js"));
  const { runFunctionSession } = await import(dist("grading/exercise/session.js"));
  const { createWarmGrader } = await import(dist("grading/exercise/warm.js"));
  const { sandboxLimitsFor } = await import(dist("grading/exercise/limits.js"));
  const { loadExercise } = await import(dist("content/exercise.js"));
  const dir = join(checkout, "test", "fixtures", "exercises", "running-total");
  const exercise = await loadExercise(dir);
  const source = readFileSync(join(dir, "solution.py"), "utf8");
  const sandbox = await createSandbox();
  const limits = sandboxLimitsFor(exercise.config.limits);

  // ------------------------------------------------------------ timeline on a settled pair
  const marks = {};
  for (let i = 0; i < RUNS; i++) {
    const procs = spawnFunctionProcesses(sandbox, { ...limits, wallTimeMs: 600_000 });
    await sleep(1000);
    const seen = {};
    const t0 = performance.now();
    const mark = (name) => (seen[name] ??= performance.now() - t0);
    procs.harness.channels[0].on("data", (chunk) => {
      const text = chunk.toString("latin1");
      if (text.includes('"collected"')) mark("tests collected");
      if (text.includes('"req"')) mark("first request");
      if (text.includes('"done"')) mark("harness done");
    });
    procs.solution.channels[0].once("data", () => mark("solution loaded"));
    void procs.solution.result.then(() => mark("solution cleaned up"));
    const report = await runFunctionSession(exercise.tests, source, procs, { limits, messageLimit: 4 * 1024 * 1024 });
    mark("verdict");
    await procs.solution.result;
    await procs.harness.result;
    if (report.status !== "pass") throw new Error(`did not pass: ${JSON.stringify(report).slice(0, 300)}`);
    for (const [name, at] of Object.entries(seen)) (marks[name] ??= []).push(at);
  }
  console.log(`${checkout}: one grading on a pair that waited, median of ${RUNS}, ms after the submission was handed over:`);
  for (const [name, at] of Object.entries(marks).sort((a, b) => median(a[1]) - median(b[1]))) console.log(`  ${name.padEnd(22)} ${median(at).toFixed(1)}`);

  // ------------------------------------------------------------ CPU per verdict, pair start included
  const grader = createWarmGrader({ sandbox, size: 1 });
  await sleep(1000);
  await grader.grade(exercise, source);
  await sleep(500);
  const node0 = process.cpuUsage();
  const kids0 = childrenCpu();
  for (let i = 0; i < RUNS; i++) {
    await sleep(300); // the new pair has started and waits, as in a server between submissions
    const report = await grader.grade(exercise, source);
    if (report.status !== "pass") throw new Error("did not pass");
  }
  await grader.close();
  await sleep(500);
  const node = process.cpuUsage(node0);
  const kids = childrenCpu() - kids0;
  console.log(`  CPU per verdict: Node ${((node.user + node.system) / 1000 / RUNS).toFixed(1)} ms, the sandboxed processes ${(kids / RUNS).toFixed(1)} ms (10 ms ticks; a pair's start included)`);
  await sandbox.close();
}
