/**
 * The grader's own PostgreSQL cluster, for projects whose app uses PostgreSQL. It is never
 * the platform's database and never the machine's server at :5432: it lives in a folder the
 * grader owns, runs as an unprivileged account (./postgres-account.ts), listens on no TCP
 * port at all, only on a unix socket in a folder of its own that a run's sandbox sees at
 * /run/postgresql through a bind mount. Settings are small and durability is off: what it
 * holds lives for one grading run.
 *
 *   <dir>/roadwork-grader-cluster   marker: this folder is ours to initialise and wipe
 *   <dir>/data                      the cluster (initdb), owned by the server account, 0700
 *   <dir>/socket                    .s.PGSQL.5432, 0755 folder, socket 0777
 *   <dir>/server.log                the server's log
 *   <dir>/start.lock                held while one process brings the cluster up
 *
 * Starting is idempotent: the cluster is initialised once, a running server is reused (also
 * one left by an earlier process), and one process shares one GraderPostgres per folder.
 * The grader itself connects as the cluster's superuser through peer authentication, which
 * maps only root (or the grader's own user) to it; every other account is refused.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type pg from "pg";
import { RoadworkError } from "../../../errors.js";
import { silentLog, type Log } from "../../../log.js";
import { writeConfig, writeOwned, POSTMASTER_SETTINGS, SOCKET_PORT, type Layout } from "./postgres-config.js";
import { lockDownSharedDatabases } from "./postgres-lockdown.js";
import { ensureServerAccount, runAsAccount, type ServerAccount } from "./postgres-account.js";
export { SOCKET_PORT } from "./postgres-config.js";
import { requirePostgresBinaries, type PostgresBinaries } from "./postgres-binaries.js";
import { isStartLockFile, withStartLock } from "./postgres-start-lock.js";

const MARKER = "roadwork-grader-cluster";
const INITIALISED = "roadwork-initialised";
const START_TIMEOUT_S = 60;


export interface GraderPostgresOptions {
  /** A folder only the grader uses (created when missing). Every folder above it must be searchable by others (o+x): the sandbox binds the socket folder as the app's uid. */
  dir: string;
  log?: Log;
}

export type StartKind = "initialised" | "started" | "reused";

export interface GraderPostgres {
  readonly dir: string;
  /** Host folder of the server's socket: what a run's sandbox mounts at /run/postgresql. */
  readonly socketDir: string;
  readonly port: number;
  /** The cluster's superuser (the server account's name); grader code only. */
  readonly superuser: string;
  readonly major: number;
  /** What this start had to do: initdb and start, only start, or nothing (already running). */
  readonly startKind: StartKind;
  /** A pool of superuser connections to the maintenance database; trusted grader code only. */
  readonly admin: pg.Pool;
  /** Runs `body` on a superuser connection to `database`, then closes it. */
  withSuperuser<T>(database: string, body: (client: pg.Client) => Promise<T>): Promise<T>;
  /** Stops the server (fast shutdown: open sessions are ended) and forgets this cluster. */
  stop(): Promise<void>;
}

const clusters = new Map<string, Promise<GraderPostgres>>();
/** Stops under way: a start of the same folder waits for them rather than reuse a server that is going away. */
const stops = new Map<string, Promise<void>>();
/** The cluster handle that may stop each folder's server. */
const live = new Map<string, GraderPostgres>();

/** Initialises (once) and starts the grader's cluster in `dir`; the same promise for the same folder. */
export function startGraderPostgres(options: GraderPostgresOptions): Promise<GraderPostgres> {
  const dir = resolve(options.dir);
  const known = clusters.get(dir);
  if (known !== undefined) return known;
  const stopping = stops.get(dir) ?? Promise.resolve();
  const starting = stopping.then(() => bringUp(dir, options.log ?? silentLog));
  clusters.set(dir, starting);
  starting.catch(() => clusters.delete(dir));
  return starting;
}

async function bringUp(dir: string, log: Log): Promise<GraderPostgres> {
  const binaries = requirePostgresBinaries();
  const account = await ensureServerAccount();
  mkdirSync(dir, { recursive: true, mode: 0o711 });
  // Other grader processes may bring the same folder up at the same moment.
  return withStartLock(dir, () => bringUpLocked(dir, binaries, account, log));
}

