/**
 * Start-up of `roadwork serve`: the web server with N in-process grading workers. The parts
 * a separate `roadwork worker` shares are in start-core.ts; the worker itself starts from
 * worker-process.ts, which never loads this file (nor Fastify).
 */
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { RoadworkError } from "../errors.js";
import { warnOnReject } from "../log.js";
import { startWorkers } from "../queue/worker.js";
import { buildApp } from "./app.js";
import { ensureFirstAdmin } from "./bootstrap.js";
import { moveRenamedProgress, reloadTracks, type ReloadSummary } from "./reload-tracks.js";
import { loadCatalog } from "./catalog.js";
import { GradingHealth, reportingGrader } from "./grading-health.js";
import { createLogger, openCore, openGrader, trackDirs } from "./start-core.js";
import type { JobGrader } from "../worker/grade-job.js";

export { BUILTIN_TRACK, closeOnSignals, createLogger, trackDirs } from "./start-core.js";
export { reloadOnHangup } from "./reload-tracks.js";
export { startWorkerProcess, type RunningWorkers } from "./worker-process.js";

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The first admin's credentials when this start created them (print once). */
  firstAdmin: { email: string; password: string } | null;
  /** Loads the tracks again from their folders and swaps them in (SIGHUP; see reload-tracks.ts). */
  reload(): Promise<ReloadSummary>;
  close(): Promise<void>;
}

/** For tests that run the real server process without a sandbox (crash tests): a grader to use instead. */
export interface ServerSeams {
  grader?: JobGrader;
}

export async function startServer(config: Config, log: Logger = createLogger(config), seams: ServerSeams = {}): Promise<RunningServer> {
  // Tracks first: a broken track stops start-up before anything else is touched.
  const catalog = await loadCatalog(trackDirs(config));
  log.info({ tracks: catalog.tracks.map((t) => t.id) }, "tracks loaded");
  const core = await openCore(config, log);
  try {
    // Before anything serves a page: a renamed item's progress is under its new id (idempotent).
    await moveRenamedProgress(core.store, catalog.renames(), log);
  } catch (error) {
    await core.close();
    throw error;
  }
  let grading: { grader: JobGrader; health: GradingHealth } | undefined;
  try {
    if (config.workers > 0 && seams.grader !== undefined) {
      const health = new GradingHealth({ log });
      grading = { grader: reportingGrader(seams.grader, health), health };
    } else grading = config.workers > 0 ? await openGrader(catalog.gradable, Math.min(config.workers, 4), log, config) : undefined;
  } catch (error) {
    await core.close();
    throw error;
  }
  const grader = grading?.grader;
  const workers = grader === undefined ? undefined : startWorkers(config.workers, { queue: core.queue, store: core.store, grader, signals: core.signals, log, leaseMs: config.limits.leaseMs });
  if (workers !== undefined) log.info({ workers: config.workers }, "grading workers started");
  const app = await buildApp({ config, store: core.store, queue: core.queue, signals: core.signals, catalog, logger: log, ...(grading === undefined ? {} : { gradingHealth: grading.health }) });
  const sweeper = setInterval(() => void core.store.sessions.deleteExpired().catch(warnOnReject(log, "deleting expired sessions")), 3600_000);
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
    reload: () => reloadTracks(catalog, trackDirs(config), { store: core.store, log }),
    close: closeAll,
  };
}

