import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createAppDatabase, numberedPlaceholders, DEFAULT_ADMIN_URL, type AppDatabase } from "../../src/grading/project/postgres-db.js";
import { startPostgresRelay, type PostgresRelay } from "../../src/grading/project/postgres-relay.js";
import { loadProject, testProject } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { flaskPostgresApp, PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: DEFAULT_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const skip = (await postgresReachable()) ? false : "PostgreSQL not reachable at 127.0.0.1:5432";

void describe("a PostgreSQL database of the app's own", { skip }, () => {
  const dir = tempDir("pg");
  let db: AppDatabase;
  let relay: PostgresRelay;
  let socketDir: string;
  before(async () => {
    db = await createAppDatabase();
    // libpq-style clients find a server socket as DIR/.s.PGSQL.PORT.
    socketDir = join(dir.path, "sock");
    mkdirSync(socketDir);
    relay = await startPostgresRelay(join(socketDir, ".s.PGSQL.5432"), { user: db.role, database: db.database, host: db.host, port: db.port });
  });
  after(async () => {
    await relay.close();
    await db.drop();
    dir.remove();
  });

  void it("lets the run's role into the run's database through the relay", async () => {
    const client = new pg.Client({ host: socketDir, port: 5432, user: db.role, password: db.password, database: db.database });
    await client.connect();
    await client.query("CREATE TABLE t (id INT, name TEXT)");
    await client.query("INSERT INTO t VALUES (1, 'ada'), (2, 'bob')");
    await client.end();
    assert.deepEqual(await db.query("SELECT name FROM t WHERE id = ?", [2]), [{ name: "bob" }]);
  });

  void it("refuses any other role or database at the relay", async () => {
    for (const [user, database] of [["postgres", "postgres"], [db.role, "postgres"], ["postgres", db.database]] as const) {
      const client = new pg.Client({ host: socketDir, port: 5432, user, database });
      await assert.rejects(client.connect(), /only the database in DATABASE_URL/);
    }
  });

  void it("runs t.query read-only", async () => {
    await assert.rejects(db.query("DELETE FROM t", []), /read-only/);
  });

  void it("turns ? placeholders into $n, but not inside quotes", () => {
    assert.equal(numberedPlaceholders("SELECT '?' AS q, x FROM t WHERE a = ? AND b = ?"), "SELECT '?' AS q, x FROM t WHERE a = $1 AND b = $2");
  });
});

void describe("testProject with database: postgresql", { skip }, () => {
  const dir = tempDir("pg-project");
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  void it("gives the app a PostgreSQL DATABASE_URL, reads it with t.query, keeps it across restarts and drops it after", async () => {
    const project = loadProject(writeTree(join(dir.path, "notes"), PROJECT_FILES));
    const before = new Set(await appDatabases());
    const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "app"), flaskPostgresApp()) });
    assert.equal(report.status, "pass", report.tests.map((t) => t.message ?? "").join("\n"));
    const left = (await appDatabases()).filter((name) => !before.has(name));
    assert.deepEqual(left, [], "the run's database must be dropped");
  });
});

async function appDatabases(): Promise<string[]> {
  const admin = new pg.Client({ connectionString: DEFAULT_ADMIN_URL });
  await admin.connect();
  try {
    const result = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'rw_app_%'");
    return result.rows.map((row) => row.datname);
  } finally {
    await admin.end();
  }
}
