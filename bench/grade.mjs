#!/usr/bin/env node
// Speed of exercise grading, this checkout against a baseline revision measured in the SAME
// run (the machine's load changes from minute to minute: only figures taken side by side,
// interleaved A B A B, compare).
//   cold: `bin/roadwork grade <running-total> <solution>` (the command as npm installs it),
//         median of RUNS runs, next to the baseline's, `/usr/bin/python3 -c pass`, pytest on
//         the same tests, and Exercism's python-test-runner (unsandboxed) when its path is given.
//   warm: the server's path (createWarmGrader), median and p95 per verdict and verdicts per
//         second with N = 1, 2, 4 gradings in parallel (a pool of N), in ROUNDS rounds per
//         side, alternating; and the N=1 median against a bare Python start plus the tests'
//         own time (the sum of the harness's per-test durations).
// Usage: node bench/grade.mjs [--runs 10] [--warm-gradings 40] [--rounds 4]
//          [--baseline <rev>|none] [--exercism <path of exercism/python-test-runner>] [--json]
// The baseline (default b7e5f58, main when this bench was written) is `git archive`d into
// /tmp/roadwork-baseline-<rev> and built there once (tsc and the grade bundle; node_modules
// linked from this checkout); later runs reuse it.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const RUNS = Number(option("--runs", "10"));
const WARM_GRADINGS = Number(option("--warm-gradings", "40"));
const ROUNDS = Math.max(1, Number(option("--rounds", "4")));
const BASELINE = option("--baseline", "b7e5f58");
const EXERCISM = option("--exercism", undefined);
// A frozen copy of running-total (six tests), so figures compare across days while the curriculum grows.
const fixture = (checkout) => join(checkout, "test", "fixtures", "exercises", "running-total");
const exerciseDir = fixture(root);
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

function timed(file, argv, options = {}) {
  const start = process.hrtime.bigint();
  const run = spawnSync(file, argv, { cwd: root, encoding: "utf8", ...options });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  return { elapsed, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The baseline checkout, built; undefined with --baseline none. */
function baselineCheckout() {
  if (BASELINE === "none") return undefined;
  const rev = execFileSync("git", ["rev-parse", "--short", BASELINE], { cwd: root, encoding: "utf8" }).trim();
  const dir = join(tmpdir(), `roadwork-baseline-${rev}`);
  if (existsSync(join(dir, "dist", "grade.cjs"))) return { rev, dir };
  process.stderr.write(`building the baseline ${rev} in ${dir} (once)...\n`);
  const partial = `${dir}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${rev} | tar -x -C "${partial}"`], { cwd: root, stdio: "inherit" });
  symlinkSync(join(root, "node_modules"), join(partial, "node_modules"));
  const step = (file, argv) => execFileSync(process.execPath, [file, ...argv], { cwd: partial, stdio: "inherit" });
  step(join(partial, "node_modules", "typescript", "bin", "tsc"), ["-p", "tsconfig.build.json"]);
  step(join(partial, "scripts", "bundle-grade.mjs"), []);
  // bin/roadwork.cjs rebuilds when src/ is newer than this stamp: it is not.
  execFileSync("touch", [join(partial, "dist", ".tsbuildinfo")]);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { rev, dir };
}

const sides = [{ name: "this checkout", dir: root }];
const baseline = baselineCheckout();
if (baseline !== undefined) sides.push({ name: `baseline ${baseline.rev}`, dir: baseline.dir });
else console.log("no baseline (--baseline none): this checkout alone");

