/**
 * sql exercises with `checks: ddl` (PostgreSQL): the learner designs the schema. Their SQL
 * (CREATE TABLE with constraints, CREATE INDEX) runs after schema.sql, as the grading's own
 * unprivileged role in a database made for this grading (as in sql-postgres.ts), and each case
 * checks what the design allows, in a transaction rolled back after it:
 *   accept: SQL that must succeed (a good row);
 *   reject: SQL that must fail with an integrity constraint violation (SQLSTATE class 23: a
 *           NOT NULL, CHECK, UNIQUE or FOREIGN KEY constraint), not with any other error;
 *   explain: a query whose plan must use an index (EXPLAIN, with sequential scans priced out
 *           so that the tiny tables of a test do not hide a missing index).
 * The learner's SQL may be several statements; a timer cancels, then ends, a session past the
 * statement time limit (the SQL could change statement_timeout itself).
 */
import type pg from "pg";
import type { SqlExercise } from "../../content/exercise.js";
import type { SqlCase } from "../../content/schema.js";
import { provisionDatabase } from "../project/services/postgres.js";
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import { silentLog, warnOnReject, type Log } from "../../log.js";
import { connectAsRun, KILL_GRACE_MS, reachCluster, watchStatement } from "./sql-postgres.js";

export interface DdlOptions {
  statementMs: number;
  memoryBytes: number;
  cpuMs: number;
  diskBytes: number;
  /** The grading PostgreSQL cluster's folder (GradingConfig.postgresDir); undefined: the default. */
  postgresDir: string | undefined;
  onTest?: (test: TestResult) => void;
  /** Where a failed cancel, session end or rollback is told; default silentLog. */
  log?: Log;
}

type Verdict = { ok: true; note?: string } | { ok: false; message: string } | { limit: LimitHit };

export async function gradeDdlOnPostgres(exercise: SqlExercise, source: string, options: DdlOptions): Promise<GradeReport> {
  const started = performance.now();
  const cluster = await reachCluster(options.postgresDir, options.log ?? silentLog);
  const db = await provisionDatabase(cluster, { limits: { statementMs: options.statementMs + KILL_GRACE_MS, memoryBytes: options.memoryBytes, cpuMs: options.cpuMs, diskBytes: options.diskBytes } });
  const log = (options.log ?? silentLog).child({ database: db.database });
  const tests: TestResult[] = [];
  const limitsHit: LimitHit[] = [];
  try {
    let client = await connectAsRun(db);
    try {
      for (const testCase of exercise.cases) {
        const test: TestResult = { name: testCase.name, status: "pass", test_code: describe(testCase) };
        const verdict = limitsHit.length > 0 ? { ok: false as const, message: `not run: ${limitsHit[0]?.message ?? "a limit was reached"} on an earlier case` } : await runCase(client, cluster.admin, exercise.schema, source, testCase, options.statementMs, log.child({ case: testCase.name }));
        if ("limit" in verdict) {
          limitsHit.push(verdict.limit);
          test.status = "fail";
          test.message = verdict.limit.message;
          await client.end().catch(warnOnReject(log, "ending the session stopped at the limit", { case: testCase.name }));
          client = await connectAsRun(db);
        } else if (!verdict.ok) {
          test.status = "fail";
          test.message = verdict.message;
        } else if (verdict.note !== undefined) {
          test.message = verdict.note;
        }
        options.onTest?.(test);
        tests.push(test);
      }
    } finally {
      await client.end().catch(warnOnReject(log, "ending the grading's session"));
    }
  } finally {
    await db.drop();
  }
  const failed = tests.filter((t) => t.status !== "pass").length;
  return {
    version: 3,
    status: failed === 0 ? "pass" : "fail",
    ...(failed === 0 ? {} : { message: `${failed} of ${tests.length} checks of your schema did not hold` }),
    tests,
    duration_ms: Math.round(performance.now() - started),
    ...(limitsHit.length > 0 ? { limits_hit: limitsHit } : {}),
    tamper_proof: true,
  };
}

function describe(testCase: SqlCase): string {
  if (testCase.accept !== undefined) return `-- must be accepted:\n${testCase.accept.trim()}`;
  if (testCase.reject !== undefined) return `-- must be refused by a constraint:\n${testCase.reject.trim()}`;
  return `-- its plan must use an index:\nEXPLAIN ${(testCase.explain ?? "").trim()}`;
}

