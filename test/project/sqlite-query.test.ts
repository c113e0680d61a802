/**
 * t.query on SQLite: the database the app wrote is read through no-follow descriptors and
 * queried in the sandbox, with a time limit, never on the grader's event loop.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, linkSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { silentLog } from "../../src/log.js";
import { createSqliteReader, QueryError, type SqliteReader } from "../../src/grading/project/sqlite-query.js";
import type { Sandbox, SandboxSpec } from "../../src/grading/sandbox/types.js";
import { tempDir } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PYTHON = "/usr/bin/python3";

void describe("reading the app's SQLite database", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  const dirs = tempDir("sqlite-query");
  let count = 0;
  const fresh = (): string => {
    const path = join(dirs.path, `d${++count}`);
    mkdirSync(path);
    return path;
  };
  let sandbox: Sandbox;
  let reader: SqliteReader;
  before(async () => {
    sandbox = await sandboxForTests();
    reader = createSqliteReader({ sandbox, log: silentLog, timeLimitMs: 1_000 });
  });
  after(async () => {
    await reader.close();
    await sandbox.close();
    dirs.remove();
  });

  void it("reads what the app wrote, WAL included, and refuses to write", async () => {
    const path = join(fresh(), "app.db");
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (id INTEGER, name TEXT, photo BLOB, score REAL); INSERT INTO t VALUES (1, 'ada', x'00ff', 1.5), (2, 'bob', NULL, 2.0)");
    // Still open: the rows are in the WAL only, as in a running app.
    assert.ok(existsSync(`${path}-wal`));
    assert.deepEqual(await reader.query(path, "SELECT name, photo, score FROM t WHERE id = ?", [1]), [{ name: "ada", photo: Buffer.from([0, 255]), score: 1.5 }]);
    assert.deepEqual(await reader.query(path, "SELECT count(*) AS n FROM t"), [{ n: 2 }]);
    await assert.rejects(reader.query(path, "DELETE FROM t"), (e: unknown) => e instanceof QueryError && /read-only statements only/.test(e.message));
    await assert.rejects(reader.query(path, "SELEC nonsense"), (e: unknown) => e instanceof QueryError && /the query failed: .*syntax error/.test(e.message));
    db.close();
  });

  void it("a reader prepared ahead is started before the first query, waits at low priority, and answers that query", async () => {
    const specs: SandboxSpec[] = [];
    const spying: Sandbox = { ...sandbox, spawn: (spec) => (specs.push(spec), sandbox.spawn(spec)) };
    const ahead = createSqliteReader({ sandbox: spying, log: silentLog, timeLimitMs: 5_000 });
    try {
      ahead.prepare();
      assert.equal(specs.length, 1, "prepare() starts the reader");
      assert.equal(specs[0]?.lowPriorityUntilInput, true, "it gives way until its first query");
      assert.equal(specs[0]?.idleUntilInput, true);
      const path = join(fresh(), "app.db");
      const db = new Database(path);
      db.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (7)");
      db.close();
      assert.deepEqual(await ahead.query(path, "SELECT n FROM t"), [{ n: 7 }]);
      ahead.prepare();
      assert.deepEqual(await ahead.query(path, "SELECT n + 1 AS m FROM t"), [{ m: 8 }]);
      assert.equal(specs.length, 1, "the prepared reader is the one the queries use, and a second prepare() starts none");
    } finally {
      await ahead.close();
    }
  });

  void it("refuses a database that is a symlink or a hard link", async () => {
    const elsewhere = join(fresh(), "other.db");
    new Database(elsewhere).close();
    const data = fresh();
    symlinkSync(elsewhere, join(data, "app.db"));
    await assert.rejects(reader.query(join(data, "app.db"), "SELECT 1"), /symbolic link/);
    const data2 = fresh();
    linkSync(elsewhere, join(data2, "app.db"));
    await assert.rejects(reader.query(join(data2, "app.db"), "SELECT 1"), /hard link/);
  });

  void it("stops a query past its time limit, names the limit, and the grader keeps running meanwhile", async () => {
    const path = join(fresh(), "app.db");
    const db = new Database(path);
    // A view that costs whoever reads it: the grader, when a stage reads it.
    db.exec("CREATE VIEW slow AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) AS n FROM c");
    db.close();
    let ticked = false;
    const tick = setTimeout(() => (ticked = true), 100);
    const outcome = await reader.query(path, "SELECT n FROM slow").then(
      () => "answered",
      (error: unknown) => error,
    );
    clearTimeout(tick);
    assert.ok(outcome instanceof QueryError, String(outcome));
    assert.match(outcome.message, /t\.query time limit 1 s reached/);
    assert.ok(ticked, "a timer of the grader fired while the query ran");
    // The next query gets a fresh reader.
    assert.deepEqual(await reader.query(path, "SELECT 41 + 1 AS n"), [{ n: 42 }]);
  });
});
