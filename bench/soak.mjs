#!/usr/bin/env node
// Soak test (issue 8): one real `roadwork serve` (in-process workers, a temp SQLite database,
// or a fresh PostgreSQL database with --pg) for MINUTES minutes. 50 learners submit reference
// solutions of running-total (function), greet-user (program) and sql-active-users (SQL),
// and a known-wrong one now and then, each expecting its verdict. After a quiet phase
// (honest load only: the baseline of the same run), hostile runs are interleaved: sandbox
// attacks (loop, fork bomb, memory hog, output flood, self-referencing return value,
// os._exit at import, a program looping forever), a zip bomb upload, password spraying,
// cross-site form POSTs, submits past the per-learner cap and the global queue bound, and a
// retried submit with the same Idempotency-Key.
// Samples /healthz every 250 ms, the server's RSS every 5 s, honest verdict latency, and the
// size of the server's temp folder (its TMPDIR, where grading writes). Exits 1, naming the
// check, on: a wrong or lost honest verdict, a /healthz answer slower than 1 s, honest
// verdict p50 under hostile load more than 3x the quiet median, RSS still growing after
// warm-up, or the temp folder not back to its size at the start.
// Usage: node bench/soak.mjs [--minutes 10] [--learners 50] [--workers 2] [--grace 120]
//        [--think-max 180] [--pg postgres://postgres@127.0.0.1:5432/postgres]
import { spawn, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { tsImport } from "tsx/esm/api";
import pg from "pg";
import { finalVerdict, percentile, signUp, sleep, slope, submitUntilAccepted } from "./lib/soak-client.mjs";
import { attacks } from "./lib/soak-attacks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const MINUTES = option("--minutes", 10);
const LEARNERS = option("--learners", 50);
const WORKERS = option("--workers", 2);
const GRACE_S = option("--grace", 120);
const PG_ADMIN = args.includes("--pg") ? args[args.indexOf("--pg") + 1] : undefined;
// Each learner thinks 60-180 s between submissions (--think-max to change the upper end): 50
// learners send about 0.4 a second, below what 2 workers grade on a loaded 2-core machine, so
// the honest load alone does not keep the queue full (with 20-60 s it did: every submit of the
// cap and queue-bound attacks then met QUEUE_FULL first).
const THINK_MS = [60_000, option("--think-max", 180) * 1000];
const WRONG_EVERY = 6;
const HEALTHZ_EVERY_MS = 250;
const HEALTHZ_STALL_MS = 1000;
const RSS_EVERY_MS = 5000;
const LATENCY_RATIO_MAX = 3;
// RSS: a leak shows as a steady climb; V8's garbage collection as a saw-tooth of some tens of
// MiB. Fail when the least-squares slope after warm-up exceeds 4 MiB/min (5.6 GiB a day: a
// small VM's server dies within the day) AND the last sample is 32 MiB above the first (so a
// saw-tooth caught on its rising edge in a short run is not called a leak).
const RSS_SLOPE_MAX_MIB_PER_MIN = 4;
const RSS_GROWTH_MIN_MIB = 32;

const ex = (id) => join(root, "tracks", "python-backend", "exercises", id);
const read = (path) => readFileSync(path, "utf8");
const reference = { "running-total": read(join(ex("running-total"), "solution.py")), "greet-user": read(join(ex("greet-user"), "solution.py")), "sql-active-users": read(join(ex("sql-active-users"), "solution.sql")) };
const wrong = Object.fromEntries(Object.keys(reference).map((id) => [id, readdirSync(join(ex(id), "bad")).sort().map((f) => read(join(ex(id), "bad", f)))]));
const EXERCISES = Object.keys(reference);

const built = spawnSync(process.execPath, [join(root, "bin", "roadwork.cjs"), "--help"], { cwd: root, encoding: "utf8" });
if (built.status !== 0) {
  process.stderr.write(`building roadwork failed:\n${built.stdout}${built.stderr}`);
  process.exit(1);
}
const { zipBomb } = await tsImport(join(root, "test", "server", "zip-bomb.ts"), import.meta.url);
const bomb = zipBomb({ mib: 1024 });

const work = mkdtempSync(join(tmpdir(), "roadwork-soak-"));
const serverTmp = join(work, "tmp");
mkdirSync(serverTmp);
const pgName = `roadwork_soak_${randomBytes(5).toString("hex")}`;
const adminQuery = async (text) => {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};
if (PG_ADMIN !== undefined) await adminQuery(`CREATE DATABASE ${pgName}`);
const databaseUrl = PG_ADMIN === undefined ? `sqlite:${join(work, "data", "roadwork.db")}` : PG_ADMIN.replace(/\/[^/]*$/, `/${pgName}`);

/** Bytes and files under a folder (lstat sizes; a folder vanishing mid-walk counts as empty). */
function folderSize(path) {
  let bytes = 0;
  let files = 0;
  const walk = (p) => {
    let stat;
    try {
      stat = lstatSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      let names = [];
      try {
        names = readdirSync(p);
      } catch {
        return;
      }
      for (const name of names) walk(join(p, name));
    } else {
      bytes += stat.size;
      files += 1;
    }
  };
  walk(path);
  return { bytes, files };
}
const dfTmp = () => spawnSync("df", ["-k", "--output=used", tmpdir()], { encoding: "utf8" }).stdout.trim().split("\n").pop()?.trim();

// TMPDIR points into our folder: whatever grading leaves behind is ours to measure, and nobody else's files count.
const server = spawn(process.execPath, [join(root, "dist", "cli", "main.js"), "serve", "--data", join(work, "data"), "--database-url", databaseUrl, "--port", "0", "--workers", String(WORKERS), "--trust-proxy", "--log-level", "error"], {
  cwd: root,
  env: { ...process.env, TMPDIR: serverTmp },
  stdio: ["ignore", "pipe", "inherit"],
});
const failures = [];
const fail = (what) => {
  failures.push(what);
  console.log(`FAIL: ${what}`);
};
let stopSampling = false;
try {
  const base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolve(`${match[1]}/`);
    });
    server.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
  server.stdout.resume();
  const t0 = Date.now();
  const since = () => ((Date.now() - t0) / 1000).toFixed(0).padStart(4);
  const log = (line) => console.log(`[${since()} s] ${line}`);

  // Samplers, from the start.
  const healthz = [];
  const healthzBad = [];
  const rss = [];
  const samplers = [
    (async () => {
      while (!stopSampling) {
        const started = performance.now();
        try {
          const response = await fetch(new URL("healthz", base), { signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          if (response.status !== 200) healthzBad.push(`${since()} s: ${response.status}`);
        } catch (error) {
          healthzBad.push(`${since()} s: ${error.name}`);
        }
        healthz.push({ at: Date.now(), ms: performance.now() - started });
        await sleep(HEALTHZ_EVERY_MS);
      }
    })(),
    (async () => {
      while (!stopSampling) {
        const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? NaN);
        rss.push({ at: Date.now(), mib: kb / 1024 });
        await sleep(RSS_EVERY_MS);
      }
    })(),
  ];

  // Learners sign up four at a time (the password-hash gate is a quarter of the cores).
  const learners = [];
  for (let i = 0; i < LEARNERS; i += 4) {
    learners.push(...(await Promise.all(Array.from({ length: Math.min(4, LEARNERS - i) }, (_, j) => signUp(base, `learner${i + j}`, `10.100.${Math.floor((i + j) / 250)}.${((i + j) % 250) + 1}`)))));
  }
  log(`${learners.length} learners signed up`);

  const refusals = new Map();
  const honest = []; // { phase, exercise, expected, status, ms, id }
  const tracked = []; // hostile-side submissions with a known verdict, for the lost count
  const totalMs = MINUTES * 60_000;
  const quietMs = Math.min(90_000, Math.max(30_000, totalMs / 4));
  // The hostile phase lasts until t0 + MINUTES, and at least one full round of every attack.
  let end = t0 + totalMs;
  let hostileDone = false;
  const graceDeadline = () => Math.max(end, Date.now()) + GRACE_S * 1000;
  let phase = "warm-up";

  /** One honest submission, timed from the first send to the verdict seen over the API. */
  const honestOnce = async (learner, n) => {
    const exercise = EXERCISES[n % EXERCISES.length];
    const isWrong = n % WRONG_EVERY === WRONG_EVERY - 1;
    const source = isWrong ? wrong[exercise][n % wrong[exercise].length] : reference[exercise];
    const record = { phase, exercise, expected: isWrong ? "fail" : "pass", learner };
    const started = performance.now();
    record.id = await submitUntilAccepted(base, learner, exercise, source, refusals, graceDeadline());
    if (record.id === undefined) return; // never accepted before the end: nothing to lose
    honest.push(record);
    record.status = await finalVerdict(base, learner, record.id, graceDeadline());
    record.ms = performance.now() - started;
    if (record.status !== record.expected) {
      // What the grader said, so that a wrong verdict can be told from a limit hit under load.
      const response = await fetch(new URL(`api/submissions/${record.id}`, base), { headers: { cookie: learner.cookie, "x-forwarded-for": learner.address } }).catch(() => undefined);
      const detail = response?.status === 200 ? JSON.stringify((await response.json()).report ?? {}).slice(0, 400) : "";
      log(`honest ${exercise} expected ${record.expected}, got ${record.status ?? "no verdict (lost)"} (${record.id}) ${detail}`);
    }
  };

  // Warm-up: the warm pool fills and every kind's first run pays its start-up cost.
  // Their verdicts are checked with the others; their times are not in either median.
  for (let i = 0; i < WRONG_EVERY; i++) await honestOnce(learners[0], i);
  const diskStart = folderSize(serverTmp);
  const dfStart = dfTmp();
  phase = "quiet";
  log(`warm-up done; temp folder ${(diskStart.bytes / 1024).toFixed(0)} KiB in ${diskStart.files} files; quiet phase (honest load only) for ${quietMs / 1000} s`);

  const honestLoops = learners.map(async (learner, i) => {
    let n = i;
    await sleep(Math.random() * THINK_MS[0]);
    while (!hostileDone) {
      await honestOnce(learner, n);
      n += 1;
      await sleep(THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0]));
    }
  });

  await sleep(quietMs);
  phase = "hostile";
  const rssWarmAt = Date.now();
  log(`quiet phase done: ${honest.filter((h) => h.ms !== undefined).length} honest verdicts; hostile runs start`);
  const attackList = attacks({ base, reference, bomb, refusals, stopAt: graceDeadline, graceDeadline, track: (id, learner, expected) => tracked.push({ id, expected }) });
  const attackResults = new Map(attackList.map(([name]) => [name, []]));
  do {
    for (const [name, run] of attackList) {
      const started = performance.now();
      const result = await run().catch((error) => ({ ok: false, detail: `threw ${error.message}` }));
      attackResults.get(name).push(result);
      log(`${result.ok ? "ok  " : "BAD "} ${name}: ${result.detail} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      await sleep(1000);
    }
  } while (Date.now() < end);
  end = Date.now();
  hostileDone = true;
  log("time is up; waiting for the accepted submissions' verdicts");
  await Promise.all(honestLoops);
  // A verdict that outlasted its own wait is lost only if it is still missing at end + grace.
  const finalDeadline = end + GRACE_S * 1000;
  for (const h of honest.filter((r) => r.status === undefined)) h.status = await finalVerdict(base, h.learner, h.id, finalDeadline);
  // Give the server's clean-up a moment after the last verdict, then measure.
  await sleep(3000);
  const diskEnd = folderSize(serverTmp);
  const dfEnd = dfTmp();
  stopSampling = true;
  await Promise.all(samplers);

  // Checks.
  const wrongVerdicts = honest.filter((h) => h.status !== undefined && h.status !== h.expected);
  const lost = honest.filter((h) => h.status === undefined);
  if (wrongVerdicts.length > 0) fail(`${wrongVerdicts.length} honest verdicts not the expected one: ${wrongVerdicts.slice(0, 5).map((h) => `${h.exercise} expected ${h.expected} got ${h.status}`).join("; ")}`);
  if (lost.length > 0) fail(`${lost.length} honest submissions accepted but without a final verdict ${GRACE_S} s after the end: ${lost.slice(0, 5).map((h) => h.id).join(", ")}`);
  for (const [name, results] of attackResults) {
    const bad = results.filter((r) => !r.ok);
    if (results.length === 0) fail(`hostile run "${name}" never ran (run longer: --minutes)`);
    if (bad.length > 0) fail(`hostile run "${name}": ${bad.length} of ${results.length} not as expected (${bad[0].detail})`);
  }
  const hz = healthz.map((h) => h.ms);
  const hzMax = Math.max(...hz);
  if (hzMax > HEALTHZ_STALL_MS) fail(`/healthz stalled: slowest answer ${hzMax.toFixed(0)} ms (limit ${HEALTHZ_STALL_MS} ms), ${hz.filter((x) => x > HEALTHZ_STALL_MS).length} answers over`);
  if (healthzBad.length > 0) fail(`/healthz not 200 ${healthzBad.length} times: ${healthzBad.slice(0, 5).join(", ")}`);
  const quiet = honest.filter((h) => h.phase === "quiet" && h.ms !== undefined).map((h) => h.ms);
  const loaded = honest.filter((h) => h.phase === "hostile" && h.ms !== undefined).map((h) => h.ms);
  const ratio = percentile(loaded, 50) / percentile(quiet, 50);
  if (!(ratio <= LATENCY_RATIO_MAX)) fail(`honest verdict p50 under hostile load is ${ratio.toFixed(2)}x the quiet median (limit ${LATENCY_RATIO_MAX}x)`);
  const rssAfter = rss.filter((r) => r.at >= rssWarmAt);
  const rssSlope = slope(rssAfter.map((r) => ({ x: (r.at - rssWarmAt) / 60_000, y: r.mib })));
  const rssFirst = rssAfter[0]?.mib ?? NaN;
  const rssLast = rssAfter.at(-1)?.mib ?? NaN;
  if (rssSlope > RSS_SLOPE_MAX_MIB_PER_MIN && rssLast - rssFirst > RSS_GROWTH_MIN_MIB) fail(`RSS keeps growing: ${rssSlope.toFixed(1)} MiB/min after warm-up (limit ${RSS_SLOPE_MAX_MIB_PER_MIN}), ${rssFirst.toFixed(0)} -> ${rssLast.toFixed(0)} MiB`);
  if (diskEnd.bytes > diskStart.bytes || diskEnd.files > diskStart.files) fail(`the server's temp folder did not shrink back: ${diskStart.bytes} B in ${diskStart.files} files at the start, ${diskEnd.bytes} B in ${diskEnd.files} files at the end`);

  // Summary.
  const f = (x, unit = "ms") => (Number.isFinite(x) ? `${x.toFixed(0)} ${unit}` : "-");
  console.log(`\nsoak: ${MINUTES} min on ${PG_ADMIN === undefined ? "SQLite" : "PostgreSQL"}, ${WORKERS} in-process workers, ${LEARNERS} learners, quiet phase ${quietMs / 1000} s, grace ${GRACE_S} s`);
  console.log(`honest submissions: ${honest.length} (${honest.filter((h) => h.expected === "fail").length} wrong on purpose), ${wrongVerdicts.length} wrong verdicts, ${lost.length} lost; hostile-side tracked: ${tracked.length}`);
  console.log(`refusals seen by clients (then retried after Retry-After): ${[...refusals].map(([k, n]) => `${n}x ${k}`).join(", ") || "none"}`);
  console.log("| measure | quiet (baseline) | under hostile load | ratio |");
  console.log("|---|---|---|---|");
  console.log(`| honest verdict p50 | ${f(percentile(quiet, 50))} (${quiet.length}) | ${f(percentile(loaded, 50))} (${loaded.length}) | ${ratio.toFixed(2)}x (limit ${LATENCY_RATIO_MAX}x) |`);
  console.log(`| honest verdict p95 | ${f(percentile(quiet, 95))} | ${f(percentile(loaded, 95))} | ${(percentile(loaded, 95) / percentile(quiet, 95)).toFixed(2)}x |`);
  const hzQuiet = healthz.filter((h) => h.at < rssWarmAt).map((h) => h.ms);
  const hzLoaded = healthz.filter((h) => h.at >= rssWarmAt).map((h) => h.ms);
  console.log(`| /healthz p50 | ${f(percentile(hzQuiet, 50))} | ${f(percentile(hzLoaded, 50))} | ${(percentile(hzLoaded, 50) / percentile(hzQuiet, 50)).toFixed(2)}x |`);
  console.log(`| /healthz p99 | ${f(percentile(hzQuiet, 99))} | ${f(percentile(hzLoaded, 99))} | ${(percentile(hzLoaded, 99) / percentile(hzQuiet, 99)).toFixed(2)}x |`);
  console.log(`| /healthz max | ${f(Math.max(...hzQuiet))} | ${f(Math.max(...hzLoaded))} | (limit ${HEALTHZ_STALL_MS} ms; ${hz.length} polls) |`);
  console.log(`| server RSS | first after warm-up ${f(rssFirst, "MiB")} | last ${f(rssLast, "MiB")}, max ${f(Math.max(...rss.map((r) => r.mib)), "MiB")} | slope ${rssSlope.toFixed(1)} MiB/min (limit ${RSS_SLOPE_MAX_MIB_PER_MIN}, with +${RSS_GROWTH_MIN_MIB} MiB) |`);
  console.log(`| server temp folder | ${diskStart.bytes} B, ${diskStart.files} files | ${diskEnd.bytes} B, ${diskEnd.files} files | df ${tmpdir()} used ${dfStart} -> ${dfEnd} KiB (whole host, others' files too) |`);
  for (const [name, results] of attackResults) console.log(`hostile ${name.padEnd(38)} ${results.length} runs, ${results.filter((r) => r.ok).length} as expected; last: ${results.at(-1)?.detail ?? "-"}`);
  console.log(failures.length === 0 ? "\nsoak: all checks passed" : `\nsoak: ${failures.length} checks failed:\n- ${failures.join("\n- ")}`);
  if (failures.length > 0) process.exitCode = 1;
} finally {
  stopSampling = true;
  if (server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  if (PG_ADMIN !== undefined) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
