#!/usr/bin/env node
// A project's whole suite (every stage) on each of its reference apps, in the sandbox, next
// to that framework's bare import time measured in the same run. The floor: the Flask
// reference's full suite within 3x Flask's import time plus 2 seconds (plus 3 seconds for a
// project on PostgreSQL, `library`: its run also makes the run's role and database and drops
// them, and the first run may start the grading cluster). Runs the compiled
// code in dist/ (npm run bench builds it first).
//
//   node bench/project.mjs [PROJECT...]     (default: task-tracker, conduit, guestbook and library; event-tickets when named; BENCH_RUNS=N)
//
// BENCH_FRAMEWORKS=flask,flask* measures only those apps (flask* is the cheap-hash Flask
// variant); BENCH_UP_TO=N runs stages 1..N only (the floor then applies to that part);
// BENCH_STAGES=1 also prints each stage's median time and the app's starts per run.
//
// Then the start-up of the command itself: `roadwork test --stage 1 --json` as installed
// (bin/roadwork), its wall time minus the time the report prints, i.e. what a learner waits
// for beyond the grading. BENCH_BASELINE=DIR measures a second checkout (an earlier commit,
// built) in the same run, runs interleaved, and prints the ratio: for the start-up, and for each
// project's full suite on its Flask reference (the baseline's own code and stages).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { IMPORTS, importTimeMs, median } from "./lib/frameworks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const FRAMEWORKS = process.env.BENCH_FRAMEWORKS?.split(",").map((name) => name.trim());
const UP_TO = process.env.BENCH_UP_TO === undefined ? undefined : Number(process.env.BENCH_UP_TO);
const PER_STAGE = process.env.BENCH_STAGES === "1";

const dist = (rel) => pathToFileURL(join(root, "dist", rel)).href;
if (!existsSync(join(root, "dist", "grading", "project", "index.js"))) {
  console.error("bench/project: dist/ is missing; run `npm run build` first (npm run bench does)");
  process.exit(2);
}
const { loadProject, testProject } = await import(dist("grading/project/index.js"));
const { createSandbox } = await import(dist("grading/sandbox/index.js"));

const PROJECTS = ["task-tracker", "conduit", "guestbook", "library"];
/**
 * Projects measured only when named: their stages also run pytest in sandboxes of their own
 * (event-tickets: the learner's tests against 11 mutants and an equivalent, then the suite and
 * the contract tests, 16 runs), a cost the HTTP floor below does not describe.
 */
const RUNS_PYTEST = { "event-tickets": 16 };
const KNOWN = [...PROJECTS, ...Object.keys(RUNS_PYTEST)];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((id) => !KNOWN.includes(id));
if (unknown.length > 0) {
  console.error(`bench/project: unknown project ${unknown.join(", ")} (known: ${KNOWN.join(", ")})`);
  process.exit(2);
}

/**
 * The Flask reference with a cheap password hash: its sign-ups and logins hash with
 * werkzeug's default pbkdf2 (hundreds of thousands of rounds, ~60-100 ms each, ~30 of them
 * in a run), which is the app's work, not the runner's. This variant shows the runner's floor.
 */
function fastHashFlask(project) {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-bench-flask-"));
  cpSync(project.references.flask, dir, { recursive: true });
  const app = join(dir, "app.py");
  const source = readFileSync(app, "utf8");
  const changed = source.replace('generate_password_hash(data["password"])', 'generate_password_hash(data["password"], method="pbkdf2:sha256:1000")');
  if (changed === source) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  writeFileSync(app, changed);
  return dir;
}
const sandbox = await createSandbox();
let floorFailed = false;
try {
  for (const id of wanted.length > 0 ? wanted : PROJECTS) {
    if (await benchProject(loadProject(join(root, "tracks", "python-backend", "projects", id)))) floorFailed = true;
  }
} finally {
  await sandbox.close();
}