async function bringUpLocked(dir: string, binaries: PostgresBinaries, account: ServerAccount, log: Log): Promise<GraderPostgres> {
  const layout = prepareFolders(dir, account);
  let startKind: StartKind = "reused";
  if (!existsSync(join(layout.data, INITIALISED)) || clusterMajor(layout.data) !== binaries.major) {
    await initialise(layout, account, binaries, log);
    startKind = "initialised";
  }
  writeConfig(layout, account);
  if (await isRunning(layout, account, binaries)) {
    log.info({ dir }, "grading PostgreSQL: reusing the running server");
  } else {
    await startServer(layout, account, binaries);
    if (startKind === "reused") startKind = "started";
    log.info({ dir, startKind }, "grading PostgreSQL: server started");
  }
  const { default: pgModule } = await import("pg");
  const connection = { host: layout.socket, port: SOCKET_PORT, user: account.name };
  const admin = new pgModule.Pool({ ...connection, database: "postgres", max: 4, idleTimeoutMillis: 10_000 });
  // An idle connection the server ends (a stop, a restart) must not crash the grader.
  admin.on("error", (error) => log.warn({ err: error, dir }, "grading PostgreSQL: an idle admin connection failed"));
  const withSuperuser = async <T>(database: string, body: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pgModule.Client({ ...connection, database });
    client.on("error", (error) => log.warn({ err: error, dir, database }, "grading PostgreSQL: a superuser connection failed"));
    await client.connect();
    try {
      return await body(client);
    } finally {
      await client.end().catch((error: unknown) => log.warn({ err: error, dir }, "grading PostgreSQL: closing a superuser connection failed"));
    }
  };
  try {
    await ensureNoTcpAndCurrentConfig(admin, layout, account, binaries, log);
    await lockDownSharedDatabases(admin, withSuperuser);
  } catch (error) {
    await admin.end().catch((closing: unknown) => log.warn({ err: closing, dir }, "grading PostgreSQL: closing the admin pool failed"));
    throw error;
  }
  let stopping: Promise<void> | undefined;
  const cluster: GraderPostgres = {
    dir,
    socketDir: layout.socket,
    port: SOCKET_PORT,
    superuser: account.name,
    major: binaries.major,
    startKind,
    admin,
    withSuperuser,
    stop() {
      if (stopping !== undefined) return stopping;
      // A handle kept past its stop must not stop the server a later start brought up.
      if (live.get(dir) !== cluster) return (stopping = Promise.resolve());
      live.delete(dir);
      stopping = (async () => {
        await admin.end().catch((error: unknown) => log.warn({ err: error, dir }, "grading PostgreSQL: closing the admin pool failed"));
        await runAsAccount(account, [binaries.pgCtl, "stop", "-D", layout.data, "-m", "fast", "-w", "-t", "30", "-s"], layout.dir).catch((error: unknown) => {
          // Already stopped is fine; anything else is worth a line in the log.
          if (!/not running|no server running|PID file .* does not exist/i.test(String((error as { stderr?: string }).stderr ?? error))) {
            log.warn({ dir, error: String(error) }, "grading PostgreSQL: stop failed");
          }
        });
      })();
      const done = stopping;
      stops.set(dir, done);
      clusters.delete(dir);
      void done.finally(() => {
        if (stops.get(dir) === done) stops.delete(dir);
      });
      return done;
    },
  };
  live.set(dir, cluster);
  return cluster;
}

function prepareFolders(dir: string, account: ServerAccount): Layout {
  const layout = { dir, data: join(dir, "data"), socket: join(dir, "socket"), logFile: join(dir, "server.log") };
  if (!existsSync(join(dir, MARKER))) {
    // A new (or empty) folder becomes ours; anything else is someone else's.
    if (readdirSync(dir).some((name) => !isStartLockFile(name))) {
      throw new RoadworkError("INFRASTRUCTURE", `${dir} is not empty and not a roadwork grading cluster folder (no ${MARKER} file in it); give an empty or new folder`);
    }
    chmodSync(dir, 0o711);
    writeFileSync(join(dir, MARKER), "This folder holds roadwork's grading PostgreSQL cluster; roadwork may wipe it.\n");
  }
  for (let folder = dir; ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) {
      throw new RoadworkError("INFRASTRUCTURE", `the grading PostgreSQL folder ${dir} is not reachable by other accounts: ${folder} is not searchable by others (chmod o+x ${folder})`);
    }
    if (folder === "/") break;
  }
  ownedFolder(layout.data, 0o700, account);
  // 0755: the sandbox binds it read-only as the app's uid, so others must be able to list it.
  ownedFolder(layout.socket, 0o755, account);
  if (!existsSync(layout.logFile)) writeFileSync(layout.logFile, "", { mode: 0o600 });
  if (account.dropFromRoot) chownSync(layout.logFile, account.uid, account.gid);
  return layout;
}

function ownedFolder(path: string, mode: number, account: ServerAccount): void {
  mkdirSync(path, { recursive: true, mode });
  chmodSync(path, mode);
  if (account.dropFromRoot) chownSync(path, account.uid, account.gid);
}

