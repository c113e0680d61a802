/**
 * What both processes the CLI starts need (`serve`, and `worker` with no web server): the
 * logger, the track folders, the database with its queue, and the proven sandbox grader.
 * Nothing here loads Fastify or renders Markdown.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino, { type Logger } from "pino";
import type { Config } from "../config.js";
import { RoadworkError, isRoadworkError } from "../errors.js";
import { DatabaseQueue } from "../queue/database-queue.js";
import { Signals } from "../queue/signals.js";
import { bridgeSignalsOverPostgres } from "../queue/pg-notify.js";
import { localOwnerGone } from "../queue/worker-owner.js";
import { openDatabase, Store, type OpenDatabase } from "../store/index.js";
import { createSandboxBackend } from "../worker/backend.js";
import { createJobGrader, type JobGrader } from "../worker/grade-job.js";
import { proveGrading } from "./canary.js";
import { GradingHealth, reportingGrader } from "./grading-health.js";
import type { GradableItems } from "./track-index.js";

const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILTIN_TRACK = join(PACKAGE_ROOT, "tracks", "python-backend");

export function trackDirs(config: Config): string[] {
  const dirs = config.builtinTrack && existsSync(join(BUILTIN_TRACK, "track.yaml")) ? [BUILTIN_TRACK] : [];
  return [...dirs, ...config.tracks];
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
}

export interface Core {
  opened: OpenDatabase;
  close(): Promise<void>;
  store: Store;
  signals: Signals;
  queue: DatabaseQueue;
}

/** The database, the queue on it and its signals. Load the tracks before: a broken track stops start-up before anything is touched. */
export async function openCore(config: Config, log: Logger): Promise<Core> {
  const opened = await openDatabase(config.databaseUrl, { log });
  log.info({ database: opened.displayUrl }, "database ready");
  const store = Store.from(opened);
  const signals = new Signals();
  // On PostgreSQL, wake-ups travel between processes (server <-> separate workers) at once.
  const bridge = opened.dialect === "postgres" ? await bridgeSignalsOverPostgres(config.databaseUrl, opened.db, signals, log) : undefined;
  const queue = new DatabaseQueue(store, { maxAttempts: config.limits.maxAttempts, signals, ownerGone: localOwnerGone });
  // A process of this host that was killed (this server before its restart, a worker) holds
  // leases nobody renews: take its jobs back now rather than when the leases run out.
  const reclaimed = await queue.recoverExpired().catch(async (error: unknown) => {
    await bridge?.close();
    await opened.close();
    throw error;
  });
  if (reclaimed.requeued + reclaimed.failed > 0) log.warn(reclaimed, "took back the jobs of stopped grading workers");
  return {
    opened,
    store,
    signals,
    queue,
    async close() {
      await bridge?.close();
      await opened.close();
    },
  };
}

/**
 * The sandbox grader, proven by one canary grading, and the health its workers report to;
 * throws SANDBOX_UNAVAILABLE with the reason when this machine cannot grade, so that a
 * process that should grade never starts without being able to.
 */
export async function openGrader(items: GradableItems, warm: number, log: Logger, config: Config): Promise<{ grader: JobGrader; health: GradingHealth }> {
  const { limits } = config;
  let backend;
  try {
    backend = await createSandboxBackend({ warm, grading: config.grading, log });
  } catch (error) {
    throw new RoadworkError("SANDBOX_UNAVAILABLE", `this machine cannot grade: ${isRoadworkError(error) ? error.message : String(error)}. Run \`roadwork doctor\`; or start with --workers 0 and let \`roadwork worker\`s on a machine that can grade take the submissions`, { cause: error });
  }
  const problem = await proveGrading(backend);
  if (problem !== undefined) {
    await backend.close();
    throw new RoadworkError("SANDBOX_UNAVAILABLE", `this machine cannot grade: ${problem}. Run \`roadwork doctor\`; or start with --workers 0 and let \`roadwork worker\`s on a machine that can grade take the submissions`);
  }
  log.info("grading works: the start-up check passed");
  const health = new GradingHealth({ probe: () => proveGrading(backend), log });
  const grader = createJobGrader({ items, backend, archiveLimits: { maxFiles: limits.archiveFiles, maxUnpackedBytes: limits.archiveUnpackedBytes } });
  return { grader: reportingGrader(grader, health), health };
}

/** Closes `target` on SIGINT/SIGTERM: the current grading finishes, nothing new starts. */
export function closeOnSignals(target: { close(): Promise<void> }, log: Logger): void {
  let closing = false;
  const stop = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    target.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}
