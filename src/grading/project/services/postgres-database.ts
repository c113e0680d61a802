/**
 * One PostgreSQL database per grading run, on the grader's cluster: a fresh role with a
 * random name and password that can log in and do nothing else (no superuser, no new roles
 * or databases, at most 20 connections), owning a fresh database of the same name. The
 * cluster's pg_hba.conf lets a role into the database of its own name only ("sameuser"),
 * and CONNECT is revoked from PUBLIC as well, so one run never reaches another's data.
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
import type { GraderPostgres } from "./postgres-cluster.js";

/** Where the app sees the server's socket folder; also Debian libpq's default. */
export const SANDBOX_SOCKET_DIR = "/run/postgresql";
export const RUN_CONNECTION_LIMIT = 20;
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
  /** Ends the run's sessions and drops its database and role. Safe to call twice. */
  drop(): Promise<void>;
}

const swept = new WeakSet<GraderPostgres>();

export async function provisionDatabase(cluster: GraderPostgres): Promise<ProvisionedDatabase> {
  if (!swept.has(cluster)) {
    swept.add(cluster);
    await sweepStaleDatabases(cluster).catch(() => undefined);
  }
  // Lowercase letters and digits only: valid unquoted identifiers, nothing to escape in a URL.
  const name = `${NAME_PREFIX}${randomBytes(8).toString("hex")}`;
  const password = randomBytes(24).toString("hex");
  const admin = cluster.admin;
  await admin.query(
    `CREATE ROLE ${name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ${RUN_CONNECTION_LIMIT} PASSWORD '${password}'`,
  );
  const drop = dropper(cluster, name);
  try {
    await admin.query(`COMMENT ON ROLE ${name} IS '${ownerTag()}'`);
    // temp_file_limit is a superuser setting: the role cannot raise it.
    await admin.query(`ALTER ROLE ${name} SET temp_file_limit = '256MB'`);
    await admin.query(`ALTER ROLE ${name} SET statement_timeout = '30s'`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${name} TEMPLATE template1 ENCODING 'UTF8'`);
    await admin.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${name} FROM PUBLIC`);
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  return {
    url: `postgresql://${name}:${password}@/${name}?host=${SANDBOX_SOCKET_DIR}`,
    socketDir: SANDBOX_SOCKET_DIR,
    hostSocketDir: cluster.socketDir,
    mount: { hostPath: cluster.socketDir, sandboxPath: SANDBOX_SOCKET_DIR },
    database: name,
    user: name,
    password,
    port: cluster.port,
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
  // NOLOGIN first, so that nothing reconnects between ending the sessions and the drop.
  await admin.query(`ALTER ROLE ${name} NOLOGIN`).catch(() => undefined);
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
    if (match === null || match[1] !== host || processAlive(Number(match[2]))) continue;
    await dropNow(cluster, row.rolname);
    dropped.push(row.rolname);
  }
  return dropped;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
