#!/usr/bin/env node
// What named (prepared) statements save on PostgreSQL, without HTTP in the way: the queries
// behind GET /api/track (find the session and its user, then the learner's passed items)
// run through the real Store on SQLite, on PostgreSQL with named statements (as the server
// now opens it) and on PostgreSQL with every query unnamed (as before), in alternating
// rounds in one run. Prints each one's median of lookups per second and the ratios.
// Usage: node bench/pg-prepared.mjs [--learners 200] [--rounds 5] [--seconds 3] [--concurrency 10]
//        [--postgres postgres://postgres@127.0.0.1:5432/postgres]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { randomBytes } from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const LEARNERS = Number(option("--learners", 200));
const ROUNDS = Number(option("--rounds", 5));
const SECONDS = Number(option("--seconds", 3));
const CONCURRENCY = Number(option("--concurrency", 10));
const PG_ADMIN = option("--postgres", "postgres://postgres@127.0.0.1:5432/postgres");

const built = spawnSync(process.execPath, [join(root, "bin", "roadwork.cjs"), "--help"], { cwd: root, encoding: "utf8" });
if (built.status !== 0) {
  process.stderr.write(`building roadwork failed:\n${built.stdout}${built.stderr}`);
  process.exit(1);
}
const { openDatabase, Store } = await import(pathToFileURL(join(root, "dist", "store", "index.js")).href);

async function adminQuery(text) {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The same learners, sessions and graded submissions in each store. */
async function seed(store) {
  const tokens = [];
  const items = ["greet-user", "running-total", "slugify", "fizzbuzz", "word-count"];
  for (let i = 0; i < LEARNERS; i++) {
    const user = await store.users.create({ email: `learner${i}@example.org`, name: `Learner ${i}`, passwordHash: "x", role: "learner" });
    tokens.push((await store.sessions.create(user.id, 3600_000)).token);
    for (const item of items) {
      const submission = await store.submissions.create({ userId: user.id, itemKind: "exercise", itemId: item, source: "return 1" });
      await store.submissions.recordVerdict(submission.id, { version: 3, status: i % 2 === 0 ? "pass" : "fail", tests: [] });
    }
  }
  return tokens;
}

/** Lookups per second: CONCURRENCY loops, each a session lookup then the learner's passed items. */
async function measure(store, tokens) {
  let done = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, lane) => {
    for (let i = lane; performance.now() < until; i += CONCURRENCY) {
      const found = await store.sessions.find(tokens[i % tokens.length]);
      await store.submissions.passedItems(found.user.id);
      done++;
    }
  }));
  return done / SECONDS;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const work = mkdtempSync(join(tmpdir(), "roadwork-prepared-"));
const pgName = `roadwork_bench_${randomBytes(5).toString("hex")}`;
const pgUrl = PG_ADMIN.replace(/\/[^/]*$/, `/${pgName}`);
const opened = [];
try {
  await adminQuery(`CREATE DATABASE ${pgName}`);
  const sqlite = await openDatabase(`sqlite:${join(work, "bench.db")}`);
  const named = await openDatabase(pgUrl);
  opened.push(sqlite, named);
  // As before: a pool of the same size whose queries all go out unnamed.
  const INT8 = 20;
  const plainPool = new pg.Pool({ connectionString: pgUrl, max: 10, types: { getTypeParser: (oid, format) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) } });
  const plainDb = new Kysely({ dialect: new PostgresDialect({ pool: plainPool }) });
  const unnamed = { db: plainDb, dialect: "postgres", displayUrl: pgUrl, close: () => plainDb.destroy() };
  opened.push(unnamed);
  const stores = { sqlite: Store.from(sqlite), "pg named": Store.from(named), "pg unnamed": Store.from(unnamed) };
  const tokens = { sqlite: await seed(stores.sqlite), pg: await seed(stores["pg named"]) };
  await plainPool.query("ANALYZE");
  const tokensOf = (name) => (name === "sqlite" ? tokens.sqlite : tokens.pg);
  for (const name of Object.keys(stores)) await measure(stores[name], tokensOf(name)); // warm-up
  console.log(`${LEARNERS} learners, ${CONCURRENCY} lookups at once, ${SECONDS} s a round, ${ROUNDS} rounds; a lookup = session + user, then passed items (GET /api/track)`);
  const results = { sqlite: [], "pg named": [], "pg unnamed": [] };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = Object.keys(stores);
    if (round % 2 === 0) order.reverse();
    for (const name of order) {
      const rate = await measure(stores[name], tokensOf(name));
      results[name].push(rate);
      console.log(`round ${round} ${name.padEnd(10)} ${rate.toFixed(0).padStart(6)} lookups/s`);
    }
  }
  const m = Object.fromEntries(Object.entries(results).map(([name, rates]) => [name, median(rates)]));
  console.log(`median: SQLite ${m.sqlite.toFixed(0)}, PostgreSQL named ${m["pg named"].toFixed(0)}, PostgreSQL unnamed ${m["pg unnamed"].toFixed(0)} lookups/s`);
  console.log(`named / unnamed = ${(m["pg named"] / m["pg unnamed"]).toFixed(2)}x; SQLite / PostgreSQL named = ${(m.sqlite / m["pg named"]).toFixed(2)}x; SQLite / PostgreSQL unnamed = ${(m.sqlite / m["pg unnamed"]).toFixed(2)}x`);
} finally {
  for (const o of opened) await o.close().catch(() => undefined);
  await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
