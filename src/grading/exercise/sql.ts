/**
 * SQL exercises: the learner's query and the reference query each run in the sandbox against
 * a fresh in-memory SQLite database built from schema.sql; their rows must match, in order
 * or as a multiset (exercise.yaml `ordered`). The reference result is computed once per
 * exercise and kept. Exercises with `engine: postgresql` run both queries on a database of
 * their own on the grader's PostgreSQL instead (sql-postgres.ts); the comparison is the same.
 */
import { createHash } from "node:crypto";
import type { SqlExercise } from "../../content/exercise.js";
import type { GradeReport, TestResult } from "../report.js";
import type { Log } from "../../log.js";
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { runWithChannel } from "./channel-run.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "./paths.js";
import { pythonModule } from "./spawn.js";
import type { CaseOutcome, QueryOutcome, QueryResult, SqlValue } from "./sql-result.js";

export interface SqlOptions {
  sandbox: Sandbox;
  limits: SandboxLimits;
  signal?: AbortSignal;
  onTest?: (test: TestResult) => void;
  /** Tests only (engine: postgresql): told the name of the database made for this grading. */
  onDatabase?: (name: string) => void;
  /** The grading PostgreSQL cluster's folder (engine: postgresql); default defaultPostgresDir(). */
  postgresDir?: string;
  /** Where errors grading recovers from are told (engine: postgresql); default silentLog. */
  log?: Log;
}

const SQL_MESSAGE_LIMIT = 16 * 1024 * 1024;
const referenceCache = new Map<string, Promise<QueryOutcome>>();

export async function gradeSql(exercise: SqlExercise, source: string, opts: SqlOptions): Promise<GradeReport> {
  if (exercise.config.checks === "ddl") {
    const { gradeDdlOnPostgres } = await import("./sql-postgres-ddl.js");
    return gradeDdlOnPostgres(exercise, source, { statementMs: opts.limits.wallTimeMs, memoryBytes: opts.limits.memoryBytes, cpuMs: opts.limits.cpuTimeMs, diskBytes: opts.limits.diskBytes, postgresDir: opts.postgresDir, ...(opts.onTest === undefined ? {} : { onTest: opts.onTest }), ...(opts.log === undefined ? {} : { log: opts.log }) });
  }
  const started = performance.now();
  const [reference, learner] = exercise.config.engine === "postgresql" ? await postgresResults(exercise, source, opts) : await Promise.all([referenceResult(exercise, opts), runQuery(exercise, source, opts)]);
  const base = { version: 3 as const, tamper_proof: true };
  const finish = (report: Omit<GradeReport, "version" | "duration_ms">): GradeReport => ({
    ...base,
    ...report,
    duration_ms: Math.round(performance.now() - started),
  });
  const failedReference = !reference.ok ? reference.message : reference.cases.map((c, i) => (c.ok ? undefined : `${exercise.cases[i]?.name ?? i}: ${c.message}`)).find((m) => m !== undefined);
  if (failedReference !== undefined || !reference.ok) {
    return finish({ status: "error", message: `the reference query of this exercise failed (a problem in the exercise): ${failedReference ?? "no result"}`, tests: [] });
  }
  const limitsHit = learner.ok ? [] : learner.limitsHit;
  const tests = exercise.cases.map((testCase, index): TestResult => {
    const test: TestResult = { name: testCase.name, status: "pass", test_code: describeCase(testCase.data, source) };
    const expected = reference.cases[index];
    const got = learner.ok ? learner.cases[index] : { ok: false as const, message: learner.message };
    if (got === undefined || !got.ok) {
      test.status = "fail";
      test.message = got?.message ?? "the query gave no result for this case";
    } else if (expected !== undefined && expected.ok) {
      const problem = compareResults(expected.result, got.result, testCase.ordered ?? exercise.config.ordered);
      if (problem !== undefined) {
        test.status = "fail";
        test.message = problem;
      }
    }
    opts.onTest?.(test);
    return test;
  });
  const failed = tests.filter((t) => t.status !== "pass").length;
  return finish({
    status: failed === 0 ? "pass" : "fail",
    ...(failed === 0 ? {} : { message: tests.length === 1 ? "the query did not return the expected rows" : `${failed} of ${tests.length} cases did not return the expected rows` }),
    tests,
    ...(limitsHit.length > 0 ? { limits_hit: limitsHit } : {}),
  });
}

/** What the learner sees as the test's code: the case's own rows, then their query. */
function describeCase(data: string, query: string): string {
  const parts = [];
  if (data.trim() !== "") parts.push(`-- rows added to schema.sql for this case:\n${data.trim().slice(0, 1500)}`);
  parts.push(`${data.trim() === "" ? "" : "-- your query:\n"}${query.trim().slice(0, 2000)}`);
  return parts.join("\n");
}

/** Both queries in one database made for this grading: the reference is cheap next to making it. */
async function postgresResults(exercise: SqlExercise, source: string, opts: SqlOptions): Promise<[QueryOutcome, QueryOutcome]> {
  const { runOnPostgres } = await import("./sql-postgres.js");
  const { reference, learner } = await runOnPostgres(exercise, source, {
    statementMs: opts.limits.wallTimeMs,
    memoryBytes: opts.limits.memoryBytes,
    cpuMs: opts.limits.cpuTimeMs,
    diskBytes: opts.limits.diskBytes,
    ...(opts.onDatabase === undefined ? {} : { onDatabase: opts.onDatabase }),
    ...(opts.postgresDir === undefined ? {} : { postgresDir: opts.postgresDir }),
    ...(opts.log === undefined ? {} : { log: opts.log }),
  });
  return [reference, learner];
}

