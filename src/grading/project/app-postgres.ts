/**
 * PostgreSQL for an app that asks for it (`database: postgresql`): a database of its own on
 * the grader's cluster (./services/postgres.ts), never the platform's database and never
 * the machine's server. One cluster per grading process, started the first time a run needs
 * it (and reused, already running, by later processes); one role and database per run.
 *
 * The app sees the cluster's socket folder read-only at /run/postgresql and gets
 *   DATABASE_URL=postgresql://USER:PASSWORD@/DB?host=/run/postgresql
 * Stages read it through t.query as the run's own role, read-only.
 */
import { defaultPostgresDir } from "../../grading-config.js";
import type { SandboxMount } from "../sandbox/types.js";
import type { Log } from "../../log.js";
import type { LimitHit } from "../report.js";
import { provisionDatabase, queryAsGrader, startGraderPostgres, type GraderPostgres } from "./services/postgres.js";
import { explainAsGrader, type ExplainOptions } from "./services/postgres-query.js";
import { statementSnapshot, type StatementSnapshot } from "./services/postgres-statements.js";
import type { RunDatabaseLimits } from "./services/postgres-watchdog.js";

export interface AppPostgres {
  /** DATABASE_URL for the app inside the sandbox. */
  url: string;
  /** The socket folder, read-only at /run/postgresql. */
  mount: SandboxMount;
  /** t.query: one read-only statement; `?` placeholders as in SQLite stages. */
  query(sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  /** The statements the run's database ran so far (postgres-statements.ts). */
  statements(): Promise<StatementSnapshot>;
  /** EXPLAIN as the run's role, read-only. */
  explain(sql: string, params: readonly unknown[], options: ExplainOptions): Promise<{ json: unknown; text: string }>;
  /** Limits the app's database sessions reached (postgres-watchdog.ts). */
  limitsHit(): LimitHit[];
  /** Ends the run's sessions and drops its database and role. */
  drop(): Promise<void>;
}

/** This process's cluster in `dir` (GradingConfig's postgresDir); started on first use. */
export async function graderPostgres(log: Log, dir = defaultPostgresDir()): Promise<GraderPostgres> {
  const cluster = await startGraderPostgres({ dir, log });
  // Idle admin connections must not keep a finished `roadwork test` alive (pg-pool reads this on release).
  cluster.admin.options.allowExitOnIdle = true;
  return cluster;
}

export async function createAppPostgres(options: { limits: RunDatabaseLimits; log: Log; dir?: string }): Promise<AppPostgres> {
  const cluster = await graderPostgres(options.log, options.dir);
  const db = await provisionDatabase(cluster, options);
  return {
    url: db.url,
    mount: { ...db.mount, writable: false },
    query: (sql, params) => queryAsGrader(db, numberedPlaceholders(sql), params, options.log),
    statements: () => statementSnapshot(cluster.admin, db.database),
    explain: (sql, params, explainOptions) => explainAsGrader(db, numberedPlaceholders(sql), params, { log: options.log, ...explainOptions }),
    limitsHit: () => db.limitsHit(),
    drop: () => db.drop(),
  };
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
