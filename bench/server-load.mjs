#!/usr/bin/env node
// Load on the web server with a realistic database: seeds LEARNERS learners and SUBMISSIONS
// submissions (bulk insert in one transaction), starts `roadwork serve` on 127.0.0.1 in its
// own process (no grading workers), logs in as a learner and runs autocannon with
// CONNECTIONS concurrent connections against GET /api/track and GET /api/exercises/:id.
// Prints p50/p99 latency and requests per second for each.
// Usage: node bench/server-load.mjs [--learners 10000] [--submissions 100000]
//        [--connections 200] [--duration 10] [--postgres postgres://postgres@127.0.0.1:5432/postgres] [--json]
//        [--compare postgres://postgres@127.0.0.1:5432/postgres] [--rounds 3]
// With --postgres, a fresh database roadwork_bench_<random> is created there, used and dropped.
// With --compare, the same rows go into SQLite and into a fresh PostgreSQL database, both
// servers run side by side, and GET /api/track is measured on each in alternating rounds;
// it prints the median req/s of each and the ratio SQLite / PostgreSQL, and exits 1 when
// PostgreSQL is more than 1.3x slower (the floor set in issue 8).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { listeningBase } from "./lib/bench-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const LEARNERS = option("--learners", 10_000);
const SUBMISSIONS = option("--submissions", 100_000);
const CONNECTIONS = option("--connections", 200);
const DURATION = option("--duration", 10);
const JSON_OUT = args.includes("--json");
const COMPARE = args.includes("--compare") ? args[args.indexOf("--compare") + 1] : undefined;
const PG_ADMIN = COMPARE ?? (args.includes("--postgres") ? args[args.indexOf("--postgres") + 1] : undefined);
const ROUNDS = option("--rounds", 3);
const FLOOR = 1.3;
const PASSWORD = "bench password 1";

// Build dist/ once (bin/roadwork.cjs does when src/ is newer), then use the built modules.
const built = spawnSync(process.execPath, [join(root, "bin", "roadwork.cjs"), "--help"], { cwd: root, encoding: "utf8" });
if (built.status !== 0) {
  process.stderr.write(`building roadwork failed:\n${built.stdout}${built.stderr}`);
  process.exit(1);
}
const dist = (path) => import(pathToFileURL(join(root, "dist", path)).href);
const [{ openDatabase }, { hashPassword }, { loadCatalog }, { BUILTIN_TRACK }] = await Promise.all([
  dist("store/index.js"),
  dist("server/auth/passwords.js"),
  dist("server/catalog.js"),
  dist("server/runtime.js"),
]);

const work = mkdtempSync(join(tmpdir(), "roadwork-load-"));
const pgName = `roadwork_bench_${randomBytes(5).toString("hex")}`;
const sqliteUrl = `sqlite:${join(work, "roadwork.db")}`;
const pgUrl = PG_ADMIN === undefined ? undefined : PG_ADMIN.replace(/\/[^/]*$/, `/${pgName}`);

async function adminQuery(text) {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
/** Rows for both databases: [users], [submissions], each a list of column values. */
async function makeRows() {
  const catalog = await loadCatalog([BUILTIN_TRACK]);
  const exerciseIds = catalog.tracks[0].steps.flatMap((s) => s.exercises);
  const hash = await hashPassword(PASSWORD);
  const report = (status) => JSON.stringify({ version: 3, status, tests: [{ name: "test_one", status }, { name: "test_two", status: "pass" }] });
  const reports = { pass: report("pass"), fail: report("fail") };
  const now = Date.now();
  const users = [];
  for (let i = 0; i < LEARNERS; i++) users.push([randomBytes(16).toString("base64url"), `learner${i}@example.org`, `Learner ${i}`, hash, "learner", now - LEARNERS + i]);
  const submissions = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const status = i % 3 === 0 ? "fail" : "pass";
    const created = now - (SUBMISSIONS - i) * 1000;
    submissions.push([randomBytes(16).toString("base64url"), users[i % LEARNERS][0], "exercise", exerciseIds[(i * 7) % exerciseIds.length], "def f():\n    return 1\n", null, status, reports[status], created, created + 200, 200]);
  }
  return { exerciseIds, users, submissions };
}

const USER_COLUMNS = "id, email, name, password_hash, role, created_at";
const SUBMISSION_COLUMNS = "id, user_id, item_kind, item_id, source, archive_path, status, report, created_at, graded_at, duration_ms";

function seedSqlite(users, submissions) {
  const db = new Database(sqliteUrl.slice("sqlite:".length));
  db.pragma("journal_mode = WAL");
  const insertUser = db.prepare(`INSERT INTO users (${USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertSubmission = db.prepare(`INSERT INTO submissions (${SUBMISSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const row of users) insertUser.run(...row);
    for (const row of submissions) insertSubmission.run(...row);
  })();
  db.close();
}

