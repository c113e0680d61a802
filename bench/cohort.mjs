#!/usr/bin/env node
// The cohort dashboard at scale: 500 learners x 120 roadmap items, seeded directly in the
// store (about 2.5 submissions per attempted item), then GET /api/cohorts/:id/dashboard
// through the app (app.inject: auth, the aggregated query, building the heatmap, JSON) RUNS
// times, on SQLite and on PostgreSQL (127.0.0.1:5432, when it answers). Prints medians, the
// floor (300 ms), and the ratio against GET /api/progress for one learner measured in the
// same run. Usage: node bench/cohort.mjs [--learners 500] [--items 120] [--runs 15]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { sql } from "kysely";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
spawnSync(join(root, "bin", "roadwork"), ["--help"], { cwd: root }); // builds dist/ when src/ is newer
const dist = (path) => import(join(root, "dist", path));
const { openDatabase, Store } = await dist("store/index.js");
const { Catalog } = await dist("server/catalog.js");
const { buildApp } = await dist("server/app.js");
const { resolveConfig } = await dist("config.js");
const { DatabaseQueue } = await dist("queue/database-queue.js");
const { Signals } = await dist("queue/signals.js");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const LEARNERS = option("--learners", 500);
const ITEMS = option("--items", 120);
const RUNS = option("--runs", 15);
const FLOOR_MS = 300;
const PG_ADMIN = process.env.ROADWORK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// A fixed seed: every run and both databases see the same data.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

function catalog(dir) {
  writeFileSync(join(dir, "README.md"), "# x");
  const ids = Array.from({ length: ITEMS }, (_, i) => `item-${i}`);
  const steps = Array.from({ length: Math.ceil(ITEMS / 10) }, (_, s) => ({ id: `step-${s}`, title: `Step ${s}`, requires: s === 0 ? [] : [`step-${s - 1}`], exercises: ids.slice(s * 10, s * 10 + 10), projects: [] }));
  const exercises = ids.map((id, i) => ({ kind: "function", dir, config: { id, title: `Exercise ${i}`, step: `step-${Math.floor(i / 10)}`, kind: "function", mode: "tamper-proof", ordered: false }, readme: "# x", starter: "", solution: "", bad: [], tests: "" }));
  return new Catalog([{ dir, config: { id: "bench", title: "Bench track", steps }, steps, exercises, projects: [] }]);
}

async function seedStore(store, itemIds) {
  const now = Date.now();
  const admin = await store.users.create({ email: "admin@bench", name: "Admin", passwordHash: "x", role: "admin" });
  const cohort = await store.cohorts.create({ name: "Bench", trackId: "bench", createdBy: admin.id }, now);
  const users = [];
  for (let i = 0; i < LEARNERS; i++) users.push({ id: `u${i}`, email: `l${i}@bench`, name: `Learner ${i}`, password_hash: "x", role: "learner", created_at: now });
  const submissions = [];
  for (const user of users) {
    const reached = Math.floor(random() * itemIds.length);
    for (let j = 0; j < reached; j++) {
      const tries = 1 + Math.floor(random() * 4);
      const passes = random() < 0.85;
      for (let k = 0; k < tries; k++) {
        const at = now - Math.floor(random() * 30 * 86_400_000);
        const status = passes && k === tries - 1 ? "pass" : "fail";
        submissions.push({ id: `${user.id}-${j}-${k}`, user_id: user.id, item_kind: "exercise", item_id: itemIds[j], source: "def f(): return 1", archive_path: null, status, report: null, created_at: at, graded_at: at + 500, duration_ms: 500 });
      }
    }
  }
  await store.transaction(async (tx) => {
    for (let i = 0; i < users.length; i += 500) await tx.db.insertInto("users").values(users.slice(i, i + 500)).execute();
    const members = users.map((u) => ({ cohort_id: cohort.id, user_id: u.id, role: "learner", joined_at: now - 40 * 86_400_000 }));
    for (let i = 0; i < members.length; i += 500) await tx.db.insertInto("cohort_members").values(members.slice(i, i + 500)).execute();
    for (let i = 0; i < submissions.length; i += 500) await tx.db.insertInto("submissions").values(submissions.slice(i, i + 500)).execute();
  });
  // Fresh statistics, as autovacuum would have them on a live server.
  if (store.dialect === "postgres") await sql`analyze`.execute(store.db);
  const session = await store.sessions.create(admin.id, 3600_000);
  return { cohortId: cohort.id, cookie: `rw_session=${session.token}`, submissions: submissions.length, learnerCookie: `rw_session=${(await store.sessions.create("u0", 3600_000)).token}` };
}

