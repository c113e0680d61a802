/**
 * `roadwork worker`: grading workers on the server's database, and nothing of the web
 * server. The tracks are indexed by id, not rendered: a worker serves no page.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { startWorkers } from "../queue/worker.js";
import type { GradingHealth } from "./grading-health.js";
import { createLogger, openCore, openGrader, trackDirs } from "./start-core.js";
import { loadTracks, TrackIndex, type GradableItems } from "./track-index.js";
import { reloadTracks, type ReloadSummary } from "./reload-tracks.js";
import type { JobGrader } from "../worker/grade-job.js";

export interface RunningWorkers {
  /** Loads the tracks again and grades new jobs against them (SIGHUP; see reload-tracks.ts). */
  reload(): Promise<ReloadSummary>;
  close(): Promise<void>;
}

/** The worker's index, replaceable: a job looks its item up in whatever index is current. */
class CurrentIndex implements GradableItems {
  constructor(private index: TrackIndex) {}
  get tracks(): TrackIndex["tracks"] {
    return this.index.tracks;
  }
  replace(loaded: TrackIndex["tracks"]): void {
    this.index = new TrackIndex(loaded);
  }
  ids(): { exercises: string[]; projects: string[] } {
    return { exercises: this.index.tracks.flatMap((t) => t.exercises.map((e) => e.config.id)), projects: this.index.tracks.flatMap((t) => t.projects.map((p) => p.id)) };
  }
  exercise(id: string): ReturnType<TrackIndex["exercise"]> {
    return this.index.exercise(id);
  }
  project(id: string): ReturnType<TrackIndex["project"]> {
    return this.index.project(id);
  }
  renames(): TrackIndex["renames"] {
    return this.index.renames;
  }
}

export async function startWorkerProcess(config: Config, concurrency: number, log: Logger = createLogger(config)): Promise<RunningWorkers> {
  // Tracks first: a broken track stops start-up before anything else is touched.
  const items = new CurrentIndex(new TrackIndex(await loadTracks(trackDirs(config))));
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
    reload: () => reloadTracks(items, trackDirs(config), items.ids()),
    async close() {
      await workers.stop();
      health.close();
      await grader.close();
      await core.close();
    },
  };
}