async function seedPostgres(users, submissions) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  // Multi-row INSERTs of 1000 rows, in one transaction.
  const insertAll = async (table, columns, rows) => {
    const width = rows[0]?.length ?? 0;
    for (let at = 0; at < rows.length; at += 1000) {
      const chunk = rows.slice(at, at + 1000);
      const values = chunk.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`).join(", ");
      await client.query(`INSERT INTO ${table} (${columns}) VALUES ${values}`, chunk.flat());
    }
  };
  try {
    await client.query("BEGIN");
    await insertAll("users", USER_COLUMNS, users);
    await insertAll("submissions", SUBMISSION_COLUMNS, submissions);
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

/** Starts `roadwork serve` on the database; resolves to its URL and process. */
async function startServer(databaseUrl, dataDir) {
  const child = spawn(process.execPath, [join(root, "dist", "cli", "main.js"), "serve", "--data", dataDir, "--database-url", databaseUrl, "--port", "0", "--workers", "0", "--log-level", "error"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  servers.push(child);
  const url = await listeningBase(child);
  const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "learner0@example.org", password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { url, cookie };
}

async function measure(server, path, duration = DURATION) {
  const result = await autocannon({ url: `${server.url}${path}`, connections: CONNECTIONS, duration, headers: { cookie: server.cookie } });
  return { path, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, requests: result.requests.total, non2xx: result.non2xx + result.errors + result.timeouts };
}

const warmUp = (server, path) => autocannon({ url: `${server.url}${path}`, connections: 20, duration: 2, headers: { cookie: server.cookie } });
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const line = (r) => `${r.path.padEnd(32)} p50 ${String(r.p50).padStart(5)} ms   p99 ${String(r.p99).padStart(5)} ms   ${r.rps.toFixed(0).padStart(6)} req/s   (${r.requests} requests, ${r.non2xx} not 2xx)`;

const servers = [];
try {
  if (PG_ADMIN !== undefined) await adminQuery(`CREATE DATABASE ${pgName}`);
  const urls = COMPARE !== undefined ? [sqliteUrl, pgUrl] : [pgUrl ?? sqliteUrl];
  // Schema through the real migrations, rows in bulk.
  for (const url of urls) await (await openDatabase(url)).close();
  const { exerciseIds, users, submissions } = await makeRows();
  const seedStart = performance.now();
  if (urls.includes(sqliteUrl)) seedSqlite(users, submissions);
  if (pgUrl !== undefined) await seedPostgres(users, submissions);
  const seedMs = performance.now() - seedStart;

  if (COMPARE !== undefined) {
    const [sqliteServer, pgServer] = [await startServer(sqliteUrl, join(work, "sqlite")), await startServer(pgUrl, join(work, "postgres"))];
    for (const server of [sqliteServer, pgServer]) await warmUp(server, "/api/track");
    console.log(`seeded ${LEARNERS} learners and ${SUBMISSIONS} submissions into SQLite and PostgreSQL in ${(seedMs / 1000).toFixed(1)} s`);
    console.log(`GET /api/track, ${CONNECTIONS} connections, ${DURATION} s a round, ${ROUNDS} rounds alternating between the two servers`);
    const rounds = { sqlite: [], postgres: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which goes first, so that neither always follows the other's load.
      const order = round % 2 === 1 ? [["sqlite", sqliteServer], ["postgres", pgServer]] : [["postgres", pgServer], ["sqlite", sqliteServer]];
      for (const [name, server] of order) {
        const r = await measure(server, "/api/track");
        rounds[name].push(r);
        console.log(`round ${round} ${name.padEnd(8)} ${line(r)}`);
      }
    }
    const sqliteRps = median(rounds.sqlite.map((r) => r.rps));
    const pgRps = median(rounds.postgres.map((r) => r.rps));
    const ratio = sqliteRps / pgRps;
    console.log(`median SQLite ${sqliteRps.toFixed(0)} req/s, PostgreSQL ${pgRps.toFixed(0)} req/s: SQLite / PostgreSQL = ${ratio.toFixed(2)}x (floor ${FLOOR}x)`);
    if (JSON_OUT) process.stdout.write(`${JSON.stringify({ learners: LEARNERS, submissions: SUBMISSIONS, connections: CONNECTIONS, duration: DURATION, rounds, sqliteRps, pgRps, ratio }, null, 2)}\n`);
    if (ratio > FLOOR || [...rounds.sqlite, ...rounds.postgres].some((r) => r.non2xx > 0)) process.exitCode = 1;
  } else {
    const server = await startServer(urls[0], work);
    const results = [];
    for (const path of ["/api/track", `/api/exercises/${exerciseIds[1]}`]) {
      // A short warm-up so that the JIT and SQLite's page cache are the steady state we measure.
      await warmUp(server, path);
      results.push(await measure(server, path));
    }
    if (JSON_OUT) {
      process.stdout.write(`${JSON.stringify({ database: PG_ADMIN === undefined ? "sqlite" : "postgres", learners: LEARNERS, submissions: SUBMISSIONS, seedMs, connections: CONNECTIONS, duration: DURATION, results }, null, 2)}\n`);
    } else {
      console.log(`seeded ${LEARNERS} learners and ${SUBMISSIONS} submissions in ${(seedMs / 1000).toFixed(1)} s (${PG_ADMIN === undefined ? "SQLite, WAL" : "PostgreSQL"})`);
      console.log(`${CONNECTIONS} connections, ${DURATION} s per route, logged in as a learner with ${Math.round(SUBMISSIONS / LEARNERS)} submissions`);
      for (const r of results) console.log(line(r));
    }
    if (results.some((r) => r.non2xx > 0)) process.exitCode = 1;
  }
} finally {
  for (const server of servers) {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  }
  if (PG_ADMIN !== undefined) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
