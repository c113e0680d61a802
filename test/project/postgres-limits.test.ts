/**
 * Hostile apps on the grading PostgreSQL: a run cannot lift its limits by SET, its database
 * cannot grow past the disk limit, it has a few sessions at most, and it cannot list other
 * runs' databases, roles or sessions. Each limit reached is named. The "app" here is a
 * client connected as the run's role, as an app in the sandbox would be.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import pg from "pg";
import {
  findPostgresBinaries,
  POSTGRES_INSTALL_COMMAND,
  provisionDatabase,
  RUN_CONNECTION_LIMIT,
  startGraderPostgres,
  type GraderPostgres,
  type ProvisionedDatabase,
} from "../../src/grading/project/services/postgres.js";
import type { RunDatabaseLimits } from "../../src/grading/project/services/postgres-watchdog.js";

const skip = findPostgresBinaries() === undefined ? `Debian's PostgreSQL server binaries are not installed (${POSTGRES_INSTALL_COMMAND})` : false;
const MIB = 1024 * 1024;
const GENEROUS: RunDatabaseLimits = { statementMs: 60_000, memoryBytes: 512 * MIB, cpuMs: 120_000, diskBytes: 64 * MIB };

async function asApp(cluster: GraderPostgres, db: ProvisionedDatabase): Promise<pg.Client> {
  const client = new pg.Client({ host: cluster.socketDir, port: cluster.port, user: db.user, password: db.password, database: db.database });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

void describe("a hostile app on the grading PostgreSQL", { skip }, () => {
  let root: string;
  let cluster: GraderPostgres;
  const databases: ProvisionedDatabase[] = [];
  const provision = async (limits: Partial<RunDatabaseLimits> = {}): Promise<ProvisionedDatabase> => {
    const db = await provisionDatabase(cluster, { limits: { ...GENEROUS, ...limits }, watchIntervalMs: 100 });
    databases.push(db);
    return db;
  };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), "roadwork-pg-limits-"));
    chmodSync(root, 0o711);
    cluster = await startGraderPostgres({ dir: join(root, "cluster") });
  });
  after(async () => {
    for (const db of databases) await db.drop();
    await cluster?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  void it("SET statement_timeout = 0 does not lift the statement time limit: the statement is cancelled, and the limit named", async () => {
    const db = await provision({ statementMs: 1_000 });
    const app = await asApp(cluster, db);
    try {
      await app.query("SET statement_timeout = 0");
      await assert.rejects(app.query("SELECT pg_sleep(30)"), /canceling statement due to user request/);
      assert.match(db.limitsHit().find((hit) => hit.limit === "wall-time")?.message ?? "", /database statement time limit 1 s reached/);
    } finally {
      await app.end().catch(() => undefined);
    }
  });

  void it("SET work_mem = '2GB' does not lift the memory limit: the sessions are ended past it, and the limit named", async () => {
    const db = await provision({ memoryBytes: 64 * MIB });
    const app = await asApp(cluster, db);
    await app.query("SET work_mem = '2GB'");
    await assert.rejects(app.query("SELECT count(*) FROM (SELECT DISTINCT g FROM generate_series(1, 40000000) g) s"), /terminating connection|Connection terminated/);
    assert.match(db.limitsHit().find((hit) => hit.limit === "memory")?.message ?? "", /memory limit 64 MiB reached by the app's PostgreSQL sessions/);
  });

  void it("CPU spent in its sessions counts against the app's CPU limit", async () => {
    const db = await provision({ cpuMs: 1_000 });
    const app = await asApp(cluster, db);
    await assert.rejects(app.query("SELECT count(*) FROM pg_class a, pg_class b, pg_class c, pg_class d"), /terminating connection|Connection terminated/);
    assert.match(db.limitsHit().find((hit) => hit.limit === "cpu-time")?.message ?? "", /CPU time limit 1 s reached by the app's PostgreSQL sessions/);
  });

  void it("a database grown past the disk limit is closed to the app, and the limit named; temp_file_limit cannot be raised", async () => {
    const db = await provision({ diskBytes: 4 * MIB });
    const app = await asApp(cluster, db);
    await assert.rejects(app.query("SET temp_file_limit = '10GB'"), /permission denied to set parameter "temp_file_limit"/);
    await app.query("CREATE TABLE big AS SELECT repeat('x', 1000) AS s FROM generate_series(1, 20000)").catch(() => undefined);
    // The watchdog looks every 100 ms here; ask it once more to be sure it has looked.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match(db.limitsHit().find((hit) => hit.limit === "disk")?.message ?? "", /disk limit 4 MiB reached by the app's PostgreSQL database/);
    await assert.rejects(asApp(cluster, db), /too many connections/);
  });

  void it(`has at most ${RUN_CONNECTION_LIMIT} sessions at once`, async () => {
    const db = await provision();
    const open: pg.Client[] = [];
    try {
      for (let i = 0; i < RUN_CONNECTION_LIMIT; i++) open.push(await asApp(cluster, db));
      await assert.rejects(asApp(cluster, db), /too many connections for role/);
    } finally {
      for (const client of open) await client.end().catch(() => undefined);
    }
  });

  void it("gets no parallel workers whatever it sets", async () => {
    const db = await provision();
    const app = await asApp(cluster, db);
    try {
      await app.query("SET max_parallel_workers_per_gather = 8");
      const { rows } = await app.query<{ workers: string }>("SELECT current_setting('max_worker_processes') AS workers");
      assert.equal(rows[0]?.workers, "0");
    } finally {
      await app.end();
    }
  });

  void it("cannot list other runs' databases, roles or sessions", async () => {
    const other = await provision();
    const db = await provision();
    const app = await asApp(cluster, db);
    const other_app = await asApp(cluster, other);
    try {
      for (const sql of [
        "SELECT datname FROM pg_database",
        "SELECT rolname FROM pg_roles",
        "SELECT usename FROM pg_user",
        "SELECT usename, datname, query FROM pg_stat_activity",
        "SELECT datname FROM pg_stat_database",
        "SELECT * FROM pg_stat_get_activity(NULL)",
        "SELECT description FROM pg_shdescription",
        "SELECT * FROM pg_db_role_setting",
        "SELECT * FROM pg_locks",
      ]) {
        await assert.rejects(app.query(sql), /permission denied/, sql);
      }
      // What it may still ask: about itself.
      const { rows } = await app.query<{ db: string; me: string }>("SELECT current_database() AS db, current_user AS me");
      assert.deepEqual(rows[0], { db: db.database, me: db.user });
      assert.notEqual(other.database, db.database);
    } finally {
      await app.end();
      await other_app.end();
    }
  });
});
