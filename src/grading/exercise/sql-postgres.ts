/**
 * SQL exercises on PostgreSQL (exercise.yaml `engine: postgresql`). Each grading gets a
 * database of its own on the grader's cluster, provisioned as for project apps
 * (project/services/postgres-database.ts: a fresh unprivileged role owning a fresh database,
 * closed catalogs, a watchdog), and dropped when the grading ends, whatever happened.
 *
 * The query is the learner's text, sent by the grader as the run's role, never as the
 * superuser and never with anything spliced into it. Per case, in one transaction:
 *   schema.sql and the case's rows (the exercise's own text)  ->  the reference query
 *   ->  SET TRANSACTION READ ONLY + statement_timeout  ->  the learner's query  ->  ROLLBACK.
 * The learner's text becomes the body of a cursor sent with the extended protocol, which
 * takes exactly one statement and only a query (SELECT, VALUES, WITH ... SELECT): INSERT,
 * UPDATE, DELETE, DDL, SET or a second statement are refused by the server itself. A read-only
 * transaction cannot be made read-write again once it has run a query, so nothing the query
 * calls can write. The statement timeout is a setting the query could try to change from a
 * function, so a timer here also cancels, then ends, the session at the limit.
 */
import type pg from "pg";
import { RoadworkError } from "../../errors.js";
import { silentLog, warnOnReject, type Log } from "../../log.js";
import { graderPostgres } from "../project/app-postgres.js";
import { provisionDatabase, type ProvisionedDatabase } from "../project/services/postgres.js";
import type { LimitHit } from "../report.js";
import type { SqlExercise } from "../../content/exercise.js";
import type { CaseOutcome, QueryOutcome, QueryResult, SqlValue } from "./sql-result.js";

/** Rows read from the learner's cursor at most; one more than this is reported as too many. */
export const PG_MAX_ROWS = 10_000;
/** Time after the statement limit before the session is ended outright (the query ignored the cancel). */
export const KILL_GRACE_MS = 1_000;
const CURSOR = "roadwork_query";

export interface PostgresRunOptions {
  /** The statement time limit for the learner's query. */
  statementMs: number;
  memoryBytes: number;
  cpuMs: number;
  diskBytes: number;
  /** Tests only: told the name of the database made for this grading. */
  onDatabase?: (name: string) => void;
  /** The cluster's folder; default defaultPostgresDir(). */
  postgresDir?: string;
  /** Where a failed cancel, session end or rollback is told; default silentLog. */
  log?: Log;
}

export interface PostgresOutcomes {
  reference: QueryOutcome;
  learner: QueryOutcome;
}

/** Runs the reference and the learner's query on every case, in a database made and dropped for this grading. */
export async function runOnPostgres(exercise: SqlExercise, learnerQuery: string, options: PostgresRunOptions): Promise<PostgresOutcomes> {
  const log = options.log ?? silentLog;
  const cluster = await reachCluster(options.postgresDir, log);
  const db = await provisionDatabase(cluster, {
    limits: { statementMs: options.statementMs + KILL_GRACE_MS, memoryBytes: options.memoryBytes, cpuMs: options.cpuMs, diskBytes: options.diskBytes },
  });
  options.onDatabase?.(db.database);
  try {
    return await runCases(cluster.admin, db, exercise, learnerQuery, options.statementMs, log.child({ database: db.database }));
  } finally {
    await db.drop();
  }
}

