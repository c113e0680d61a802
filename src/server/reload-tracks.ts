/**
 * Loads the tracks again, from the same folders, while the server runs: on SIGHUP and on
 * the admin's "reload tracks". The new tracks are loaded and checked in full before anything
 * is swapped, so a broken file leaves the running content as it was and the error names the
 * file and line. Learners' progress is stored by item id: a removed item's rows stay (and
 * count again if it returns); a renamed one's (`formerly:`) move to its new id, here and at
 * every start (moveRenamedProgress).
 */
import type { Logger } from "pino";
import { isRoadworkError, RoadworkError } from "../errors.js";
import type { Rename } from "../content/renames.js";
import type { IdRename, MovedRows, Store } from "../store/index.js";
import { itemIds, loadTracks, type ItemIds } from "./track-index.js";

/** A rename and the rows it moved (all zero once they have moved: the move is idempotent). */
export type RenameReport = IdRename & { moved: MovedRows };

export interface ReloadSummary {
  tracks: Array<{ id: string; exercises: number; projects: number }>;
  /** Ids present before and gone now, renamed ones aside: their learners' submissions stay, and count again if they return. */
  removed: { exercises: string[]; projects: string[] };
  /** Every rename the tracks declare, with the rows this reload moved (none in a worker: the server moves them). */
  renamed: RenameReport[];
}

/** Anything whose tracks can be swapped: the server's Catalog, or a worker's CurrentTrackIndex. */
export interface ReplaceableTracks {
  replace(loaded: Awaited<ReturnType<typeof loadTracks>>): void;
  /** The ids served now. */
  ids(): ItemIds;
  renames(): readonly Rename[];
}

/**
 * Swaps the tracks in first, then moves renamed items' rows: a submission made in between
 * is stored under the new id already. The other order would let the old catalog store one
 * under the old id after its rows had moved.
 */
export async function reloadTracks(target: ReplaceableTracks, dirs: readonly string[], progress?: { store: Store; log: ProgressLog }): Promise<ReloadSummary> {
  const loaded = await loadTracks(dirs);
  const before = target.ids();
  target.replace(loaded);
  // A renamed item is not a removed one: its former ids are reported under `renamed`.
  const formerIds = new Set(target.renames().flatMap((rename) => (rename.kind === "track" ? [] : [rename.from])));
  const after = itemIds(loaded);
  const exercises = new Set([...formerIds, ...after.exercises]);
  const projects = new Set([...formerIds, ...after.projects]);
  let renamed: RenameReport[];
  try {
    renamed = progress === undefined ? target.renames().map((rename) => ({ ...rename, moved: NOTHING_MOVED })) : await moveRenamedProgress(progress.store, target.renames(), progress.log);
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `the tracks were reloaded, but the progress of renamed items was not moved to their new ids (${error instanceof Error ? error.message : String(error)}); reload again, or restart, to move it`, { cause: error });
  }
  return {
    tracks: loaded.map((track) => ({ id: track.config.id, exercises: track.exercises.length, projects: track.projects.length })),
    removed: { exercises: before.exercises.filter((id) => !exercises.has(id)), projects: before.projects.filter((id) => !projects.has(id)) },
    renamed,
  };
}

const NOTHING_MOVED: MovedRows = { submissions: 0, drafts: 0, published_solutions: 0, reviews: 0, cohorts: 0, git_repos: 0 };

/** The slice of a logger this needs (pino's, or Fastify's). */
export interface ProgressLog {
  info(fields: object, message: string): void;
}

/** Moves every renamed item's rows to its current id, in one transaction, and logs what moved ("renamed 3 submissions, 1 review from "a" to "b""). */
export async function moveRenamedProgress(store: Store, renames: readonly Rename[], log: ProgressLog): Promise<RenameReport[]> {
  const reports = await store.moveRenamed(renames);
  for (const report of reports) {
    const parts = Object.entries(report.moved).flatMap(([table, n]) => (n === 0 ? [] : [`${n} ${n === 1 ? SINGULAR[table] ?? table : (table === "git_repos" ? "pushed repositories" : table.replace("_", " "))}`]));
    if (parts.length > 0) log.info({ kind: report.kind, from: report.from, to: report.to, moved: report.moved }, `renamed ${parts.join(", ")} from "${report.from}" to "${report.to}"`);
  }
  return reports;
}

const SINGULAR: Record<string, string> = { submissions: "submission", drafts: "draft", published_solutions: "published solution", reviews: "review", cohorts: "cohort", git_repos: "pushed repository" };

/** Reloads on every SIGHUP, logging what changed or, when the new content is broken, why it was kept. */
export function reloadOnHangup(reload: () => Promise<ReloadSummary>, log: Logger): void {
  process.on("SIGHUP", () => {
    reload().then(
      (summary) => log.info({ tracks: summary.tracks, removed: summary.removed, renamed: summary.renamed.map(({ kind, from, to }) => ({ kind, from, to })) }, "tracks reloaded"),
      // INFRASTRUCTURE: the new tracks are in, their renamed items' rows did not move (the message says so).
      (error: unknown) => log.error({ err: isRoadworkError(error) ? error.toString() : error }, isRoadworkError(error) && error.code === "INFRASTRUCTURE" ? "tracks reloaded, but renamed items' progress was not moved" : "tracks not reloaded: the running ones stay"),
    );
  });
}