async function runCase(client: pg.Client, admin: pg.Pool, schema: string, source: string, testCase: SqlCase, statementMs: number, log: Log): Promise<Verdict> {
  const watch = watchStatement(client, admin, statementMs, log);
  const stopped = (error: unknown): boolean => watch.timedOut() || /statement timeout|canceling statement|terminating connection|Connection terminated/i.test((error as Error).message);
  const limit: LimitHit = { limit: "wall-time", message: `statement time limit ${statementMs / 1000} s reached: PostgreSQL stopped your SQL` };
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementMs))}`);
    try {
      await client.query(schema);
      if (testCase.data.trim() !== "") await client.query(testCase.data);
    } catch (error) {
      if (stopped(error)) return { limit };
      return { ok: false, message: `schema.sql or the case's rows failed on PostgreSQL (a problem in the exercise): ${(error as Error).message}` };
    }
    try {
      await client.query(source);
    } catch (error) {
      if (stopped(error)) return { limit };
      // The grading role's temp_file_limit: the SQL wrote more temporary data than the disk limit allows.
      if (/temp_file_limit/.test((error as Error).message)) return { limit: { limit: "disk", message: `disk limit reached: PostgreSQL stopped your SQL (${(error as Error).message})` } };
      return { ok: false, message: `PostgreSQL could not run your SQL: ${(error as Error).message}` };
    }
    return await check(client, testCase);
  } catch (error) {
    if (stopped(error)) return { limit };
    throw error;
  } finally {
    watch.stop();
    await client.query("ROLLBACK").catch(warnOnReject(log, "rolling back a case"));
  }
}

async function check(client: pg.Client, testCase: SqlCase): Promise<Verdict> {
  if (testCase.accept !== undefined) {
    try {
      await client.query(testCase.accept);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: `your schema refuses this, which it should accept:\n${testCase.accept.trim()}\nPostgreSQL said: ${(error as Error).message}` };
    }
  }
  if (testCase.reject !== undefined) {
    try {
      await client.query(testCase.reject);
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (code.startsWith("23")) return { ok: true, note: `refused, as it should be: ${(error as Error).message}` };
      return { ok: false, message: `this failed, but not because of a constraint (PostgreSQL error ${code || "?"}: ${(error as Error).message}); check the table and column names the instructions give:\n${testCase.reject.trim()}` };
    }
    return { ok: false, message: `your schema accepts this, which a constraint should refuse:\n${testCase.reject.trim()}` };
  }
  const query = (testCase.explain ?? "").trim().replace(/;\s*$/, "");
  // On a table of a few rows a sequential scan is cheapest whatever the indexes: price it out,
  // so the plan shows whether an index fits the query at all.
  await client.query("SET LOCAL enable_seqscan = off");
  let plan: unknown;
  try {
    const result = await client.query({ text: `EXPLAIN (FORMAT JSON) ${query}`, rowMode: "array" });
    const cell = (result.rows as unknown[][])[0]?.[0];
    plan = typeof cell === "string" ? JSON.parse(cell) : cell;
  } catch (error) {
    return { ok: false, message: `PostgreSQL could not plan the query (a problem with your tables or columns?): ${(error as Error).message}` };
  }
  const nodes = planNodes(plan);
  // An index read only for its order (an Index Scan with a Filter and no Index Cond) does not count: it still reads every row.
  const index = nodes.find((node) => typeof node["Index Name"] === "string" && node["Index Cond"] !== undefined);
  if (index !== undefined) return { ok: true, note: `${String(index["Node Type"])} using ${String(index["Index Name"])}` };
  const scans = nodes
    .filter((node) => typeof node["Relation Name"] === "string")
    .map((node) => `${String(node["Node Type"])} on ${String(node["Relation Name"])}${typeof node["Index Name"] === "string" ? ` using ${node["Index Name"]} only for its order, every row read and filtered` : ""}`);
  return { ok: false, message: `no index is used to find the rows: ${scans.join(", ") || nodes.map((n) => String(n["Node Type"])).join(", ")}. Create an index whose first column is the one the query filters on:\nEXPLAIN ${query}` };
}

function planNodes(plan: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.Plan !== undefined) return walk(record.Plan);
    out.push(record);
    walk(record.Plans);
  };
  walk(plan);
  return out;
}