// ---------------------------------------------------------------- cold path
const gradeArgs = (side) => ["grade", fixture(side.dir), solution];
for (const side of sides) {
  // Builds when stale and fills the exercise cache, so that no timed run pays for it.
  const warmup = timed(join(side.dir, "bin", "roadwork"), gradeArgs(side));
  if (warmup.status !== 0) {
    process.stderr.write(`${side.name}: the reference solution did not pass (exit ${warmup.status}):\n${warmup.stdout}${warmup.stderr}`);
    process.exit(1);
  }
  side.cold = [];
}
// What Exercism's runner is built on, without its sandbox or its reporter: pytest on the same tests.
const pytestDir = mkdtempSync(join(tmpdir(), "roadwork-bench-pytest-"));
copyFileSync(join(exerciseDir, "tests.py"), join(pytestDir, "tests.py"));
copyFileSync(solution, join(pytestDir, "solution.py"));
const pytestArgs = ["-m", "pytest", "-q", "-p", "no:cacheprovider", join(pytestDir, "tests.py")];
const hasPytest = spawnSync("/usr/bin/python3", pytestArgs, { cwd: pytestDir }).status === 0;
// Exercism's python-test-runner, as its bin/run.sh starts it (PYTHONPATH = the runner, cwd =
// the runner), with Debian's Python, unsandboxed: the tests as <slug>_test.py beside the solution.
let exercism;
if (EXERCISM !== undefined) {
  if (!existsSync(join(EXERCISM, "bin", "run.py"))) {
    console.log(`Exercism's runner: no bin/run.py under ${EXERCISM}, left out`);
  } else {
    const input = mkdtempSync(join(tmpdir(), "roadwork-bench-exercism-in-"));
    const output = mkdtempSync(join(tmpdir(), "roadwork-bench-exercism-out-"));
    copyFileSync(join(exerciseDir, "tests.py"), join(input, "running_total_test.py"));
    copyFileSync(solution, join(input, "solution.py"));
    const run = () => timed("/usr/bin/python3", [join("bin", "run.py"), "running-total", input, output], { cwd: EXERCISM, env: { ...process.env, PYTHONPATH: EXERCISM } });
    const first = run();
    const status = first.status === 0 ? JSON.parse(readFileSync(join(output, "results.json"), "utf8")).status : undefined;
    if (status !== "pass") console.log(`Exercism's runner did not pass the reference solution (exit ${first.status}, status ${status}), left out`);
    else exercism = { run, times: [] };
  }
} else {
  console.log("Exercism's runner: not measured (give --exercism <path of a checkout of github.com/exercism/python-test-runner>)");
}

// Interleaved, so that the machine's ups and downs hit every command alike.
const bare = [];
const pytest = [];
for (let i = 0; i < RUNS; i++) {
  for (const side of sides) {
    const run = timed(join(side.dir, "bin", "roadwork"), gradeArgs(side));
    if (run.status !== 0) throw new Error(`${side.name}: grading run ${i} ended with exit code ${run.status}: ${run.stdout}${run.stderr}`);
    side.cold.push(run.elapsed);
  }
  bare.push(timed("/usr/bin/python3", ["-c", "pass"]).elapsed);
  if (hasPytest) pytest.push(timed("/usr/bin/python3", pytestArgs).elapsed);
  if (exercism !== undefined) exercism.times.push(exercism.run().elapsed);
}
const bareMedian = median(bare);
console.log(`machine load average ${loadavg()[0].toFixed(1)} at the start (figures are medians of runs interleaved with each other)`);
for (const side of sides) {
  console.log(`cold bin/roadwork grade (running-total, 6 tests), ${side.name}, median of ${RUNS}: ${ms(median(side.cold))}  (min ${ms(Math.min(...side.cold))}, p95 ${ms(percentile(side.cold, 95))}); ${(median(side.cold) / bareMedian).toFixed(1)}x bare python`);
}
console.log(`bare /usr/bin/python3 -c pass, median of ${RUNS}: ${ms(bareMedian)}`);
const coldMedian = median(sides[0].cold);
if (hasPytest) console.log(`pytest on the same tests and solution, no sandbox, median of ${RUNS}: ${ms(median(pytest))}; cold grade / pytest ${(coldMedian / median(pytest)).toFixed(2)}x`);
if (exercism !== undefined) {
  console.log(`Exercism's python-test-runner (${EXERCISM}), unsandboxed, median of ${RUNS}: ${ms(median(exercism.times))}; cold grade / Exercism ${(coldMedian / median(exercism.times)).toFixed(2)}x  (floor: at most 0.8x)`);
}