function referenceResult(exercise: SqlExercise, opts: SqlOptions): Promise<QueryOutcome> {
  const key = createHash("sha256").update(exercise.dir).update("\0").update(exercise.schema).update("\0").update(exercise.solution).update("\0").update(JSON.stringify(exercise.cases)).digest("hex");
  let cached = referenceCache.get(key);
  if (cached === undefined) {
    cached = runQuery(exercise, exercise.solution, opts);
    referenceCache.set(key, cached);
    // A failure may be passing trouble (a busy machine): do not keep it.
    void cached.then((outcome) => {
      if (!outcome.ok) referenceCache.delete(key);
    });
  }
  return cached;
}

async function runQuery(exercise: SqlExercise, query: string, opts: SqlOptions): Promise<QueryOutcome> {
  const run = await runWithChannel(
    opts.sandbox,
    {
      argv: pythonModule("sql_runner"),
      mounts: [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }],
      files: { "schema.sql": exercise.schema, "query.sql": query, "cases.json": JSON.stringify(exercise.cases.map((c) => c.data)) },
      stdin: "",
      limits: opts.limits,
    },
    SQL_MESSAGE_LIMIT,
    undefined,
    opts.signal,
  );
  if (run.limitsHit.length > 0) return { ok: false, message: run.limitsHit.map((h) => h.message).join("; "), limitsHit: run.limitsHit };
  if (run.frames.length < exercise.cases.length) {
    const stderr = run.result.stderr.toString("utf8").trim().split("\n").slice(-3).join("\n");
    return { ok: false, message: `the query could not be run${stderr ? `: ${stderr}` : ""}`, limitsHit: [] };
  }
  return { ok: true, cases: run.frames.slice(0, exercise.cases.length).map(caseOutcome) };
}

function caseOutcome(raw: unknown): CaseOutcome {
  const frame = raw as Partial<QueryResult & { error: string; schema_error: string }>;
  if (typeof frame.schema_error === "string") return { ok: false, message: `schema.sql failed: ${frame.schema_error}` };
  if (typeof frame.error === "string") return { ok: false, message: `SQLite could not run the query: ${frame.error}` };
  if (!Array.isArray(frame.columns) || !Array.isArray(frame.rows)) return { ok: false, message: "the query runner answered in an unexpected shape" };
  return { ok: true, result: frame as QueryResult };
}

/** A canonical key for a value: SQL compares 1 and 1.0 as equal, so numbers are normalised. */
function valueKey(value: SqlValue): string {
  const [tag, text = ""] = value;
  if (tag === "i" || tag === "f") {
    const n = Number(text);
    return Number.isInteger(n) && tag === "f" ? `n:${BigInt(n)}` : `n:${tag === "i" ? text : String(n)}`;
  }
  return `${tag}:${text}`;
}

function rowKey(row: SqlValue[]): string {
  return JSON.stringify(row.map(valueKey));
}

function showValue(value: SqlValue): string {
  const [tag, text = ""] = value;
  if (tag === "n") return "NULL";
  if (tag === "s") return `'${text.replaceAll("'", "''")}'`;
  if (tag === "b") return `X'${text}'`;
  return text;
}

function showRow(row: SqlValue[] | undefined): string {
  return row === undefined ? "(no row)" : `(${row.map(showValue).join(", ")})`;
}

function compareResults(expected: QueryResult, got: QueryResult, ordered: boolean): string | undefined {
  const header = `columns: expected ${expected.columns.join(", ")}; got ${got.columns.join(", ")}`;
  if (expected.columns.length !== got.columns.length) {
    return `expected ${expected.columns.length} columns (${expected.columns.join(", ")}), got ${got.columns.length} (${got.columns.join(", ")})`;
  }
  if (ordered) {
    const count = Math.max(expected.rows.length, got.rows.length);
    for (let i = 0; i < count; i++) {
      const e = expected.rows[i];
      const g = got.rows[i];
      if (e === undefined || g === undefined || rowKey(e) !== rowKey(g)) {
        return [
          `expected ${expected.rows.length} rows, got ${got.rows.length}; the first difference is at row ${i + 1} (rows must be in order)`,
          `expected ${showRow(e)}`,
          `got      ${showRow(g)}`,
          header,
        ].join("\n");
      }
    }
    return undefined;
  }
  const counts = new Map<string, { row: SqlValue[]; n: number }>();
  for (const row of expected.rows) {
    const key = rowKey(row);
    const entry = counts.get(key) ?? { row, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  const extra: SqlValue[][] = [];
  for (const row of got.rows) {
    const entry = counts.get(rowKey(row));
    if (entry !== undefined && entry.n > 0) entry.n -= 1;
    else extra.push(row);
  }
  const missing: SqlValue[][] = [];
  for (const entry of counts.values()) for (let i = 0; i < entry.n; i++) missing.push(entry.row);
  if (missing.length === 0 && extra.length === 0) return undefined;
  const lines = [`expected ${expected.rows.length} rows, got ${got.rows.length} (any order)`];
  if (missing.length > 0) lines.push(`missing rows (expected but not returned):`, ...missing.slice(0, 5).map((r) => `  ${showRow(r)}`));
  if (extra.length > 0) lines.push(`unexpected rows (returned but not expected):`, ...extra.slice(0, 5).map((r) => `  ${showRow(r)}`));
  lines.push(header);
  return lines.join("\n");
}
