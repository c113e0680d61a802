#!/usr/bin/env node
// Cold `roadwork grade` of an sql exercise on PostgreSQL next to its SQLite twin (the same
// schema, rows, cases and query; only `engine:` differs), measured in the same run,
// interleaved so that the machine's ups and downs hit both alike. Prints the medians and
// the ratio PostgreSQL / SQLite (issue 11 asks for at most 2x).
// Usage: node bench/sql-engines.mjs [--runs 10] [--json]
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
const fixtures = join(root, "test", "fixtures", "exercises");
const twins = { sqlite: join(fixtures, "bench-orders-sqlite"), postgresql: join(fixtures, "bench-orders-postgresql") };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function gradeOnce(dir) {
  const start = process.hrtime.bigint();
  const run = spawnSync(join(root, "bin", "roadwork"), ["grade", dir, join(dir, "solution.sql")], { cwd: root, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`grading ${dir} ended with exit code ${run.status}: ${run.stdout}${run.stderr}`);
  return elapsed;
}

// One untimed run each: builds dist/ if needed and, for PostgreSQL, brings the grader's
// cluster up once (a later `roadwork grade` reuses the running server, as a learner's would).
for (const dir of Object.values(twins)) gradeOnce(dir);
const times = { sqlite: [], postgresql: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [engine, dir] of Object.entries(twins)) times[engine].push(gradeOnce(dir));
}
const result = { runs: RUNS, sqlite_median_ms: median(times.sqlite), postgresql_median_ms: median(times.postgresql) };
result.ratio = result.postgresql_median_ms / result.sqlite_median_ms;
if (args.includes("--json")) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stdout.write(`cold roadwork grade, median of ${RUNS} runs each (2 cases, same data and query)\n`);
  process.stdout.write(`  sqlite      ${result.sqlite_median_ms.toFixed(1)} ms\n`);
  process.stdout.write(`  postgresql  ${result.postgresql_median_ms.toFixed(1)} ms\n`);
  process.stdout.write(`  ratio       ${result.ratio.toFixed(2)}x (target: at most 2x)\n`);
}