/** Prints the project's figures; true when the Flask reference misses the floor. */
async function benchProject(project) {
  let missed = false;
  const stageCount = Math.min(UP_TO ?? project.stages.length, project.stages.length);
  console.log(`\n${project.id}: ${stageCount === project.stages.length ? `${stageCount} stages` : `stages 1-${stageCount} of ${project.stages.length}`}, median of ${RUNS} full runs per reference\n`);
  console.log("framework   import (ms)   suite (ms)   suite/import   boot (ms)   in checks (ms)   sign-in (ms)   runner (ms)");
  const fastFlask = fastHashFlask(project);
  const apps = [
    ...Object.keys(IMPORTS).map((framework) => [framework, framework, project.references[framework]]),
    ...(fastFlask ? [["flask*", "flask", fastFlask]] : []),
  ];
  for (const [label, framework, appDir] of apps) {
    const statement = IMPORTS[framework];
    if (appDir === undefined || (FRAMEWORKS !== undefined && !FRAMEWORKS.includes(label))) continue;
    const imported = importTimeMs(statement);
    const suites = [];
    const boots = [];
    const inChecks = [];
    const signIns = [];
    const stageTimes = new Map();
    const starts = [];
    for (let i = 0; i < RUNS; i++) {
      let boot = 0;
      let signIn = 0;
      let stageStarted = 0;
      let restarts = 0;
      const started = performance.now();
      const onProgress = (e) => {
        if (e.kind === "ready") boot = e.bootMs;
        if (e.kind === "signed-in") signIn += e.ms;
        if (e.kind === "restarted") restarts++;
        if (e.kind === "stage-start") stageStarted = performance.now();
        if (e.kind === "stage-end") stageTimes.set(e.stage.n, [...(stageTimes.get(e.stage.n) ?? []), performance.now() - stageStarted]);
      };
      const report = await testProject({ sandbox, project, appDir, onProgress, ...(UP_TO === undefined ? {} : { upToStage: UP_TO }) });
      starts.push(1 + restarts);
      suites.push(performance.now() - started);
      boots.push(boot);
      signIns.push(signIn);
      // Time spent inside the checks: mostly the app's own work (password hashing, uploads).
      inChecks.push(report.tests.reduce((sum, t) => sum + (t.duration_ms ?? 0), 0));
      if (report.status !== "pass") {
        const failed = report.tests.find((t) => t.status !== "pass");
        console.error(`the ${framework} reference did not pass: ${report.message ?? ""}\n${failed?.message ?? ""}`);
        process.exitCode = 1;
        break;
      }
    }
    const suite = median(suites);
    const checks = median(inChecks);
    // What is neither boot, checks nor signing in: copying, services, stage loading, teardown.
    const runner = suite - median(boots) - checks - median(signIns);
    console.log(
      `${label.padEnd(11)} ${imported.toFixed(0).padStart(11)}   ${suite.toFixed(0).padStart(10)}   ${(suite / imported).toFixed(1).padStart(12)}   ${median(boots).toFixed(0).padStart(9)}   ${checks.toFixed(0).padStart(14)}   ${median(signIns).toFixed(0).padStart(12)}   ${runner.toFixed(0).padStart(11)}`,
    );
    if (PER_STAGE) {
      const shown = [...stageTimes].map(([n, times]) => `${n}:${median(times).toFixed(0)}`).join(" ");
      console.log(`            per stage (ms, the app's restarts within): ${shown}; the app answered after ${median(starts)} starts per run (refused starts not counted)`);
    }
    const pytestRuns = RUNS_PYTEST[project.id];
    if (label === "flask" && process.env.BENCH_BASELINE) await compareSuites(project, appDir, process.env.BENCH_BASELINE);
    if (framework === "flask" && pytestRuns !== undefined) {
      const pytestImport = importTimeMs("import pytest, flask");
      console.log(`            floor not applied: ${pytestRuns} sandboxed pytest runs in the suite; \`import pytest, flask\` alone ${pytestImport.toFixed(0)} ms, x ${pytestRuns} = ${(pytestRuns * pytestImport).toFixed(0)} ms`);
    } else if (framework === "flask") {
      // A PostgreSQL project's run also makes the run's role and database and drops them after.
      const allowance = project.database === "postgresql" ? 3000 : 2000;
      const floor = 3 * imported + allowance;
      const ok = suite <= floor;
      if (!ok && label === "flask") missed = true;
      console.log(`            floor: suite <= 3 x import + ${allowance} ms = ${floor.toFixed(0)} ms: ${ok ? "met" : "NOT MET"}`);
    }
  }
  if (fastFlask) {
    console.log("\nflask* = the Flask reference with a cheap password hash (pbkdf2, 1000 rounds): the runner's own floor");
    rmSync(fastFlask, { recursive: true, force: true });
  }
  return missed;
}

