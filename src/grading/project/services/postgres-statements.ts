/**
 * How many statements a run's database ran while a stage sent a request (t.countStatements):
 * a stage that says "list 50 books in at most 3 statements" catches the N+1 pattern.
 *
 * The counts come from pg_stat_statements, loaded when the grader's cluster starts
 * (postgres-config.ts). Its settings are superuser-only, so a run's role cannot stop the
 * counting or hide from it, and the extension lives only in the maintenance database, which
 * runs cannot reach: the grader reads it there as superuser, filtered to the run's database.
 * Only SELECT, INSERT, UPDATE and DELETE are counted (track_utility is off: BEGIN, COMMIT,
 * SET and DDL are not), and only top-level statements (a function's inner queries are not,
 * nor a DO block's: an app could hide statements there, which no ORM does).
 * A statement is counted when it finishes, before its result reaches the app, so a request
 * whose answer came back has all its statements counted.
 *
 * A count is the difference of two snapshots, per statement (constants replaced by $1, $2...,
 * as pg_stat_statements normalises them). A statement evicted in between (the view keeps the
 * 10,000 most run) counts what it ran since: never more than the truth.
 */
import type pg from "pg";
import { RoadworkError } from "../../../errors.js";

export interface StatementStat {
  /** The statement, constants replaced by $1, $2... */
  query: string;
  calls: number;
}

/** Statements of one database, keyed by role and statement id. */
export type StatementSnapshot = Map<string, StatementStat>;

/**
 * Statements that are not queries: transaction and session control, DDL, cursors. The
 * cluster does not track them (track_utility off); this filter keeps the count the same
 * should a cluster run with it on (a config written by another roadwork version, say).
 */
const UTILITY = "^\\s*(begin|commit|rollback|end|abort|start|set|reset|show|savepoint|release|discard|deallocate|prepare|execute|listen|unlisten|notify|create|alter|drop|grant|revoke|comment|truncate|lock|vacuum|analyze|explain|declare|fetch|close|move|checkpoint|reindex|refresh|security|load)\\M";

const ready = new WeakMap<pg.Pool, Promise<void>>();

/** Creates the extension in the maintenance database once per cluster handle. */
function ensureExtension(admin: pg.Pool): Promise<void> {
  let made = ready.get(admin);
  if (made === undefined) {
    made = createExtension(admin);
    ready.set(admin, made);
    made.catch(() => ready.delete(admin));
  }
  return made;
}

async function createExtension(admin: pg.Pool): Promise<void> {
  try {
    await admin.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  } catch (error) {
    const message = (error as Error).message;
    // Two grader processes creating it at once: the other one won.
    if (/duplicate key|already exists/.test(message)) return;
    throw new RoadworkError("INFRASTRUCTURE", `the grading PostgreSQL cannot count statements (pg_stat_statements): ${message}`, { cause: error });
  }
}

export async function statementSnapshot(admin: pg.Pool, database: string): Promise<StatementSnapshot> {
  await ensureExtension(admin);
  let rows: Array<{ key: string; query: string; calls: string }>;
  try {
    ({ rows } = await admin.query<{ key: string; query: string; calls: string }>(
      `SELECT s.userid::text || ':' || s.queryid::text AS key, s.query, s.calls::text AS calls
         FROM pg_stat_statements(true) s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = $1 AND s.query !~* $2`,
      [database, UTILITY],
    ));
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `reading pg_stat_statements on the grading PostgreSQL failed: ${(error as Error).message}`, { cause: error });
  }
  return new Map(rows.map((row) => [row.key, { query: row.query, calls: Number(row.calls) }]));
}

/** What ran between two snapshots, most run first. */
export function statementsBetween(before: StatementSnapshot, after: StatementSnapshot): StatementStat[] {
  const ran: StatementStat[] = [];
  for (const [key, now] of after) {
    const earlier = before.get(key)?.calls ?? 0;
    // Fewer calls than before: evicted and counted again since; what it ran since is now.calls.
    const calls = now.calls >= earlier ? now.calls - earlier : now.calls;
    if (calls > 0) ran.push({ query: now.query, calls });
  }
  return ran.sort((a, b) => b.calls - a.calls || a.query.localeCompare(b.query));
}
