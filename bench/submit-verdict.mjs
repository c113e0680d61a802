#!/usr/bin/env node
// Submit-to-verdict through the running server: `roadwork serve` with warm in-process
// workers, a learner submits running-total's reference solution over HTTP and follows the
// live-results stream until `done`. Median and p95 of RUNS submissions one after another,
// then of PARALLEL submissions at once; next to a cold `roadwork grade` of the same
// solution measured in the same run.
// Usage: node bench/submit-verdict.mjs [--runs 30] [--parallel 4] [--workers 2] [--json]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { listeningBase, signUpBench } from "./lib/bench-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option("--runs", 30);
const PARALLEL = option("--parallel", 4);
const WORKERS = option("--workers", 2);
const JSON_OUT = args.includes("--json");
// A frozen copy of running-total (six tests), so figures compare across days while the curriculum grows.
const exerciseDir = join(root, "test", "fixtures", "exercises", "running-total");
const solutionPath = join(exerciseDir, "solution.py");
const source = readFileSync(solutionPath, "utf8");

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const ms = (x) => `${x.toFixed(0).padStart(5)} ms`;

// Cold: the whole `roadwork grade` command as npm installs it (bin/roadwork), a new process
// each time. dist/ is built once here (bin/roadwork.cjs builds it when src/ is newer).
spawnSync(join(root, "bin", "roadwork"), ["--help"], { cwd: root });
const cli = join(root, "dist", "cli", "main.js");
const cold = [];
for (let i = 0; i < Math.min(RUNS, 15); i++) {
  const start = performance.now();
  const run = spawnSync(join(root, "bin", "roadwork"), ["grade", exerciseDir, solutionPath], { cwd: root, encoding: "utf8" });
  cold.push(performance.now() - start);
  if (run.status !== 0) {
    process.stderr.write(`cold grade did not pass (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), "roadwork-verdict-"));
const server = spawn(process.execPath, [cli, "serve", "--data", work, "--port", "0", "--workers", String(WORKERS), "--log-level", "error"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
try {
  const base = await listeningBase(server);
  const { cookie, csrfToken } = await signUpBench(base);
  const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };

  /** One submission: POST, then the SSE stream until `done`. Resolves with the elapsed ms and the status. */
  const submitOnce = async () => {
    const start = performance.now();
    const response = await fetch(`${base}/api/exercises/running-total/submissions`, { method: "POST", headers, body: JSON.stringify({ source }) });
    if (response.status !== 202) throw new Error(`submit failed: ${response.status} ${await response.text()}`);
    const { eventsUrl } = await response.json();
    const events = await fetch(`${base}${eventsUrl}`, { headers: { cookie, accept: "text/event-stream" } });
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of events.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const done = /event: done\ndata: (.*)\n/.exec(buffer);
      if (done) {
        const elapsed = performance.now() - start;
        await events.body.cancel().catch(() => undefined);
        return { elapsed, status: JSON.parse(done[1]).status };
      }
    }
    throw new Error("the stream ended without a verdict");
  };

  // Warm-up: the first submissions also wait for the warm pool to fill.
  for (let i = 0; i < 3; i++) await submitOnce();
  await new Promise((r) => setTimeout(r, 1000));

  const sequential = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await submitOnce();
    if (result.status !== "pass") throw new Error(`the reference solution got ${result.status}`);
    sequential.push(result.elapsed);
    // Give the warm pool the moment a learner's typing would give it.
    await new Promise((r) => setTimeout(r, 150));
  }
  const parallel = [];
  for (let round = 0; round < Math.max(1, Math.floor(RUNS / PARALLEL)); round++) {
    const results = await Promise.all(Array.from({ length: PARALLEL }, () => submitOnce()));
    parallel.push(...results.map((r) => r.elapsed));
    await new Promise((r) => setTimeout(r, 500));
  }

  const summary = {
    coldGrade: { median: percentile(cold, 50), p95: percentile(cold, 95), runs: cold.length },
    serverSequential: { median: percentile(sequential, 50), p95: percentile(sequential, 95), runs: sequential.length },
    serverParallel: { median: percentile(parallel, 50), p95: percentile(parallel, 95), runs: parallel.length, atOnce: PARALLEL },
    workers: WORKERS,
  };
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    console.log(`running-total reference solution (6 tests); server with ${WORKERS} warm in-process workers`);
    console.log(`cold \`roadwork grade\` (new process)          median ${ms(summary.coldGrade.median)}   p95 ${ms(summary.coldGrade.p95)}   (${cold.length} runs)`);
    console.log(`server submit -> verdict over SSE, one at a time median ${ms(summary.serverSequential.median)}   p95 ${ms(summary.serverSequential.p95)}   (${sequential.length} runs)`);
    console.log(`server submit -> verdict, ${PARALLEL} at once            median ${ms(summary.serverParallel.median)}   p95 ${ms(summary.serverParallel.p95)}   (${parallel.length} runs)`);
  }
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(work, { recursive: true, force: true });
}
