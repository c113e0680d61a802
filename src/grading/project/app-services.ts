/**
 * What the app under test is given besides its own folder: a data folder (/data, the SQLite
 * database and uploads), an SMTP catcher, and, when asked for, a PostgreSQL database of its
 * own on the grader's cluster (./app-postgres.ts). The SMTP catcher is a unix socket that the
 * sandbox exposes inside on a loopback port; PostgreSQL is the cluster's socket folder,
 * mounted read-only at /run/postgresql, there before the app starts.
 */
import { join } from "node:path";
import type { Log } from "../../log.js";
import type { LimitHit } from "../report.js";
import type { RunDatabaseLimits } from "./services/postgres-watchdog.js";
import type { DatabaseKind } from "./framework.js";
import type { SandboxMount } from "../sandbox/types.js";
import { createAppPostgres, type AppPostgres } from "./app-postgres.js";
import { startSmtpCatcher, type SmtpCatcher } from "./smtp-catcher.js";
import { createSqliteReader, QueryError, sqliteHostPath } from "./sqlite-query.js";
import type { Sandbox } from "../sandbox/types.js";
import type { CapturedEmail } from "./stage-api.js";
import type { StatementSnapshot } from "./services/postgres-statements.js";
import type { ExplainOptions } from "./services/postgres-query.js";
import { RoadworkError } from "../../errors.js";

/** t.countStatements and t.explain on an app without PostgreSQL: the project is wrong, not the app. */
function needsPostgres(what: string): Promise<never> {
  return Promise.reject(new RoadworkError("CONTENT_INVALID", `${what} needs the app on PostgreSQL: set \`database: postgresql\` in project.yaml`));
}

/** Inside the sandbox. */
export const DATA_PATH = "/data";
export const SMTP_PORT = 1025;

export interface ExposedService {
  port: number;
  socketPath: string;
}

export interface AppServices {
  readonly services: readonly ExposedService[];
  /** Extra folders the app sees (the PostgreSQL socket folder, read-only). */
  readonly mounts: readonly SandboxMount[];
  readonly databaseUrl: string;
  emails(): CapturedEmail[];
  /** Limits the app's database reached outside the sandbox (its PostgreSQL sessions). */
  limitsHit(): LimitHit[];
  /** Read-only SQL against the app's database, wherever it is. */
  query(sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Gets query() ready ahead of the first query, where that takes a process (SQLite's reader). */
  prepareQueries(): void;
  /** PostgreSQL only (a content error on SQLite): what the database ran so far. */
  statements(): Promise<StatementSnapshot>;
  /** PostgreSQL only (a content error on SQLite): EXPLAIN as the app's role. */
  explain(sql: string, params: readonly unknown[], options: ExplainOptions): Promise<{ json: unknown; text: string }>;
  dispose(): Promise<void>;
}

export interface AppServicesOptions {
  /** The run's private host folder; sockets go in it. */
  work: string;
  /** The host folder the app sees at /data (on the run's disk, see run-disk.ts). */
  dataPath: string;
  database: DatabaseKind;
  /** The app's limits, which its PostgreSQL sessions are held to as well. */
  limits: RunDatabaseLimits;
  /** Reads of the app's SQLite database run in it (see sqlite-query.ts). */
  sandbox: Sandbox;
  log: Log;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir); default defaultPostgresDir(). */
  postgresDir?: string;
}

export async function startAppServices(options: AppServicesOptions): Promise<AppServices> {
  const started: Array<() => Promise<void> | void> = [];
  const dispose = async (): Promise<void> => {
    for (const stop of started.reverse()) {
      await Promise.resolve()
        .then(stop)
        .catch((error: unknown) => options.log.warn({ err: error }, "stopping one of the app's services failed"));
    }
  };
  try {
    const smtp: SmtpCatcher = await startSmtpCatcher(join(options.work, "smtp.sock"));
    started.push(() => smtp.close());
    const services: ExposedService[] = [{ port: SMTP_PORT, socketPath: smtp.socketPath }];

    const mounts: SandboxMount[] = [];
    let postgres: AppPostgres | undefined;
    let databaseUrl = `sqlite:///${DATA_PATH}/app.db`;
    if (options.database === "postgresql") {
      const db = await createAppPostgres({ limits: options.limits, log: options.log, ...(options.postgresDir === undefined ? {} : { dir: options.postgresDir }) });
      postgres = db;
      started.push(() => db.drop());
      mounts.push(db.mount);
      databaseUrl = db.url;
    }
    const sqlite = createSqliteReader({ sandbox: options.sandbox, log: options.log });
    started.push(() => sqlite.close());
    // The database URL is fixed for the run: where its SQLite file is on the host, once.
    const sqlitePath = postgres === undefined ? sqliteHostPath(databaseUrl, DATA_PATH, options.dataPath) : undefined;

    return {
      services,
      mounts,
      databaseUrl,
      emails: () => smtp.emails(),
      limitsHit: () => postgres?.limitsHit() ?? [],
      query: (sql, params) => {
        if (postgres !== undefined) return postgres.query(sql, params);
        if (sqlitePath === undefined) return Promise.reject(new QueryError("the app's database is not a SQLite file under /data"));
        return sqlite.query(sqlitePath, sql, params);
      },
      prepareQueries: () => {
        if (sqlitePath !== undefined) sqlite.prepare();
      },
      statements: () => (postgres === undefined ? needsPostgres("t.countStatements") : postgres.statements()),
      explain: (sql, params, explainOptions) => (postgres === undefined ? needsPostgres("t.explain") : postgres.explain(sql, params, explainOptions)),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
