/**
 * The warm path for the server: function-exercise process pairs (solution host and harness)
 * started ahead of time, Python running and harness imports done, each waiting for one
 * submission. Each pair is used once and replaced in the background.
 *
 * Limits are fixed when a sandboxed process starts, so pairs wait in one pool per set of
 * limits: the default limits from the start, and an exercise's own limits from the first
 * time it is graded (or prepared). Node enforces the wall time from the moment of use.
 */
import type { Exercise } from "../../content/exercise.js";
import { silentLog, warnOnReject, type Log } from "../../log.js";
import type { GradeReport } from "../report.js";
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { DEFAULT_LIMITS } from "../sandbox/types.js";
import { fromExercise, gradeSubmission, MESSAGE_LIMIT, type GradeOptions } from "./index.js";
import { sandboxLimitsFor } from "./limits.js";
import { addExplanations } from "../explain/index.js";
import { functionProcesses, startHarnessServer, type HarnessServer } from "./harness-server.js";
import { runFunctionSession, type FunctionProcesses } from "./session.js";

export interface WarmGraderOptions {
  sandbox: Sandbox;
  /** How many pairs wait at once, per set of limits. */
  size: number;
  /** A waiting pair older than this is replaced (default 5 minutes). */
  maxIdleMs?: number;
  /** Sets of limits kept warm besides the default (default 8; the least recently used goes). */
  maxPools?: number;
  /** Where a waiting pair that died, and a failed retirement, are told; default silentLog. */
  log?: Log;
  /**
   * Fork each pair's harness from one pre-started harness server (harness-server.ts) instead
   * of starting it in a sandbox of its own (default true). Off, or while no server can start,
   * every pair starts both processes.
   */
  preforkedHarness?: boolean;
}

export interface WarmStats {
  /** Gradings that used a waiting pair. */
  warm: number;
  /** Gradings that started their processes on the spot. */
  cold: number;
}

export interface WarmGrader {
  grade(exercise: Exercise, source: string, opts?: Omit<GradeOptions, "sandbox">): Promise<GradeReport>;
  /** Starts waiting pairs for this exercise's limits ahead of its first submission. */
  prepare(exercise: Exercise): void;
  /** Pairs waiting now for this exercise's limits (the default limits without one). */
  ready(exercise?: Exercise): number;
  stats(): WarmStats;
  close(): Promise<void>;
}

interface Waiting {
  procs: FunctionProcesses;
  since: number;
}

interface Pool {
  limits: SandboxLimits;
  waiting: Waiting[];
  usedAt: number;
}

/** A waiting pair must outlive its idle time: Node enforces the exercise's wall time itself. */
const WARM_WALL_MS = 15 * 60 * 1000;
/** A harness server hands out new children for this long, then a fresh one takes over. */
const SERVER_TERM_MS = 20 * 60 * 1000;
/** After a harness server failed to start, pairs start their own harness for this long. */
const SERVER_RETRY_MS = 60 * 1000;
/** Each forked harness's own CPU limit: a backstop, as the harness's sandbox limit was. */
const CHILD_CPU_SECONDS = 10 * 60;

