/**
 * sql exercises with `checks: ddl` on PostgreSQL: the learner's schema graded by the rows it
 * accepts and refuses, and by the plans of given queries. Uses the built-in exercises
 * pg-design-accounts and pg-index-lookups; skips itself without PostgreSQL's server binaries.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import type { SqlExercise } from "../../src/content/exercise.js";
import { findPostgresBinaries, POSTGRES_INSTALL_COMMAND } from "../../src/grading/project/services/postgres.js";
import { gradeSql } from "../../src/grading/exercise/sql.js";
import { sandboxLimitsFor } from "../../src/grading/exercise/limits.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, exercise, read, summary, testNamed, theSandbox, track } from "./helpers.js";

after(closeSandbox);

const skip = findPostgresBinaries() === undefined ? `Debian's PostgreSQL server binaries are not installed (${POSTGRES_INSTALL_COMMAND})` : false;
const accounts = track("pg-design-accounts");
const lookups = track("pg-index-lookups");

async function grade(dir: string, sql: string): Promise<GradeReport> {
  const ex = (await exercise(dir)) as SqlExercise;
  return gradeSql(ex, sql, { sandbox: await theSandbox(), limits: sandboxLimitsFor(ex.config.limits) });
}

void describe("DDL and EXPLAIN checks on PostgreSQL", { skip }, () => {
  it("passes a schema whose constraints accept the good rows and refuse the bad ones", async () => {
    const report = await grade(accounts, read(accounts, "solution.sql"));
    assert.equal(report.status, "pass", summary(report));
    assert.match(testNamed(report, "an age of 12 is refused").message ?? "", /refused, as it should be: .*check constraint/);
  });

  it("fails a schema that accepts a bad row, showing the row", async () => {
    const report = await grade(accounts, read(accounts, "bad/email_not_unique.sql"));
    assert.equal(report.status, "fail", summary(report));
    const test = testNamed(report, "two accounts with the same email are refused");
    assert.equal(test.status, "fail");
    assert.match(test.message ?? "", /your schema accepts this, which a constraint should refuse:\nINSERT INTO accounts/);
  });

  it("does not count a row refused for another reason than a constraint (a misspelt column)", async () => {
    const report = await grade(accounts, read(accounts, "solution.sql").replace("name text NOT NULL", "full_name text NOT NULL"));
    const test = testNamed(report, "an account without an email is refused");
    assert.equal(test.status, "fail", summary(report));
    assert.match(test.message ?? "", /not because of a constraint \(PostgreSQL error 42703/);
  });

  it("names SQL that PostgreSQL cannot run", async () => {
    const report = await grade(accounts, "CREATE TABLE accounts (id integer PRIMARY KEY,);");
    assert.equal(report.status, "fail");
    assert.match(report.tests[0]?.message ?? "", /PostgreSQL could not run your SQL: syntax error/);
  });

  it("passes indexes that find the rows, and fails an index that only sorts them", async () => {
    const good = await grade(lookups, read(lookups, "solution.sql"));
    assert.equal(good.status, "pass", summary(good));
    assert.match(testNamed(good, "query 3 (log-in by email in any case) uses an index").message ?? "", /customers_email_lower/);
    const sorted = await grade(lookups, read(lookups, "bad/index_on_created_at.sql"));
    const test = testNamed(sorted, "query 1 (a customer's last ten orders) uses an index to find the customer's orders");
    assert.equal(test.status, "fail", summary(sorted));
    assert.match(test.message ?? "", /orders_created only for its order/);
  });

  it("stops SQL that runs past the statement time limit, naming the limit", async () => {
    const report = await grade(accounts, `${read(accounts, "solution.sql")}\nSET statement_timeout = 0;\nDO $$ BEGIN LOOP END LOOP; END $$;`);
    assert.equal(report.status, "fail", summary(report));
    assert.ok(report.limits_hit?.some((h) => h.limit === "wall-time"), summary(report));
    // Stopped once: the later checks are not run again into the same limit.
    assert.match(report.tests.at(-1)?.message ?? "", /^not run: statement time limit/);
  });

  it("names the disk limit when the SQL fills PostgreSQL's temporary files", async () => {
    const report = await grade(accounts, `${read(accounts, "solution.sql")}\nSELECT count(*) FROM generate_series(1, 1000000000);`);
    assert.equal(report.status, "fail", summary(report));
    assert.ok(report.limits_hit?.some((h) => h.limit === "disk"), summary(report));
  });
});
