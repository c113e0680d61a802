/**
 * Keeps a run within its limits on the shared cluster, where the sandbox's cgroup does not
 * reach: the run's backends are the server account's processes. Any role may SET its own
 * statement_timeout and work_mem, so a setting is no limit; instead the grader looks at the
 * run's sessions a few times a second and
 *   - cancels a statement that runs past the statement time limit,
 *   - ends the run's sessions when their memory (anonymous RSS, read from /proc) passes the
 *     app's memory limit, or their CPU time the app's CPU limit,
 *   - ends them and closes the database to new sessions when it has grown past the disk
 *     limit (temp files are bounded separately: temp_file_limit is a superuser setting),
 * and names each limit for the report, as the sandbox does for the app itself.
 */
import { readFileSync } from "node:fs";
import type pg from "pg";
import type { Log } from "../../../log.js";
import type { LimitHit } from "../../report.js";

export interface RunDatabaseLimits {
  statementMs: number;
  memoryBytes: number;
  cpuMs: number;
  /** Growth of the database past its size when the run began. */
  diskBytes: number;
}

export interface Watchdog {
  limitsHit(): LimitHit[];
  /** One look at the run's sessions now (the timer does this every intervalMs). */
  check(): Promise<void>;
  stop(): Promise<void>;
}

export interface WatchOptions {
  admin: pg.Pool;
  /** The run's role and database (they share the name). */
  name: string;
  limits: RunDatabaseLimits;
  /** pg_database_size when the run began: an empty database is several MiB already. */
  baseSizeBytes: number;
  log: Log;
  intervalMs?: number;
}

interface Session {
  pid: number;
  active: boolean;
  runningMs: number;
}

const CLOCK_TICKS_PER_S = 100;

export function watchRunDatabase(options: WatchOptions): Watchdog {
  const { admin, name, limits, log } = options;
  const hits = new Map<LimitHit["limit"], LimitHit>();
  /** CPU ms of every backend the run has had, by pid: ended sessions keep counting. */
  const cpuByPid = new Map<number, number>();
  let checking: Promise<void> | undefined;
  let stopped = false;

  const hit = (limit: LimitHit["limit"], message: string): void => {
    if (!hits.has(limit)) hits.set(limit, { limit, message });
  };

  const endSessions = async (): Promise<void> => {
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()", [name]);
  };

  const checkOnce = async (): Promise<void> => {
    const { rows } = await admin.query<{ pid: number; state: string | null; running_ms: string | null }>(
      "SELECT pid, state, (EXTRACT(EPOCH FROM clock_timestamp() - query_start) * 1000)::bigint AS running_ms FROM pg_stat_activity WHERE usename = $1",
      [name],
    );
    const sessions: Session[] = rows.map((row) => ({ pid: row.pid, active: row.state === "active", runningMs: Number(row.running_ms ?? 0) }));
    for (const session of sessions) {
      if (session.active && session.runningMs > limits.statementMs) {
        // Named first: the app sees the cancel at once, and the report must already know why.
        hit("wall-time", `database statement time limit ${seconds(limits.statementMs)} reached: PostgreSQL cancelled a statement of the app that ran longer`);
        await admin.query("SELECT pg_cancel_backend($1)", [session.pid]);
      }
    }
    let memory = 0;
    for (const session of sessions) {
      const usage = processUsage(session.pid);
      if (usage === undefined) continue;
      memory += usage.anonBytes;
      cpuByPid.set(session.pid, Math.max(cpuByPid.get(session.pid) ?? 0, usage.cpuMs));
    }
    const cpu = [...cpuByPid.values()].reduce((sum, ms) => sum + ms, 0);
    if (memory > limits.memoryBytes) {
      hit("memory", `memory limit ${mib(limits.memoryBytes)} reached by the app's PostgreSQL sessions: they were ended`);
      await endSessions();
    }
    if (cpu > limits.cpuMs) {
      hit("cpu-time", `CPU time limit ${seconds(limits.cpuMs)} reached by the app's PostgreSQL sessions: they were ended`);
      await endSessions();
    }
    const size = await admin.query<{ size: string }>("SELECT pg_database_size($1) AS size", [name]);
    const grown = Number(size.rows[0]?.size ?? 0) - options.baseSizeBytes;
    if (grown > limits.diskBytes && !hits.has("disk")) {
      hit("disk", `disk limit ${mib(limits.diskBytes)} reached by the app's PostgreSQL database: it was closed to the app`);
      // No quota exists per database: closing it to new sessions is what stops the growth.
      await admin.query(`ALTER DATABASE ${name} CONNECTION LIMIT 0`);
      await endSessions();
    }
  };

  const check = (): Promise<void> => {
    checking ??= checkOnce().finally(() => {
      checking = undefined;
    });
    return checking;
  };

  const timer = setInterval(() => {
    if (stopped) return;
    check().catch((error: unknown) => log.warn({ err: error, database: name }, "watching a run's PostgreSQL sessions failed"));
  }, options.intervalMs ?? 250);
  // A watchdog never keeps a finished grading alive.
  timer.unref();

  return {
    limitsHit: () => [...hits.values()],
    check,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await checking?.catch((error: unknown) => log.warn({ err: error, database: name }, "the last look at a run's PostgreSQL sessions failed"));
    },
  };
}

/** Anonymous memory and CPU time of a backend, from /proc; undefined when it has gone. */
function processUsage(pid: number): { anonBytes: number; cpuMs: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const anonKb = Number(/^RssAnon:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    return { anonBytes: anonKb * 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_S };
  } catch {
    // The session ended between the query and the read: nothing to count.
    return undefined;
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