export function createWarmGrader(options: WarmGraderOptions): WarmGrader {
  const { sandbox, size } = options;
  const maxIdleMs = options.maxIdleMs ?? 5 * 60 * 1000;
  const maxPools = options.maxPools ?? 8;
  const log = options.log ?? silentLog;
  const retire = (procs: FunctionProcesses): Promise<void> => retirePair(procs, log);
  const pools = new Map<string, Pool>();
  const stats: WarmStats = { warm: 0, cold: 0 };
  let closed = false;

  // The harness server pairs fork their harness from, and the ones that handed over to it.
  let server: { current: HarnessServer; since: number } | undefined;
  const retiring = new Set<HarnessServer>();
  let serverFailedAt = -Infinity;
  const maxChildAgeMs = maxIdleMs + 60_000 + WARM_WALL_MS;
  const harnessServer = (): HarnessServer | undefined => {
    if (options.preforkedHarness === false || closed) return undefined;
    const now = Date.now();
    if (server !== undefined && server.current.alive() && now - server.since < SERVER_TERM_MS) return server.current;
    if (server !== undefined) retiring.add(server.current);
    server = undefined;
    if (now - serverFailedAt < SERVER_RETRY_MS) return undefined;
    let current: HarnessServer;
    try {
      current = startHarnessServer({ sandbox, maxChildAgeMs, childCpuSeconds: CHILD_CPU_SECONDS, lifetimeMs: 2 * SERVER_TERM_MS + maxChildAgeMs, log });
    } catch (error) {
      serverFailedAt = now;
      log.warn({ err: error }, "the harness server could not be started; warm pairs start their own harness for a while");
      return undefined;
    }
    server = { current, since: now };
    current.ready.then(undefined, (error: unknown) => {
      serverFailedAt = Date.now();
      log.warn({ err: error }, "the harness server did not start; warm pairs start their own harness for a while");
    });
    return current;
  };
  const closeIdleServers = (): void => {
    for (const old of retiring) {
      if (old.busy() === 0 || !old.alive()) {
        retiring.delete(old);
        void old.close();
      }
    }
  };
  const spawnPair = (limits: SandboxLimits): FunctionProcesses => functionProcesses(sandbox, limits, harnessServer());

  const startOne = (pool: Pool): void => {
    if (closed || pools.get(keyOf(pool.limits)) !== pool) return;
    const procs = spawnPair({ ...pool.limits, wallTimeMs: WARM_WALL_MS });
    const entry: Waiting = { procs, since: Date.now() };
    pool.waiting.push(entry);
    // A pair that dies while waiting (machine trouble) is replaced, and what ended it logged.
    const replace = (outcome: unknown): void => {
      const index = pool.waiting.indexOf(entry);
      if (index >= 0) {
        pool.waiting.splice(index, 1);
        log.warn(outcome instanceof Error ? { err: outcome } : { result: endedHow(outcome) }, "a waiting warm process pair ended before its submission; starting another");
        void retire(entry.procs);
        // a sandbox that cannot start at all is retried slowly, not in a tight loop
        setTimeout(() => startOne(pool), 1000).unref();
      }
    };
    void Promise.race([procs.solution.result, procs.harness.result]).then(replace, replace);
  };

  const poolFor = (limits: SandboxLimits): Pool => {
    const key = keyOf(limits);
    let pool = pools.get(key);
    if (pool === undefined) {
      pool = { limits, waiting: [], usedAt: Date.now() };
      pools.set(key, pool);
      for (let i = 0; i < size; i++) startOne(pool);
      evictBeyond(key);
    }
    pool.usedAt = Date.now();
    return pool;
  };

  const evictBeyond = (keep: string): void => {
    const defaultKey = keyOf(DEFAULT_LIMITS);
    const others = [...pools.entries()].filter(([key]) => key !== defaultKey && key !== keep).sort((a, b) => a[1].usedAt - b[1].usedAt);
    while (pools.size > maxPools + 1 && others.length > 0) {
      const [key, pool] = others.shift()!;
      pools.delete(key);
      for (const entry of pool.waiting.splice(0)) void retire(entry.procs);
    }
  };

  poolFor({ ...DEFAULT_LIMITS });

  const refresher = setInterval(() => {
    const now = Date.now();
    for (const pool of pools.values()) {
      for (const entry of [...pool.waiting]) {
        if (now - entry.since > maxIdleMs) {
          pool.waiting.splice(pool.waiting.indexOf(entry), 1);
          void retire(entry.procs);
          startOne(pool);
        }
      }
    }
    closeIdleServers();
  }, Math.min(maxIdleMs, 60_000));
  refresher.unref();

  const tamperProofFunction = (exercise: Exercise): boolean => exercise.kind === "function" && exercise.config.mode !== "compatible";

  return {
    stats: () => ({ ...stats }),
    ready(exercise) {
      const limits = exercise ? sandboxLimitsFor(exercise.config.limits) : { ...DEFAULT_LIMITS };
      return pools.get(keyOf(limits))?.waiting.length ?? 0;
    },
    prepare(exercise) {
      if (closed || exercise.kind !== "function" || !tamperProofFunction(exercise)) return;
      harnessServer()?.compileAhead(exercise.tests);
      poolFor(sandboxLimitsFor(exercise.config.limits));
    },
    async grade(exercise, source, opts = {}) {
      if (closed) throw new Error("the warm grader is closed");
      if (exercise.kind !== "function" || !tamperProofFunction(exercise)) return gradeSubmission(exercise, source, { ...opts, sandbox });
      const limits = sandboxLimitsFor(exercise.config.limits);
      const pool = poolFor(limits);
      const entry = pool.waiting.shift();
      if (entry === undefined) {
        stats.cold += 1;
        const shared = harnessServer();
        return gradeSubmission(exercise, source, { ...opts, sandbox, ...(shared === undefined ? {} : { harnessServer: shared }) });
      }
      stats.warm += 1;
      // The session sends the tests and the submission before its first await; only then does
      // the replacement's set-up (cgroups, tmpfs, two forks of Node) take the main thread.
      const session = runFunctionSession(exercise.tests, source, entry.procs, { limits, messageLimit: MESSAGE_LIMIT, ...opts, ...fromExercise(exercise) });
      // Before the replacement is forked: its harness finds these tests compiled (sent once per server).
      harnessServer()?.compileAhead(exercise.tests);
      startOne(pool);
      return addExplanations(await session, source);
    },
    async close() {
      closed = true;
      clearInterval(refresher);
      const all = [...pools.values()].flatMap((pool) => pool.waiting.splice(0));
      pools.clear();
      await Promise.all(all.map((entry) => retire(entry.procs)));
      const servers = [...retiring, ...(server === undefined ? [] : [server.current])];
      retiring.clear();
      server = undefined;
      await Promise.all(servers.map((old) => old.close()));
    },
  };
}

/** Pools are keyed by every limit but the wall time, which Node enforces from the moment of use. */
function keyOf(limits: Readonly<SandboxLimits>): string {
  const { wallTimeMs: _wall, ...rest } = limits;
  return JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
}

/** Kills both processes of a pair that is not used; a kill that fails (the run's own failure) is logged. */
async function retirePair(procs: FunctionProcesses, log: Log): Promise<void> {
  await Promise.all([procs.solution.kill().catch(warnOnReject(log, "retiring a warm solution process")), procs.harness.kill().catch(warnOnReject(log, "retiring a warm harness process"))]);
}

/** What a sandboxed process's result says of how it ended, for the log (not its output). */
function endedHow(result: unknown): unknown {
  if (typeof result !== "object" || result === null) return result;
  const { exitCode, signal, limitsHit, stderr } = result as { exitCode?: unknown; signal?: unknown; limitsHit?: unknown; stderr?: unknown };
  return { exitCode, signal, limitsHit, stderr: Buffer.isBuffer(stderr) ? stderr.subarray(0, 500).toString("utf8") : undefined };
}