/**
 * The full suite on the Flask reference, this checkout and `baseline` (each with its own
 * compiled code, project and stages) taking turns, RUNS each: medians and their ratio.
 */
async function compareSuites(project, appDir, baseline) {
  const theirs = pathToFileURL(join(baseline, "dist", "grading", "project", "index.js")).href;
  const other = await import(theirs);
  const otherSandbox = await (await import(pathToFileURL(join(baseline, "dist", "grading", "sandbox", "index.js")).href)).createSandbox();
  const otherProject = other.loadProject(join(baseline, "tracks", "python-backend", "projects", project.id));
  const times = { ours: [], theirs: [] };
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const [side, run] of [
        ["ours", () => testProject({ sandbox, project, appDir, ...(UP_TO === undefined ? {} : { upToStage: UP_TO }) })],
        ["theirs", () => other.testProject({ sandbox: otherSandbox, project: otherProject, appDir: otherProject.references.flask, ...(UP_TO === undefined ? {} : { upToStage: UP_TO }) })],
      ]) {
        const started = performance.now();
        const report = await run();
        if (report.status !== "pass") throw new Error(`the Flask reference did not pass (${side}): ${report.message ?? ""}`);
        times[side].push(performance.now() - started);
      }
    }
  } finally {
    await otherSandbox.close();
  }
  const ours = median(times.ours);
  const base = median(times.theirs);
  console.log(`            against baseline ${baseline}, ${RUNS} runs each, taking turns: ${ours.toFixed(0)} ms vs ${base.toFixed(0)} ms, ratio ${(ours / base).toFixed(2)}`);
}

/** `roadwork test` on stage 1 of the Flask reference, as installed: wall time minus the printed time, in ms. */
function startUpMs(checkout) {
  const appDir = join(checkout, "tracks", "python-backend", "projects", "task-tracker", "reference", "flask");
  const started = performance.now();
  const run = spawnSync("/bin/sh", [join(checkout, "bin", "roadwork"), "test", "--project", "task-tracker", "--dir", appDir, "--stage", "1", "--json"], { cwd: checkout, encoding: "utf8" });
  const wall = performance.now() - started;
  const report = JSON.parse(run.stdout);
  if (report.status !== "pass") throw new Error(`roadwork test in ${checkout} did not pass stage 1: ${report.message ?? ""}`);
  return wall - report.duration_ms;
}

const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 9);
const baseline = process.env.BENCH_BASELINE;
// BENCH_STARTUP_RUNS=0 leaves the start-up out (a run that measures the suites only).
if (STARTUP_RUNS > 0) {
  const checkouts = [root, ...(baseline ? [baseline] : [])];
  // One run each first, so that both have their caches (the project's, Python's bytecode) warm.
  for (const checkout of checkouts) startUpMs(checkout);
  const startUps = new Map(checkouts.map((checkout) => [checkout, []]));
  for (let i = 0; i < STARTUP_RUNS; i++) for (const checkout of checkouts) startUps.get(checkout).push(startUpMs(checkout));
  console.log(`\nroadwork test start-up (wall time minus the printed time, stage 1 of task-tracker, Flask), median of ${STARTUP_RUNS}`);
  const nodeStart = median(
    Array.from({ length: STARTUP_RUNS }, () => {
      const started = performance.now();
      spawnSync(process.execPath, ["-e", "0"], { stdio: "ignore" });
      return performance.now() - started;
    }),
  );
  console.log(`  bare node -e 0: ${nodeStart.toFixed(0)} ms`);
  for (const checkout of checkouts) console.log(`  ${checkout === root ? "this checkout" : `baseline ${checkout}`}: ${median(startUps.get(checkout)).toFixed(0)} ms`);
  if (baseline) console.log(`  ratio this / baseline: ${(median(startUps.get(root)) / median(startUps.get(baseline))).toFixed(2)}`);
}
if (floorFailed) process.exitCode = 1;
