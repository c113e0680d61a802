#!/usr/bin/env node
// Speed of exercise grading (see the brief's floor: a cold `roadwork grade` of the 6-test
// running-total within 10x a bare interpreter start, and faster than 270 ms).
//   cold: `bin/roadwork grade tracks/python-backend/exercises/running-total <solution>` (the
//         command as npm installs it), median of RUNS runs, next to `/usr/bin/python3 -c pass`
//         and pytest on the same tests, measured in the same run.
//   warm: the server's path (createWarmGrader), median and p95 per verdict and verdicts per
//         second with N = 1, 2, 4 gradings in parallel.
// Usage: node bench/grade.mjs [--runs 20] [--warm-gradings 40] [--json]
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option("--runs", 20);
const WARM_GRADINGS = option("--warm-gradings", 40);
// A frozen copy of running-total (six tests), so figures compare across days while the curriculum grows.
const exerciseDir = join(root, "test", "fixtures", "exercises", "running-total");
const work = mkdtempSync(join(tmpdir(), "roadwork-bench-"));
const solution = join(work, "solution.py");
copyFileSync(join(exerciseDir, "solution.py"), solution);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function timed(file, argv, env = process.env) {
  const start = process.hrtime.bigint();
  const run = spawnSync(file, argv, { cwd: root, encoding: "utf8", env });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  return { elapsed, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const gradeArgs = ["grade", exerciseDir, solution];
// Build once (bin/roadwork.cjs builds dist/ when src/ is newer) so no run pays for it.
const warmup = timed(join(root, "bin", "roadwork"), gradeArgs);
if (warmup.status !== 0) {
  process.stderr.write(`the reference solution did not pass (exit ${warmup.status}):\n${warmup.stdout}${warmup.stderr}`);
  process.exit(1);
}
// What Exercism's runner is built on, without its sandbox or its reporter: pytest on the same tests.
const pytestDir = mkdtempSync(join(tmpdir(), "roadwork-bench-pytest-"));
copyFileSync(join(exerciseDir, "tests.py"), join(pytestDir, "tests.py"));
copyFileSync(solution, join(pytestDir, "solution.py"));
const pytestArgs = ["-m", "pytest", "-q", "-p", "no:cacheprovider", join(pytestDir, "tests.py")];
const hasPytest = spawnSync("/usr/bin/python3", pytestArgs, { cwd: pytestDir }).status === 0;

// Interleaved, so that the machine's ups and downs hit every command alike:
//   bin/roadwork grade       the command as npm installs it (what a learner runs)
//   node bin/roadwork.cjs    the same, Node started directly with the environment untouched
//   /usr/bin/python3 -c pass the baseline of the floor
const cold = [];
const direct = [];
const bare = [];
const pytest = [];
for (let i = 0; i < RUNS; i++) {
  const run = timed(join(root, "bin", "roadwork"), gradeArgs);
  if (run.status !== 0) throw new Error(`grading run ${i} ended with exit code ${run.status}: ${run.stdout}${run.stderr}`);
  cold.push(run.elapsed);
  const viaNode = timed(process.execPath, [join(root, "bin", "roadwork.cjs"), ...gradeArgs]);
  if (viaNode.status !== 0) throw new Error(`grading run ${i} ended with exit code ${viaNode.status}: ${viaNode.stdout}${viaNode.stderr}`);
  direct.push(viaNode.elapsed);
  bare.push(timed("/usr/bin/python3", ["-c", "pass"]).elapsed);
  if (hasPytest) pytest.push(timed("/usr/bin/python3", pytestArgs).elapsed);
}
const coldMedian = median(cold);
const directMedian = median(direct);
const bareMedian = median(bare);
const withoutCa = { ...process.env };
delete withoutCa.NODE_EXTRA_CA_CERTS;
const nodeBare = median(Array.from({ length: 10 }, () => timed(process.execPath, ["-e", "0"]).elapsed));
const nodeBareWithoutCa = median(Array.from({ length: 10 }, () => timed(process.execPath, ["-e", "0"], withoutCa).elapsed));

console.log(`cold bin/roadwork grade (running-total, 6 tests), median of ${RUNS}: ${ms(coldMedian)}  (min ${ms(Math.min(...cold))}, p95 ${ms(percentile(cold, 95))})`);
console.log(`cold node bin/roadwork.cjs grade (environment untouched), median of ${RUNS}: ${ms(directMedian)}  (min ${ms(Math.min(...direct))})`);
console.log(`bare /usr/bin/python3 -c pass, median of ${RUNS}: ${ms(bareMedian)}`);
console.log(`ratio cold grade / bare python: ${(coldMedian / bareMedian).toFixed(1)}x (bin/roadwork), ${(directMedian / bareMedian).toFixed(1)}x (node bin/roadwork.cjs)  (floor: 10x)`);
if (hasPytest) console.log(`pytest on the same tests and solution, no sandbox (what Exercism's runner is built on), median of ${RUNS}: ${ms(median(pytest))}: cold grade / pytest ${(coldMedian / median(pytest)).toFixed(2)}x`);
console.log(`for reference, bare node -e 0: ${ms(nodeBare)}${process.env.NODE_EXTRA_CA_CERTS === undefined ? "" : `, and ${ms(nodeBareWithoutCa)} without NODE_EXTRA_CA_CERTS, which this environment sets (Node 20 parses it at every start; bin/roadwork drops it for grade)`}; machine load average ${(await import("node:os")).loadavg()[0].toFixed(1)}`);

// ---------------------------------------------------------------- warm path
if (WARM_GRADINGS <= 0) process.exit(0);
const dist = (path) => pathToFileURL(join(root, "dist", path)).href;
const { createSandbox } = await import(dist("grading/sandbox/index.js"));
const { createWarmGrader } = await import(dist("grading/exercise/warm.js"));
const { loadExercise } = await import(dist("content/exercise.js"));
const exercise = await loadExercise(exerciseDir);
const source = (await import("node:fs")).readFileSync(solution, "utf8");
const sandbox = await createSandbox();
const results = [];
for (const parallel of [1, 2, 4]) {
  const grader = createWarmGrader({ sandbox, size: parallel });
  const waitReady = async () => {
    for (let i = 0; i < 200 && grader.ready(exercise) < parallel; i++) await new Promise((r) => setTimeout(r, 25));
  };
  await waitReady();
  // one untimed round so the pool is in its steady state
  await Promise.all(Array.from({ length: parallel }, () => grader.grade(exercise, source)));
  await waitReady();
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < WARM_GRADINGS) {
        next += 1;
        const t = performance.now();
        const report = await grader.grade(exercise, source);
        latencies.push(performance.now() - t);
        if (report.status !== "pass") throw new Error(`warm grading did not pass: ${JSON.stringify(report).slice(0, 500)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const stats = grader.stats();
  await grader.close();
  results.push({ parallel, median: median(latencies), p95: percentile(latencies, 95), perSecond: latencies.length / seconds, warm: stats.warm, cold: stats.cold });
  console.log(
    `warm, N=${parallel} in parallel: median ${ms(median(latencies))}, p95 ${ms(percentile(latencies, 95))}, ${(latencies.length / seconds).toFixed(1)} verdicts/s  (${stats.warm} warm, ${stats.cold} cold starts)`,
  );
}
await sandbox.close();

if (args.includes("--json")) {
  console.log(JSON.stringify({ cold: { median: coldMedian, runs: cold }, viaNode: { median: directMedian, runs: direct }, bare: { median: bareMedian }, pytest: hasPytest ? { median: median(pytest) } : undefined, ratio: coldMedian / bareMedian, warm: results }));
}
writeFileSync(join(work, "done"), "");