function clusterMajor(data: string): number | undefined {
  try {
    return Number(readFileSync(join(data, "PG_VERSION"), "utf8").trim());
  } catch (error) {
    // No PG_VERSION: not initialised yet.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return undefined;
  }
}

/** initdb into an empty data folder: a half-made or older-version cluster is wiped first (it only ever held grading data). */
async function initialise(layout: Layout, account: ServerAccount, binaries: PostgresBinaries, log: Log): Promise<void> {
  if (existsSync(join(layout.data, "PG_VERSION"))) {
    log.warn({ dir: layout.dir }, "grading PostgreSQL: wiping an incomplete or older cluster");
    // A half-made cluster may have no server to stop: that is the expected outcome.
    await runAsAccount(account, [binaries.pgCtl, "stop", "-D", layout.data, "-m", "immediate", "-w", "-s"], layout.dir).catch((error: unknown) =>
      log.debug({ err: error, dir: layout.dir }, "grading PostgreSQL: no server to stop before the wipe"),
    );
    rmSync(layout.data, { recursive: true, force: true });
    ownedFolder(layout.data, 0o700, account);
  }
  log.info({ dir: layout.dir, major: binaries.major }, "grading PostgreSQL: initialising the cluster");
  try {
    await runAsAccount(
      account,
      [binaries.initdb, "-D", layout.data, "-U", account.name, "--auth-local=peer", "--auth-host=reject", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
      layout.dir,
      120_000,
    );
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `initdb of the grading PostgreSQL in ${layout.data} failed: ${describeFailure(error)}`, { cause: error });
  }
  writeOwned(join(layout.data, INITIALISED), "initdb finished\n", account);
}

async function isRunning(layout: Layout, account: ServerAccount, binaries: PostgresBinaries): Promise<boolean> {
  try {
    await runAsAccount(account, [binaries.pgCtl, "status", "-D", layout.data], layout.dir);
    return true;
  } catch {
    // pg_ctl status exits non-zero when no server runs: that is the answer.
    return false;
  }
}

async function startServer(layout: Layout, account: ServerAccount, binaries: PostgresBinaries): Promise<void> {
  try {
    await runAsAccount(account, [binaries.pgCtl, "start", "-D", layout.data, "-l", layout.logFile, "-w", "-t", String(START_TIMEOUT_S), "-s"], layout.dir, (START_TIMEOUT_S + 10) * 1000);
  } catch (error) {
    // Another grader process may have started it at the same moment.
    if (await isRunning(layout, account, binaries)) return;
    throw new RoadworkError("INFRASTRUCTURE", `the grading PostgreSQL did not start: ${describeFailure(error)}; its log: ${logTail(layout.logFile)}`, { cause: error });
  }
}

/**
 * A server reused from an earlier process may run with older settings: reload the ones
 * written now, and restart when the listening addresses or the socket folder changed (a
 * reload cannot change those). Ends with the promise checked: no TCP listener.
 */
async function ensureNoTcpAndCurrentConfig(admin: pg.Pool, layout: Layout, account: ServerAccount, binaries: PostgresBinaries, log: Log): Promise<void> {
  await admin.query("SELECT pg_reload_conf()");
  const current = await admin.query<{ listen: string; sockets: string; workers: string; preload: string }>(
    "SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets, current_setting('max_worker_processes') AS workers, current_setting('shared_preload_libraries') AS preload",
  );
  const row = current.rows[0];
  const preload = POSTMASTER_SETTINGS.shared_preload_libraries.replaceAll("'", "");
  if (row?.listen === "" && row.sockets === layout.socket && row.workers === POSTMASTER_SETTINGS.max_worker_processes && row.preload === preload) return;
  log.warn({ dir: layout.dir, listen: row?.listen, workers: row?.workers }, "grading PostgreSQL: restarting to apply settings a reload cannot change");
  await runAsAccount(account, [binaries.pgCtl, "restart", "-D", layout.data, "-l", layout.logFile, "-m", "fast", "-w", "-t", String(START_TIMEOUT_S), "-s"], layout.dir, (START_TIMEOUT_S + 10) * 1000);
  const after = await admin.query<{ listen: string }>("SELECT current_setting('listen_addresses') AS listen");
  if (after.rows[0]?.listen !== "") throw new RoadworkError("INFRASTRUCTURE", "the grading PostgreSQL still listens on TCP after a restart");
}

function describeFailure(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (typeof stderr === "string" && stderr.trim() !== "" ? stderr.trim() : (error as Error).message).slice(0, 2000);
}

function logTail(path: string): string {
  try {
    return readFileSync(path, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    // Only shown with another error; no log is worth saying so, not failing.
    return "(no log)";
  }
}
