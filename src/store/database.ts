/**
 * One factory for both databases: `openDatabase(url)` with `sqlite:PATH`, `sqlite::memory:`
 * or `postgres://...`. The drivers are imported only for the dialect in use.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import { RoadworkError } from "../errors.js";
import { silentLog, type Log } from "../log.js";
import type { Database } from "./schema.js";
import { migrateToLatest } from "./migrations.js";
import { prepareStatementsOn } from "./pg-prepared.js";

export type DialectName = "sqlite" | "postgres";

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** The URL without a password, for logs. */
  readonly displayUrl: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run migrations after connecting (default true). */
  migrate?: boolean;
  /** Where a lost idle PostgreSQL connection is told; default silentLog. */
  log?: Log;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  const opened = url.startsWith("postgres://") || url.startsWith("postgresql://") ? await openPostgres(url, options.log ?? silentLog) : await openSqlite(url);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(opened.db as unknown as Kysely<unknown>);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return opened;
}

async function openSqlite(url: string): Promise<OpenDatabase> {
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  if (path === "") throw new RoadworkError("BAD_INPUT", `database URL "${url}" names no file (use sqlite:PATH or sqlite::memory:)`);
  const { default: BetterSqlite } = await import("better-sqlite3");
  const memory = path === ":memory:";
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  let native;
  try {
    native = new BetterSqlite(memory ? ":memory:" : resolve(path));
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `cannot open SQLite database ${path}: ${(error as Error).message}`, { cause: error });
  }
  // WAL lets readers (the web server) work while a separate worker process writes;
  // busy_timeout makes writers from two processes wait for each other instead of failing.
  if (!memory) native.pragma("journal_mode = WAL");
  native.pragma("busy_timeout = 5000");
  native.pragma("synchronous = NORMAL");
  native.pragma("foreign_keys = ON");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return { db, dialect: "sqlite", displayUrl: memory ? "sqlite::memory:" : `sqlite:${resolve(path)}`, close: () => db.destroy() };
}

async function openPostgres(url: string, log: Log): Promise<OpenDatabase> {
  const { default: pg } = await import("pg");
  const INT8 = 20;
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Our BIGINT columns hold milliseconds, far below 2^53: read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process; the pool replaces
  // it, and the loss (a restarted server, say) is logged.
  pool.on("error", (error) => log.warn({ err: error }, "an idle PostgreSQL connection was lost"));
  // Each new connection prepares the queries it runs (see ./pg-prepared.ts).
  pool.on("connect", (client) => prepareStatementsOn(client));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new RoadworkError("INFRASTRUCTURE", `cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}`, { cause: error });
  }
  return { db, dialect: "postgres", displayUrl: redact(url), close: () => db.destroy() };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/** True when the database answers a trivial query (for /healthz); why it does not is logged. */
export async function databaseAnswers(db: Kysely<Database>, log: Log = silentLog): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch (error) {
    log.warn({ err: error }, "the database does not answer");
    return false;
  }
}
