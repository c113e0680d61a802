/**
 * sql exercises with `engine: postgresql`: graded on a database of their own on the grader's
 * PostgreSQL cluster. Needs Debian's PostgreSQL server binaries; skips itself without them.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SqlExercise } from "../../src/content/exercise.js";
import { RoadworkError } from "../../src/errors.js";
import { silentLog } from "../../src/log.js";
import { graderPostgres } from "../../src/grading/project/app-postgres.js";
import { findPostgresBinaries, POSTGRES_INSTALL_COMMAND } from "../../src/grading/project/services/postgres.js";
import { gradeSql } from "../../src/grading/exercise/sql.js";
import { sandboxLimitsFor } from "../../src/grading/exercise/limits.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, exercise, fixture, read, summary, testNamed, theSandbox } from "./helpers.js";

after(closeSandbox);

const skip = findPostgresBinaries() === undefined ? `Debian's PostgreSQL server binaries are not installed (${POSTGRES_INSTALL_COMMAND}): PostgreSQL sql exercises cannot be graded here` : false;
const dir = fixture("pg-orders");

/** postgresDir: the cluster's folder; the default one (as a grader's) when not given. */
async function gradePg(query: string, onDatabase?: (name: string) => void, postgresDir?: string): Promise<GradeReport> {
  const ex = (await exercise(dir)) as SqlExercise;
  return gradeSql(ex, query, { sandbox: await theSandbox(), limits: sandboxLimitsFor(ex.config.limits), ...(onDatabase ? { onDatabase } : {}), ...(postgresDir ? { postgresDir } : {}) });
}

void describe("sql exercises on PostgreSQL", { skip }, () => {
  it("passes the reference on every case", async () => {
    const report = await gradePg(read(dir, "solution.sql"));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(report.tests.length, 2);
  });

  it("fails a wrong query and shows the missing and unexpected rows", async () => {
    const report = await gradePg("SELECT c.name, count(*) AS orders FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name");
    assert.equal(report.status, "fail");
    const message = testNamed(report, "seed rows").message ?? "";
    assert.match(message, /expected 3 rows, got 2 \(any order\)/);
    assert.match(message, /missing rows \(expected but not returned\):\n {2}\('Grace', 0\)/);
  });

  it("refuses DELETE, UPDATE and DDL, and leaves the data as it was", async () => {
    for (const query of ["DELETE FROM orders", "UPDATE customers SET name = 'x'", "DROP TABLE orders", "CREATE TABLE t (x int)"]) {
      const report = await gradePg(query);
      assert.equal(report.status, "fail", query);
      assert.match(testNamed(report, "seed rows").message ?? "", /only one read-only query is run here/, query);
    }
    // A data-modifying WITH is a query in form: PostgreSQL refuses it in a cursor all the same.
    const cte = await gradePg("WITH gone AS (DELETE FROM orders RETURNING customer_id) SELECT name, 0 AS orders FROM customers");
    assert.match(testNamed(cte, "seed rows").message ?? "", /data-modifying/);
    const again = await gradePg(read(dir, "solution.sql"));
    assert.equal(again.status, "pass", summary(again));
  });

  it("refuses a second statement", async () => {
    const report = await gradePg("SELECT name, 1 AS orders FROM customers; DELETE FROM orders");
    assert.equal(report.status, "fail");
    assert.match(testNamed(report, "seed rows").message ?? "", /send exactly one statement/);
  });

  it("cannot make its transaction writable from inside the query", async () => {
    const report = await gradePg("SELECT set_config('transaction_read_only', 'off', true) AS name, 0 AS orders");
    assert.match(testNamed(report, "seed rows").message ?? "", /transaction read-write mode must be set before any query/);
  });

  it("stops a query that runs too long and names the limit", async () => {
    const report = await gradePg("SELECT name, 0 AS orders FROM customers, pg_sleep(30)");
    assert.equal(report.status, "fail");
    assert.deepEqual(report.limits_hit?.map((h) => h.limit), ["wall-time"], summary(report));
    assert.match(testNamed(report, "seed rows").message ?? "", /statement time limit 1\.5 s reached/);
  });

  it("drops the grading's database afterwards, also after a failure", async () => {
    const cluster = await graderPostgres(silentLog);
    for (const query of [read(dir, "solution.sql"), "SELECT nonsense FROM nowhere"]) {
      let name: string | undefined;
      await gradePg(query, (n) => (name = n));
      assert.ok(name !== undefined, "the grading made a database");
      const found = await cluster.admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      assert.equal(found.rowCount, 0, `${name} is gone`);
    }
  });
});

void describe("sql exercises on PostgreSQL where it cannot run", () => {
  it("fail with a clear INFRASTRUCTURE error", async () => {
    const unusable = mkdtempSync(join(tmpdir(), "roadwork-no-pg-"));
    writeFileSync(join(unusable, "something-else"), "not a cluster\n");
    try {
      await assert.rejects(gradePg(read(dir, "solution.sql"), undefined, unusable), (error: unknown) => {
        assert.ok(error instanceof RoadworkError);
        assert.ok(error.code === "INFRASTRUCTURE" || error.code === "SANDBOX_UNAVAILABLE", error.code);
        assert.match(error.message, /runs on PostgreSQL \(engine: postgresql\) and the grading PostgreSQL is not available/);
        return true;
      });
    } finally {
      rmSync(unusable, { recursive: true, force: true });
    }
  });
});