export async function reachCluster(dir: string | undefined, log: Log): Promise<Awaited<ReturnType<typeof graderPostgres>>> {
  try {
    return await graderPostgres(log, dir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const code = error instanceof RoadworkError && error.code === "SANDBOX_UNAVAILABLE" ? "SANDBOX_UNAVAILABLE" : "INFRASTRUCTURE";
    throw new RoadworkError(code, `this exercise runs on PostgreSQL (engine: postgresql) and the grading PostgreSQL is not available: ${reason}`, { cause: error });
  }
}

async function runCases(admin: pg.Pool, db: ProvisionedDatabase, exercise: SqlExercise, learnerQuery: string, statementMs: number, log: Log): Promise<PostgresOutcomes> {
  let client = await connectAsRun(db);
  const reference: CaseOutcome[] = [];
  const learner: CaseOutcome[] = [];
  let limit: LimitHit | undefined;
  try {
    for (const testCase of exercise.cases) {
      await client.query("BEGIN");
      try {
        const loaded = await loadCase(client, exercise.schema, testCase.data);
        if (loaded !== undefined) {
          reference.push(loaded);
          learner.push(loaded);
          continue;
        }
        reference.push(await referenceCase(client, exercise.solution));
        // After a limit only the reference runs: the same query would reach it on every later case.
        if (limit !== undefined) continue;
        const got = await learnerCase(client, admin, learnerQuery, statementMs, log);
        if ("limit" in got) {
          limit = got.limit;
          // The session may have been ended at the limit: the remaining references get a new one.
          await client.end().catch(warnOnReject(log, "ending the session stopped at the limit", { case: testCase.name }));
          client = await connectAsRun(db);
        } else {
          learner.push(got);
        }
      } finally {
        await client.query("ROLLBACK").catch(warnOnReject(log, "rolling back a case", { case: testCase.name }));
      }
    }
  } finally {
    await client.end().catch(warnOnReject(log, "ending the grading's session"));
  }
  const learnerOutcome: QueryOutcome = limit === undefined ? { ok: true, cases: learner } : { ok: false, message: limit.message, limitsHit: [limit] };
  return { reference: { ok: true, cases: reference }, learner: learnerOutcome };
}

export async function connectAsRun(db: ProvisionedDatabase): Promise<pg.Client> {
  const { default: pgModule } = await import("pg");
  const client = new pgModule.Client({
    host: db.hostSocketDir,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    application_name: "roadwork-sql-exercise",
    // Every value as PostgreSQL prints it: the comparison works on text, as with SQLite.
    types: { getTypeParser: () => (value: string) => value },
  });
  // Errors of this client surface through the calls below; an idle 'error' event would only crash the grader.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `cannot connect to the grading PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
  return client;
}

async function loadCase(client: pg.Client, schema: string, data: string): Promise<CaseOutcome | undefined> {
  try {
    await client.query(schema);
    if (data.trim() !== "") await client.query(data);
    return undefined;
  } catch (error) {
    return { ok: false, message: `schema.sql or the case's rows failed on PostgreSQL: ${(error as Error).message}` };
  }
}

async function referenceCase(client: pg.Client, solution: string): Promise<CaseOutcome> {
  await client.query("SAVEPOINT reference");
  try {
    return { ok: true, result: await readCursor(client, solution) };
  } catch (error) {
    return { ok: false, message: `PostgreSQL could not run the query: ${(error as Error).message}` };
  } finally {
    await client.query("ROLLBACK TO SAVEPOINT reference");
    await client.query("RELEASE SAVEPOINT reference");
  }
}

async function learnerCase(client: pg.Client, admin: pg.Pool, query: string, statementMs: number, log: Log): Promise<CaseOutcome | { limit: LimitHit }> {
  await client.query("SET TRANSACTION READ ONLY");
  await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementMs))}`);
  const watch = watchStatement(client, admin, statementMs, log);
  try {
    return { ok: true, result: await readCursor(client, query) };
  } catch (error) {
    const message = (error as Error).message;
    if (watch.timedOut() || /statement timeout|canceling statement|terminating connection|Connection terminated/i.test(message)) {
      return { limit: { limit: "wall-time", message: `statement time limit ${formatSeconds(statementMs)} reached: PostgreSQL stopped the query` } };
    }
    return { ok: false, message: explain(message) };
  } finally {
    watch.stop();
  }
}

/**
 * Cancels the session's statement just past its limit, and ends the session when it ignores
 * the cancel (the learner's SQL could change statement_timeout itself). A cancel or an end
 * that fails is logged: the limit then rests on statement_timeout alone.
 */
export function watchStatement(client: pg.Client, admin: pg.Pool, statementMs: number, log: Log): { timedOut(): boolean; stop(): void } {
  const pid = (client as unknown as { processID?: number }).processID;
  let timedOut = false;
  const cancel = setTimeout(() => {
    timedOut = true;
    void admin.query("SELECT pg_cancel_backend($1)", [pid]).catch(warnOnReject(log, "cancelling a statement past its limit", { backendPid: pid }));
  }, statementMs + 200);
  const kill = setTimeout(() => void admin.query("SELECT pg_terminate_backend($1)", [pid]).catch(warnOnReject(log, "ending a session past its limit", { backendPid: pid })), statementMs + KILL_GRACE_MS);
  return {
    timedOut: () => timedOut,
    stop: () => {
      clearTimeout(cancel);
      clearTimeout(kill);
    },
  };
}

/** The query as a cursor (one statement, a query only), read up to PG_MAX_ROWS + 1 rows. */
async function readCursor(client: pg.Client, query: string): Promise<QueryResult> {
  const statement = query.trim().replace(/;\s*$/, "");
  await client.query({ text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${statement}`, queryMode: "extended" } as pg.QueryConfig);
  const result = await client.query({ text: `FETCH ${PG_MAX_ROWS + 1} FROM ${CURSOR}`, rowMode: "array" });
  await client.query(`CLOSE ${CURSOR}`);
  const rows = (result.rows as unknown[][]).map((row) => row.map((value, i) => tagged(value, result.fields[i]?.dataTypeID ?? 0)));
  const out: QueryResult = { columns: result.fields.map((f) => f.name), rows: rows.slice(0, PG_MAX_ROWS) };
  if (rows.length > PG_MAX_ROWS) out.truncated = PG_MAX_ROWS;
  return out;
}

const INTEGER_TYPES = new Set([20, 21, 23, 26]);
const DECIMAL_TYPES = new Set([700, 701, 1700]);
const BOOL = 16;
const BYTEA = 17;

/** A value in the SQLite runner's shape: i integer, f decimal, s text, b bytes (hex), n NULL, v other (shown as is). */
function tagged(value: unknown, typeId: number): SqlValue {
  if (value === null || value === undefined) return ["n"];
  const text = String(value);
  if (INTEGER_TYPES.has(typeId)) return ["i", text];
  if (DECIMAL_TYPES.has(typeId)) return ["f", text];
  if (typeId === BOOL) return ["v", text === "t" ? "true" : "false"];
  if (typeId === BYTEA) return ["b", text.replace(/^\\x/, "").toUpperCase()];
  return ["s", text];
}

/** PostgreSQL's own words, with what a learner needs to act on the two refusals they will meet. */
function explain(message: string): string {
  if (/cannot insert multiple commands into a prepared statement/.test(message)) {
    return `PostgreSQL could not run the query: ${message} (send exactly one statement: remove everything after the first ;)`;
  }
  if (/syntax error at or near "(insert|update|delete|create|drop|alter|truncate|grant|revoke|set|begin|commit|copy|call|do|merge|lock|vacuum)"/i.test(message) || /must not contain data-modifying statements/.test(message)) {
    return `PostgreSQL could not run the query: ${message} (only one read-only query is run here: SELECT, WITH ... SELECT or VALUES; the data cannot be changed)`;
  }
  return `PostgreSQL could not run the query: ${message}`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
