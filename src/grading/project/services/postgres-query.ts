/**
 * t.query for apps on PostgreSQL: a read-only query the grader runs on a run's database.
 * It connects as the run's own role, never as the superuser: the app owns every table,
 * view, function and operator in that database, and a superuser that touched them could be
 * made to run the app's code with a superuser's rights (COPY ... TO PROGRAM, say). As the
 * run's role, a query can do at most what the app itself could.
 *
 * The statement runs in a READ ONLY transaction that is rolled back, through a cursor so that
 * at most MAX_ROWS rows are ever read, under a statement timeout.
 */
import type pg from "pg";
import { RoadworkError } from "../../../errors.js";
import { silentLog, warnOnReject, type Log } from "../../../log.js";
import { QueryError } from "../sqlite-query.js";
import type { ProvisionedDatabase } from "./postgres-database.js";

export const MAX_ROWS = 10_000;
const STATEMENT_TIMEOUT_MS = 10_000;
const INT8 = 20;
const NUMERIC = 1700;

export type GraderQueryTarget = Pick<ProvisionedDatabase, "hostSocketDir" | "port" | "user" | "password" | "database">;

export async function queryAsGrader(db: GraderQueryTarget, sql: string, params: readonly unknown[] = [], log: Log = silentLog): Promise<Array<Record<string, unknown>>> {
  const { default: pgModule } = await import("pg");
  const client = new pgModule.Client({
    host: db.hostSocketDir,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    application_name: "roadwork-grader",
    types: { getTypeParser: numbersAsNumbers(pgModule) },
  });
  // Errors of this client surface through the calls below; an idle 'error' event would only crash the grader.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const message = (error as Error).message;
    // Every session taken by the app, or the database closed at its disk limit: the app's doing.
    if (/too many connections/.test(message)) throw new QueryError(`cannot connect to the app's PostgreSQL database: ${message} (the app holds every session its database allows, or reached its disk limit)`);
    throw new RoadworkError("INFRASTRUCTURE", `cannot connect to the grading PostgreSQL: ${message}`, { cause: error });
  }
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
    const statement = sql.trim().replace(/;\s*$/, "");
    try {
      await client.query(`DECLARE roadwork_query NO SCROLL CURSOR FOR ${statement}`, params as unknown[]);
    } catch (error) {
      throw new QueryError(`the query failed: ${(error as Error).message}${/syntax error at or near/.test((error as Error).message) ? " (t.query runs one read-only SELECT, VALUES or WITH ... SELECT statement)" : ""}`);
    }
    const result = await client.query<Record<string, unknown>>(`FETCH ${MAX_ROWS + 1} FROM roadwork_query`);
    if (result.rows.length > MAX_ROWS) throw new QueryError(`the query returned more than ${MAX_ROWS} rows; narrow it down (WHERE, LIMIT)`);
    return result.rows;
  } catch (error) {
    if (error instanceof QueryError) throw error;
    throw new QueryError(`the query failed: ${(error as Error).message}`);
  } finally {
    await closeReadOnly(client, db, log);
  }
}

/**
 * count(*) is a bigint and sums of numeric columns are numeric; pg gives both as strings.
 * Stages compare them with numbers (as they do with SQLite), so read them as numbers when
 * that loses nothing.
 */
function numbersAsNumbers(pgModule: typeof pg): typeof pg.types.getTypeParser {
  return ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8 || oid === NUMERIC) {
      return (value: string) => {
        const number = Number(value);
        if (oid === INT8) return Number.isSafeInteger(number) ? number : value;
        // "9.90" is 9.9 exactly as a decimal; "0.1000000000000000000001" is not.
        const decimal = value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
        return Number.isFinite(number) && String(number) === decimal ? number : value;
      };
    }
    return pgModule.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser;
}

export interface ExplainOptions {
  /** false: `SET LOCAL enable_seqscan = off`, so that the plan uses an index whenever one can serve the query, however few rows the table holds. */
  seqscan?: boolean;
  /** Where a failed ROLLBACK or close is told; default silentLog. */
  log?: Log;
}

/**
 * EXPLAIN (no ANALYZE: the statement is planned, never run) as the run's role, in a READ ONLY
 * transaction that is rolled back. Gives the plan as JSON and as the text psql shows.
 */
export async function explainAsGrader(db: GraderQueryTarget, sql: string, params: readonly unknown[] = [], options: ExplainOptions = {}): Promise<{ json: unknown; text: string }> {
  const { default: pgModule } = await import("pg");
  const client = new pgModule.Client({ host: db.hostSocketDir, port: db.port, user: db.user, password: db.password, database: db.database, application_name: "roadwork-grader" });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const message = (error as Error).message;
    if (/too many connections/.test(message)) throw new QueryError(`cannot connect to the app's PostgreSQL database: ${message} (the app holds every session its database allows)`);
    throw new RoadworkError("INFRASTRUCTURE", `cannot connect to the grading PostgreSQL: ${message}`, { cause: error });
  }
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
    if (options.seqscan === false) await client.query("SET LOCAL enable_seqscan = off");
    const statement = sql.trim().replace(/;\s*$/, "");
    try {
      const json = await client.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${statement}`, params as unknown[]);
      const text = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement}`, params as unknown[]);
      return { json: json.rows[0]?.["QUERY PLAN"], text: text.rows.map((row) => row["QUERY PLAN"]).join("\n") };
    } catch (error) {
      throw new QueryError(`EXPLAIN failed: ${(error as Error).message}`);
    }
  } finally {
    await closeReadOnly(client, db, options.log ?? silentLog);
  }
}

/**
 * Nothing was written (READ ONLY), so a ROLLBACK or close that fails changes no verdict; it is
 * logged all the same, since it may leave a session of the run's role open until the database goes.
 */
async function closeReadOnly(client: pg.Client, db: GraderQueryTarget, log: Log): Promise<void> {
  await client.query("ROLLBACK").catch(warnOnReject(log, "rolling back the grader's read-only query", { database: db.database }));
  await client.end().catch(warnOnReject(log, "closing the grader's query session", { database: db.database }));
}
