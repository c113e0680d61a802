/**
 * Loads the tracks again, from the same folders, while the server runs: on SIGHUP and on
 * the admin's "reload tracks". The new tracks are loaded and checked in full before anything
 * is swapped, so a broken file leaves the running content as it was and the error names the
 * file and line. Learners' progress is stored by item id and never changes here.
 */
import type { Logger } from "pino";
import { isRoadworkError } from "../errors.js";
import { itemIds, loadTracks, type ItemIds } from "./track-index.js";

export interface ReloadSummary {
  tracks: Array<{ id: string; exercises: number; projects: number }>;
  /** Ids present before and gone now: their learners' submissions stay, and count again if they return. */
  removed: { exercises: string[]; projects: string[] };
}

/** Anything whose tracks can be swapped: the server's Catalog, or a worker's CurrentTrackIndex. */
export interface ReplaceableTracks {
  replace(loaded: Awaited<ReturnType<typeof loadTracks>>): void;
  /** The ids served now. */
  ids(): ItemIds;
}

export async function reloadTracks(target: ReplaceableTracks, dirs: readonly string[]): Promise<ReloadSummary> {
  const loaded = await loadTracks(dirs);
  const before = target.ids();
  target.replace(loaded);
  const after = itemIds(loaded);
  const exercises = new Set(after.exercises);
  const projects = new Set(after.projects);
  return {
    tracks: loaded.map((track) => ({ id: track.config.id, exercises: track.exercises.length, projects: track.projects.length })),
    removed: { exercises: before.exercises.filter((id) => !exercises.has(id)), projects: before.projects.filter((id) => !projects.has(id)) },
  };
}

/** Reloads on every SIGHUP, logging what changed or, when the new content is broken, why it was kept. */
export function reloadOnHangup(reload: () => Promise<ReloadSummary>, log: Logger): void {
  process.on("SIGHUP", () => {
    reload().then(
      (summary) => log.info({ tracks: summary.tracks, removed: summary.removed }, "tracks reloaded"),
      (error: unknown) => log.error({ err: isRoadworkError(error) ? error.toString() : error }, "tracks not reloaded: the running ones stay"),
    );
  });
}
