/**
 * Start-up for the processes the CLI runs: `serve` (web server with N in-process workers)
 * and `worker` (grading only, on a shared database). One build, services chosen at start.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import type { Config } from "../config.js";
import { RoadworkError, isRoadworkError } from "../errors.js";
import { DatabaseQueue } from "../queue/database-queue.js";
import { Signals } from "../queue/signals.js";
import { bridgeSignalsOverPostgres } from "../queue/pg-notify.js";
import { startWorkers } from "../queue/worker.js";
import { localOwnerGone } from "../queue/worker-owner.js";
import { openDatabase, Store, type OpenDatabase } from "../store/index.js";
import { buildApp } from "./app.js";
import { ensureFirstAdmin } from "./bootstrap.js";
import { loadCatalog, type Catalog } from "./catalog.js";
import { createSandboxBackend } from "../worker/backend.js";
import { createJobGrader, type JobGrader } from "../worker/grade-job.js";
import { proveGrading } from "./canary.js";
import { GradingHealth, reportingGrader } from "./grading-health.js";

const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILTIN_TRACK = join(PACKAGE_ROOT, "tracks", "python-backend");

export function trackDirs(config: Config): string[] {
  const dirs = config.builtinTrack && existsSync(join(BUILTIN_TRACK, "track.yaml")) ? [BUILTIN_TRACK] : [];
  return [...dirs, ...config.tracks];
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } });
}

interface Core {
  opened: OpenDatabase;
  close(): Promise<void>;
  store: Store;
  signals: Signals;
  queue: DatabaseQueue;
  catalog: Catalog;
}

async function openCore(config: Config, log: Logger): Promise<Core> {
  // Tracks first: a broken track stops start-up before anything else is touched.
  const catalog = await loadCatalog(trackDirs(config));
  log.info({ tracks: catalog.tracks.map((t) => t.id) }, "tracks loaded");
  const opened = await openDatabase(config.databaseUrl);
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
    catalog,
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
async function openGrader(catalog: Catalog, warm: number, log: Logger, limits: Config["limits"]): Promise<{ grader: JobGrader; health: GradingHealth }> {
  let backend;
  try {
    backend = await createSandboxBackend({ warm });
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
  const grader = createJobGrader({ items: catalog, backend, archiveLimits: { maxFiles: limits.archiveFiles, maxUnpackedBytes: limits.archiveUnpackedBytes } });
  return { grader: reportingGrader(grader, health), health };
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The first admin's credentials when this start created them (print once). */
  firstAdmin: { email: string; password: string } | null;
  close(): Promise<void>;
}

/** For tests that run the real server process without a sandbox (crash tests): a grader to use instead. */
export interface ServerSeams {
  grader?: JobGrader;
}

export async function startServer(config: Config, log: Logger = createLogger(config), seams: ServerSeams = {}): Promise<RunningServer> {
  const core = await openCore(config, log);
  let grading: { grader: JobGrader; health: GradingHealth } | undefined;
  try {
    if (config.workers > 0 && seams.grader !== undefined) {
      const health = new GradingHealth({ log });
      grading = { grader: reportingGrader(seams.grader, health), health };
    } else grading = config.workers > 0 ? await openGrader(core.catalog, Math.min(config.workers, 4), log, config.limits) : undefined;
  } catch (error) {
    await core.close();
    throw error;
  }
  const grader = grading?.grader;
  const workers = grader === undefined ? undefined : startWorkers(config.workers, { queue: core.queue, store: core.store, grader, signals: core.signals, log, leaseMs: config.limits.leaseMs });
  if (workers !== undefined) log.info({ workers: config.workers }, "grading workers started");
  const app = await buildApp({ config, store: core.store, queue: core.queue, signals: core.signals, catalog: core.catalog, logger: log, ...(grading === undefined ? {} : { gradingHealth: grading.health }) });
  const sweeper = setInterval(() => void core.store.sessions.deleteExpired().catch(() => undefined), 3600_000);
  sweeper.unref();
  const closeAll = async (): Promise<void> => {
    clearInterval(sweeper);
    await app.close();
    await workers?.stop();
    grading?.health.close();
    await grader?.close();
    await core.close();
  };
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Warm sandbox processes and the database would keep the process alive after a failed start.
    await closeAll();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new RoadworkError("BAD_INPUT", `port ${config.port} on ${config.host} is already in use; stop what uses it or pass --port`, { cause: error });
    }
    throw error;
  }
  // Only once the server is up: a start that fails must not create a password nobody saw.
  const firstAdmin = await ensureFirstAdmin(core.store);
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host.includes(":") ? `[${config.host}]` : config.host;
  return {
    app,
    url: `http://${host}:${port}/`,
    firstAdmin,
    close: closeAll,
  };
}

export interface RunningWorkers {
  close(): Promise<void>;
}

export async function startWorkerProcess(config: Config, concurrency: number, log: Logger = createLogger(config)): Promise<RunningWorkers> {
  const core = await openCore(config, log);
  let grading: { grader: JobGrader; health: GradingHealth };
  try {
    grading = await openGrader(core.catalog, concurrency, log, config.limits);
  } catch (error) {
    await core.close();
    throw error;
  }
  const { grader, health } = grading;
  const workers = startWorkers(concurrency, { queue: core.queue, store: core.store, grader, signals: core.signals, log, leaseMs: config.limits.leaseMs, idlePollMs: 250 });
  log.info({ workers: concurrency, database: core.opened.displayUrl }, "grading workers started");
  return {
    async close() {
      await workers.stop();
      health.close();
      await grader.close();
      await core.close();
    },
  };
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