// ---------------------------------------------------------------- warm path
const results = [];
if (WARM_GRADINGS > 0) {
  for (const side of sides) {
    const dist = (path) => pathToFileURL(join(side.dir, "dist", path)).href;
    const { createSandbox } = await import(dist("grading/sandbox/index.js"));
    side.createWarmGrader = (await import(dist("grading/exercise/warm.js"))).createWarmGrader;
    side.exercise = await (await import(dist("content/exercise.js"))).loadExercise(fixture(side.dir));
    side.sandbox = await createSandbox();
  }
  const source = readFileSync(solution, "utf8");
  const perRound = Math.max(1, Math.ceil(WARM_GRADINGS / ROUNDS));

  /** One round on one side: a fresh pool of `parallel`, ready, then `perRound` verdicts timed. */
  const round = async (side, parallel) => {
    const grader = side.createWarmGrader({ sandbox: side.sandbox, size: parallel });
    const waitReady = async () => {
      for (let i = 0; i < 200 && grader.ready(side.exercise) < parallel; i++) await new Promise((r) => setTimeout(r, 25));
      // ready() counts pairs still starting: give them time to be waiting for a submission.
      await new Promise((r) => setTimeout(r, 300));
    };
    await waitReady();
    // one untimed round so the pool is in its steady state
    await Promise.all(Array.from({ length: parallel }, () => grader.grade(side.exercise, source)));
    await waitReady();
    const latencies = [];
    const testsMs = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (next < perRound) {
          next += 1;
          const t = performance.now();
          const report = await grader.grade(side.exercise, source);
          latencies.push(performance.now() - t);
          if (report.status !== "pass") throw new Error(`${side.name}: warm grading did not pass: ${JSON.stringify(report).slice(0, 500)}`);
          testsMs.push(report.tests.reduce((sum, test) => sum + (test.duration_ms ?? 0), 0));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = grader.stats();
    await grader.close();
    return { latencies, testsMs, seconds, stats };
  };

  const warmBare = [];
  for (const parallel of [1, 2, 4]) {
    const acc = sides.map(() => ({ latencies: [], testsMs: [], seconds: 0, warm: 0, cold: 0 }));
    for (let r = 0; r < ROUNDS; r++) {
      // A B, then B A: neither side always goes first.
      const order = r % 2 === 0 ? sides.map((_, i) => i) : sides.map((_, i) => i).reverse();
      for (const i of order) {
        const out = await round(sides[i], parallel);
        const a = acc[i];
        a.latencies.push(...out.latencies);
        a.testsMs.push(...out.testsMs);
        a.seconds += out.seconds;
        a.warm += out.stats.warm;
        a.cold += out.stats.cold;
        if (parallel === 1) warmBare.push(timed("/usr/bin/python3", ["-c", "pass"]).elapsed);
      }
    }
    const rows = sides.map((side, i) => {
      const a = acc[i];
      const row = { side: side.name, parallel, median: median(a.latencies), p95: percentile(a.latencies, 95), perSecond: a.latencies.length / a.seconds, testsMs: median(a.testsMs), warm: a.warm, cold: a.cold };
      console.log(`warm, N=${parallel} in parallel, ${side.name}: median ${ms(row.median)}, p95 ${ms(row.p95)}, ${row.perSecond.toFixed(1)} verdicts/s  (${a.latencies.length} verdicts in ${ROUNDS} rounds; ${a.warm} warm, ${a.cold} cold starts)`);
      return row;
    });
    results.push(...rows);
    if (rows.length === 2) {
      console.log(`  N=${parallel}: verdicts/s ${(rows[0].perSecond / rows[1].perSecond).toFixed(2)}x the baseline (floor: 2x), median ${(rows[0].median / rows[1].median).toFixed(2)}x`);
    }
    if (parallel === 1) {
      const own = rows[0];
      const bound = median(warmBare) + own.testsMs;
      console.log(`  N=1 median ${ms(own.median)} against bare python -c pass ${ms(median(warmBare))} (measured between rounds) + the tests' own time ${ms(own.testsMs)} = ${ms(bound)}: ${(own.median / bound).toFixed(2)}x (floor: within 2x)`);
    }
  }
  for (const side of sides) await side.sandbox.close();
}

if (args.includes("--json")) {
  console.log(JSON.stringify({ cold: Object.fromEntries(sides.map((s) => [s.name, { median: median(s.cold), runs: s.cold }])), bare: { median: bareMedian }, pytest: hasPytest ? { median: median(pytest) } : undefined, exercism: exercism ? { median: median(exercism.times) } : undefined, warm: results }));
}
writeFileSync(join(work, "done"), "");
