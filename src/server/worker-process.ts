/**
 * `roadwork worker`: grading workers on the server's database, and nothing of the web
 * server. The tracks are indexed by id, not rendered: a worker serves no page.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { startWorkers } from "../queue/worker.js";
import type { GradingHealth } from "./grading-health.js";
import { createLogger, openCore, openGrader, trackDirs } from "./start-core.js";
import { CurrentTrackIndex, loadTracks, TrackIndex } from "./track-index.js";
import { reloadTracks, type ReloadSummary } from "./reload-tracks.js";
import type { JobGrader } from "../worker/grade-job.js";

export interface RunningWorkers {
  /** Loads the tracks again and grades new jobs against them (SIGHUP; see reload-tracks.ts). */
  reload(): Promise<ReloadSummary>;
  close(): Promise<void>;
}

export async function startWorkerProcess(config: Config, concurrency: number, log: Logger = createLogger(config)): Promise<RunningWorkers> {
  // Tracks first: a broken track stops start-up before anything else is touched.
  const items = new CurrentTrackIndex(new TrackIndex(await loadTracks(trackDirs(config))));
  log.info({ tracks: items.tracks.map((t) => t.config.id) }, "tracks loaded");
  const core = await openCore(config, log);
  let grading: { grader: JobGrader; health: GradingHealth };
  try {
    grading = await openGrader(items, concurrency, log, config);
  } catch (error) {
    await core.close();
    throw error;
  }
  const { grader, health } = grading;
  const workers = startWorkers(concurrency, { queue: core.queue, store: core.store, grader, signals: core.signals, log, leaseMs: config.limits.leaseMs, idlePollMs: 250 });
  log.info({ workers: concurrency, database: core.opened.displayUrl }, "grading workers started");
  return {
    reload: () => reloadTracks(items, trackDirs(config)),
    async close() {
      await workers.stop();
      health.close();
      await grader.close();
      await core.close();
    },
  };
}
