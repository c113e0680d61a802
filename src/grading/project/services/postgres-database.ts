/**
 * One PostgreSQL database per grading run, on the grader's cluster: a fresh role with a
 * random name and password (tied to nothing the learner knows) that can log in and do
 * nothing else (no superuser, no new roles or databases, at most RUN_CONNECTION_LIMIT
 * sessions, temp files bounded by the disk limit), owning a fresh database of the same
 * name. The cluster's pg_hba.conf lets a role into the database of its own name only
 * ("sameuser"), CONNECT is revoked from PUBLIC as well, so one run never reaches another's
 * data, and the catalogs that would list other runs are closed (postgres-lockdown.ts).
 * While the run lasts, a watchdog holds it to its limits (postgres-watchdog.ts).
 *
 * Inside the sandbox the app sees the server's socket folder at /run/postgresql (a
 * read-only bind mount: connecting to a unix socket needs write permission on the socket,
 * which is 0777, not a writable mount) and gets
 *   DATABASE_URL=postgresql://USER:PASSWORD@/DB?host=/run/postgresql
 * which libpq/psycopg2, SQLAlchemy and the Django snippet in the report all accept.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { SandboxMount } from "../../sandbox/types.js";
import { silentLog, type Log } from "../../../log.js";
import { processGone } from "../../../process-gone.js";
import type { LimitHit } from "../../report.js";
import type { GraderPostgres } from "./postgres-cluster.js";
import { watchRunDatabase, type RunDatabaseLimits, type Watchdog } from "./postgres-watchdog.js";

/** Where the app sees the server's socket folder; also Debian libpq's default. */
export const SANDBOX_SOCKET_DIR = "/run/postgresql";
/** A few: a stage may send ten requests at once to a dev server that takes a session per request, and t.query needs one. */
export const RUN_CONNECTION_LIMIT = 12;
/** The statement time limit: the role's default statement_timeout, and what the watchdog enforces. */
export const STATEMENT_TIME_LIMIT_MS = 30_000;
export const DEFAULT_RUN_LIMITS: RunDatabaseLimits = Object.freeze({ statementMs: STATEMENT_TIME_LIMIT_MS, memoryBytes: 512 * 1024 * 1024, cpuMs: 120_000, diskBytes: 64 * 1024 * 1024 });
/** Names start with this, so a sweep can tell run roles from anything else. */
const NAME_PREFIX = "rw_";

export interface ProvisionedDatabase {
  /** DATABASE_URL for the app inside the sandbox. */
  url: string;
  /** The socket folder as the app sees it. */
  socketDir: string;
  /** The socket folder on the host (the cluster's). */
  hostSocketDir: string;
  /** The mount the runner adds to the app's SandboxSpec. */
  mount: SandboxMount;
  database: string;
  user: string;
  password: string;
  port: number;
  /** The limits the run's sessions reached so far (see postgres-watchdog.ts). */
  limitsHit(): LimitHit[];
  /** Ends the run's sessions and drops its database and role. Safe to call twice. */
  drop(): Promise<void>;
}

export interface ProvisionOptions {
  limits?: RunDatabaseLimits;
  log?: Log;
  /** How often the watchdog looks at the run's sessions. */
  watchIntervalMs?: number;
}

const swept = new WeakSet<GraderPostgres>();

