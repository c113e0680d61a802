/**
 * The databases every store and queue test runs on: `for (const dialect of DIALECTS)`.
 * SQLite always (a fresh file per suite); PostgreSQL at 127.0.0.1:5432 when it answers,
 * with a fresh database per suite (roadwork_test_<random>), dropped afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, Store, type DialectName, type OpenDatabase } from "../../src/store/index.js";

const PG_ADMIN_URL = process.env.ROADWORK_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  opened: OpenDatabase;
  store: Store;
  /** Closes the connection and removes the database. */
  drop(): Promise<void>;
}

export interface DialectUnderTest {
  name: DialectName;
  /** Why this dialect's suites are skipped, or undefined when they run. */
  skip: string | undefined;
  create(): Promise<TestDatabase>;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const sqlite: DialectUnderTest = {
  name: "sqlite",
  skip: undefined,
  async create() {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-store-"));
    const url = `sqlite:${join(dir, "test.db")}`;
    const opened = await openDatabase(url);
    return {
      url,
      opened,
      store: Store.from(opened),
      async drop() {
        await opened.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const pgUp = await postgresReachable();
const postgres: DialectUnderTest = {
  name: "postgres",
  skip: pgUp ? undefined : "PostgreSQL not reachable at 127.0.0.1:5432",
  async create() {
    const name = `roadwork_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    const opened = await openDatabase(url);
    return {
      url,
      opened,
      store: Store.from(opened),
      async drop() {
        await opened.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  },
};

export const DIALECTS: readonly DialectUnderTest[] = [sqlite, postgres];