async function measure(name, databaseUrl) {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-bench-cohort-"));
  const opened = await openDatabase(databaseUrl);
  try {
    const store = Store.from(opened);
    const cat = catalog(dir);
    const itemIds = cat.tracks[0].steps.flatMap((s) => s.exercises);
    const seedStart = performance.now();
    const seeded = await seedStore(store, itemIds);
    const seedMs = performance.now() - seedStart;
    const config = resolveConfig({ dataDir: join(dir, "data"), databaseUrl, builtinTrack: false, workers: 0, logLevel: "silent" });
    const signals = new Signals();
    const app = await buildApp({ config, store, queue: new DatabaseQueue(store, { maxAttempts: 3, signals }), signals, catalog: cat, webRoot: join(dir, "none") });
    const time = async (url, cookie) => {
      const start = performance.now();
      const response = await app.inject({ method: "GET", url, headers: { cookie } });
      const elapsed = performance.now() - start;
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body.slice(0, 200)}`);
      return { elapsed, bytes: response.body.length };
    };
    const dashboard = [];
    const progress = [];
    let bytes = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const d = await time(`/api/cohorts/${seeded.cohortId}/dashboard`, seeded.cookie);
      const p = await time("/api/progress", seeded.learnerCookie);
      if (i >= 2) { dashboard.push(d.elapsed); progress.push(p.elapsed); } // two warm-up rounds
      bytes = d.bytes;
    }
    // Where the time goes: the aggregated query alone.
    const query = [];
    for (let i = 0; i < Math.min(RUNS, 7); i++) {
      const start = performance.now();
      await store.cohorts.cells(seeded.cohortId);
      query.push(performance.now() - start);
    }
    await app.close();
    const med = median(dashboard);
    console.log(`${name.padEnd(10)} ${LEARNERS} learners x ${ITEMS} items, ${seeded.submissions} submissions (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
    console.log(`${"".padEnd(10)} dashboard median ${med.toFixed(1)} ms (${(bytes / 1024).toFixed(0)} KiB JSON) — floor ${FLOOR_MS} ms: ${med <= FLOOR_MS ? "met" : "MISSED"}`);
    console.log(`${"".padEnd(10)} of which the aggregated query (store.cohorts.cells) median ${median(query).toFixed(1)} ms`);
    console.log(`${"".padEnd(10)} baseline GET /api/progress (one learner) median ${median(progress).toFixed(1)} ms; ratio ${(med / median(progress)).toFixed(1)}x`);
    return med <= FLOOR_MS;
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const sqliteDir = mkdtempSync(join(tmpdir(), "roadwork-bench-db-"));
let ok;
try {
  ok = await measure("sqlite", `sqlite:${join(sqliteDir, "bench.db")}`);
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}
const pg = (await import("pg")).default;
const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
try {
  await admin.connect();
} catch {
  console.log("postgres   skipped: PostgreSQL does not answer at", PG_ADMIN);
  process.exit(ok ? 0 : 1);
}
const database = `roadwork_bench_${randomBytes(5).toString("hex")}`;
await admin.query(`CREATE DATABASE ${database}`);
try {
  ok = (await measure("postgres", PG_ADMIN.replace(/\/[^/]*$/, `/${database}`))) && ok;
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
process.exit(ok ? 0 : 1);