export async function provisionDatabase(cluster: GraderPostgres, options: ProvisionOptions = {}): Promise<ProvisionedDatabase> {
  const log = options.log ?? silentLog;
  const limits = options.limits ?? DEFAULT_RUN_LIMITS;
  if (!swept.has(cluster)) {
    swept.add(cluster);
    await sweepStaleDatabases(cluster).catch((error: unknown) => log.warn({ err: error }, "sweeping the databases of dead graders failed"));
  }
  // Lowercase letters and digits only: valid unquoted identifiers, nothing to escape in a URL.
  const name = `${NAME_PREFIX}${randomBytes(8).toString("hex")}`;
  const password = randomBytes(24).toString("hex");
  const admin = cluster.admin;
  await admin.query(
    `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ${RUN_CONNECTION_LIMIT} PASSWORD '${password}'`,
  );
  let watchdog: Watchdog | undefined;
  const dropDatabase = dropper(cluster, name);
  const drop = async (): Promise<void> => {
    await watchdog?.stop();
    await dropDatabase();
  };
  try {
    await admin.query(`COMMENT ON ROLE ${name} IS '${ownerTag()}'`);
    // temp_file_limit is a superuser setting: the role cannot raise it.
    await admin.query(`ALTER ROLE ${name} SET temp_file_limit = '${Math.max(1, Math.floor(limits.diskBytes / 1024))}kB'`);
    // A default only: the role may change it, so the watchdog enforces the limit.
    await admin.query(`ALTER ROLE ${name} SET statement_timeout = ${Math.floor(limits.statementMs)}`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${name} TEMPLATE template1 ENCODING 'UTF8'`);
    await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
    const size = await admin.query<{ size: string }>("SELECT pg_database_size($1) AS size", [name]);
    watchdog = watchRunDatabase({ admin, name, limits, baseSizeBytes: Number(size.rows[0]?.size ?? 0), log, ...(options.watchIntervalMs === undefined ? {} : { intervalMs: options.watchIntervalMs }) });
  } catch (error) {
    await drop().catch((dropping: unknown) => log.warn({ err: dropping, database: name }, "dropping a half-made run database failed"));
    throw error;
  }
  const running = watchdog;
  return {
    url: `postgresql://${name}:${password}@/${name}?host=${SANDBOX_SOCKET_DIR}`,
    socketDir: SANDBOX_SOCKET_DIR,
    hostSocketDir: cluster.socketDir,
    mount: { hostPath: cluster.socketDir, sandboxPath: SANDBOX_SOCKET_DIR },
    database: name,
    user: name,
    password,
    port: cluster.port,
    limitsHit: () => running.limitsHit(),
    drop,
  };
}

function dropper(cluster: GraderPostgres, name: string): () => Promise<void> {
  let dropping: Promise<void> | undefined;
  return () => {
    dropping ??= dropNow(cluster, name);
    return dropping;
  };
}

async function dropNow(cluster: GraderPostgres, name: string): Promise<void> {
  const admin = cluster.admin;
  // NOLOGIN first, so that nothing reconnects between ending the sessions and the drop; a role already gone is fine.
  await admin.query(`ALTER ROLE ${name} NOLOGIN`).catch((error: unknown) => {
    if (!/does not exist/.test(String(error))) throw error;
  });
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 OR datname = $1", [name]);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${name}`);
}

/** Who made a run role: a later process drops those whose maker is gone. */
function ownerTag(): string {
  return `roadwork run; host=${hostname().replace(/[^A-Za-z0-9._-]/g, "")}; pid=${process.pid}`;
}

/**
 * Drops run roles (and their databases) left by grader processes on this machine that died
 * before their run ended. Those of live processes, or of other hosts, are left alone.
 */
export async function sweepStaleDatabases(cluster: GraderPostgres): Promise<string[]> {
  const { rows } = await cluster.admin.query<{ rolname: string; tag: string | null }>(
    "SELECT rolname, shobj_description(oid, 'pg_authid') AS tag FROM pg_roles WHERE rolname ~ '^rw_[0-9a-f]{16}$'",
  );
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, "");
  const dropped: string[] = [];
  for (const row of rows) {
    const match = /^roadwork run; host=([^;]*); pid=(\d+)$/.exec(row.tag ?? "");
    if (match === null || match[1] !== host || !processGone(Number(match[2]))) continue;
    await dropNow(cluster, row.rolname);
    dropped.push(row.rolname);
  }
  return dropped;
}
