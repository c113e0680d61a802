/**
 * A PostgreSQL database of its own for one test run, for apps that use PostgreSQL
 * (`database: postgresql` in the learner's roadwork.yaml): a fresh role that owns a fresh
 * database and nothing else, dropped at the end. The app reaches it only through the relay
 * (postgres-relay.ts), which admits this role and database alone.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { RoadworkError } from "../../errors.js";

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface AppDatabase {
  role: string;
  database: string;
  password: string;
  host: string;
  port: number;
  /** Runs one statement in a read-only transaction; `?` placeholders as in SQLite stages. */
  query(sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  drop(): Promise<void>;
}

export async function createAppDatabase(adminUrl = process.env["ROADWORK_APP_PG_URL"] ?? DEFAULT_ADMIN_URL): Promise<AppDatabase> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `this app uses PostgreSQL, but PostgreSQL is not reachable at ${new URL(adminUrl).host}: ${(error as Error).message}`, { cause: error });
  }
  const suffix = randomBytes(6).toString("hex");
  const role = `rw_app_${suffix}`;
  const database = role;
  const password = randomBytes(18).toString("hex");
  const url = new URL(adminUrl);
  const host = url.hostname || "127.0.0.1";
  const port = Number(url.port || 5432);
  try {
    // Identifiers are generated here (hex), never taken from input: safe to interpolate.
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT 32`);
    await admin.query(`ALTER ROLE ${role} SET statement_timeout = '10s'`);
    await admin.query(`ALTER ROLE ${role} SET temp_file_limit = '64MB'`);
    await admin.query(`CREATE DATABASE ${database} OWNER ${role}`);
    await admin.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
  } catch (error) {
    await dropQuietly(admin, role, database);
    await admin.end();
    throw new RoadworkError("INFRASTRUCTURE", `could not create a PostgreSQL database for the app: ${(error as Error).message}`, { cause: error });
  }
  await admin.end();

  return {
    role,
    database,
    password,
    host,
    port,
    async query(sql, params) {
      const client = new pg.Client({ host, port, user: role, password, database, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query("BEGIN TRANSACTION READ ONLY");
        const result = await client.query(numberedPlaceholders(sql), [...params]);
        return result.rows as Array<Record<string, unknown>>;
      } finally {
        await client.query("ROLLBACK").catch(() => undefined);
        await client.end();
      }
    },
    async drop() {
      const cleaner = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
      await cleaner.connect();
      try {
        await dropQuietly(cleaner, role, database);
      } finally {
        await cleaner.end();
      }
    },
  };
}

async function dropQuietly(admin: pg.Client, role: string, database: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
}

/** SQLite-style `?` to PostgreSQL's `$1, $2...`, leaving `?` inside quotes alone. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = "";
  for (const ch of sql) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      out += `$${++n}`;
    } else {
      out += ch;
    }
  }
  return out;
}
