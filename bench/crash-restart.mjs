#!/usr/bin/env node
// How soon the jobs of a killed server are graded again after it restarts (issue 8, 13a).
// A server grading two submissions (each takes GRADE_MS) is killed with SIGKILL and started
// again on the same database, with the default 60 s lease. Baseline, in the same run: the
// time from the restart to the server being ready (start-up cost nobody can save). Without
// the take-back at start the jobs waited for the 60 s lease. Runs on SQLite, and on
// PostgreSQL when 127.0.0.1:5432 answers. Uses the crash-test fixtures (through tsx).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

if (process.env.ROADWORK_BENCH_TSX !== "1") {
  const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], { stdio: "inherit", env: { ...process.env, ROADWORK_BENCH_TSX: "1" } });
  process.exit(run.status ?? 1);
}

const { DIALECTS } = await import("../test/store/dialects.ts");
const { kill9, signUpLearner, startServerChild } = await import("../test/queue/crash.ts");
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const GRADE_MS = 1000;
const LEASE_MS = 60_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function until(check) {
  for (;;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of DIALECTS) {
  if (dialect.skip) {
    console.log(`${dialect.name}: skipped (${dialect.skip})`);
    continue;
  }
  const ready = [];
  const regraded = [];
  for (let round = 0; round < ROUNDS; round++) {
    const database = await dialect.create();
    const dataDir = mkdtempSync(join(tmpdir(), "roadwork-bench-crash-"));
    const env = { GRADE_MS: String(GRADE_MS), LEASE_MS: String(LEASE_MS), WORKERS: "2" };
    const first = await startServerChild(database.url, dataDir, env);
    const target = { url: first.url };
    const learner = await signUpLearner(target, round);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(new URL("api/exercises/add-two/submissions", target.url), { method: "POST", headers: learner.headers, body: JSON.stringify({ source: `return ${i}` }) });
      if (response.status !== 202) throw new Error(`submit answered ${response.status}`);
    }
    const mine = (j) => (j.worker_id ?? "").includes(`/${first.child.pid}/`);
    await until(async () => (await database.store.jobs.leased()).filter(mine).length === 2);
    const orphans = (await database.store.jobs.leased()).filter(mine).map((j) => j.submission_id);
    await kill9(first.child);
    const t0 = performance.now();
    const second = await startServerChild(database.url, dataDir, env);
    ready.push(performance.now() - t0);
    await until(async () => {
      for (const id of orphans) if ((await database.store.jobs.bySubmission(id))?.state !== "done") return false;
      return true;
    });
    regraded.push(performance.now() - t0);
    await kill9(second.child);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const r = median(ready);
  const g = median(regraded);
  const after = median(regraded.map((x, i) => x - (ready[i] ?? 0)));
  console.log(`${dialect.name}: restart -> ready median ${(r / 1000).toFixed(2)} s; ready -> graded again median ${(after / 1000).toFixed(2)} s; restart -> killed server's jobs graded again median ${(g / 1000).toFixed(2)} s (grading itself takes ${GRADE_MS / 1000} s); ratio ${(g / r).toFixed(2)}x the start-up; the lease they waited for before: ${LEASE_MS / 1000} s (${(LEASE_MS / g).toFixed(1)}x longer)`);
}
