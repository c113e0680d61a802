/**
 * The loaded tracks indexed by exercise and project id, and nothing more: what a grading
 * worker needs to find the item a job names. Exercise and project ids are global (a URL
 * names one), so two tracks that share an id refuse to start. The server's Catalog
 * (catalog.ts) builds its pages on top of this index; a `roadwork worker` uses the index
 * alone and renders no Markdown it would never serve.
 */
import { join } from "node:path";
import { RoadworkError } from "../errors.js";
import type { Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import type { Track } from "../content/track.js";
import { renameProblems, renamesOf, type Rename } from "../content/renames.js";

/**
 * What grading looks items up in: the TrackIndex, and the Catalog's `gradable`. A former id
 * (`formerly:`) finds the item too: a job queued before a rename may be leased before the
 * server has moved its submission to the new id.
 */
export interface GradableItems {
  exercise(id: string): { exercise: Exercise } | undefined;
  project(id: string): { project: Project } | undefined;
}

export class TrackIndex implements GradableItems {
  private readonly exercisesById = new Map<string, { exercise: Exercise; track: Track }>();
  private readonly projectsById = new Map<string, { project: Project; track: Track }>();
  /** Every rename the tracks declare (`formerly:`), checked: each former id is unique and no current id. */
  readonly renames: readonly Rename[];
  private readonly currentOf = new Map<string, string>();

  constructor(readonly tracks: readonly Track[]) {
    const trackIds = new Set<string>();
    for (const track of tracks) {
      if (trackIds.has(track.config.id)) throw new RoadworkError("CONTENT_INVALID", `two tracks have the id "${track.config.id}"`, { file: join(track.dir, "track.yaml"), line: 1 });
      trackIds.add(track.config.id);
      for (const exercise of track.exercises) {
        const id = exercise.config.id;
        const taken = this.exercisesById.get(id);
        if (taken !== undefined) throw new RoadworkError("CONTENT_INVALID", `exercise id "${id}" is also used by track "${taken.track.config.id}" (${taken.exercise.dir}): ids are shared by every track a server loads`, { file: join(exercise.dir, "exercise.yaml"), line: 1 });
        this.exercisesById.set(id, { exercise, track });
      }
      for (const project of track.projects) {
        const taken = this.projectsById.get(project.id);
        if (taken !== undefined) throw new RoadworkError("CONTENT_INVALID", `project id "${project.id}" is also used by track "${taken.track.config.id}" (${taken.project.dir}): ids are shared by every track a server loads`, { file: project.file, line: 1 });
        this.projectsById.set(project.id, { project, track });
      }
    }
    // Each track's own formerly lists were checked as it loaded; this checks them across tracks.
    const clash = renameProblems(tracks)[0];
    if (clash !== undefined) throw clash;
    this.renames = renamesOf(tracks);
    for (const rename of this.renames) if (rename.kind !== "track") this.currentOf.set(rename.from, rename.to);
  }

  /** The current id of an exercise or project that had the id `former` (`formerly:`), if one did. */
  renamedTo(former: string): string | undefined {
    return this.currentOf.get(former);
  }

  exercise(id: string): { exercise: Exercise; track: Track } | undefined {
    return this.exercisesById.get(id) ?? this.exercisesById.get(this.currentOf.get(id) ?? "");
  }

  project(id: string): { project: Project; track: Track } | undefined {
    return this.projectsById.get(id) ?? this.projectsById.get(this.currentOf.get(id) ?? "");
  }

  /** The ids served now, to tell what a reload removed. */
  ids(): ItemIds {
    return itemIds(this.tracks);
  }
}

export interface ItemIds {
  exercises: string[];
  projects: string[];
}

/** Every exercise and project id of the tracks. */
export function itemIds(tracks: readonly Track[]): ItemIds {
  return { exercises: tracks.flatMap((t) => t.exercises.map((e) => e.config.id)), projects: tracks.flatMap((t) => t.projects.map((p) => p.id)) };
}

/** A worker's index, replaceable (reload-tracks.ts): a job looks its item up in whatever index is current. */
export class CurrentTrackIndex implements GradableItems {
  constructor(private index: TrackIndex) {}
  get tracks(): TrackIndex["tracks"] {
    return this.index.tracks;
  }
  replace(loaded: TrackIndex["tracks"]): void {
    this.index = new TrackIndex(loaded);
  }
  ids(): ItemIds {
    return this.index.ids();
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

/** Loads the given track folders; a broken one stops start-up naming file and line. */
export async function loadTracks(dirs: readonly string[]): Promise<Track[]> {
  const { loadTrack } = await import("../content/track.js");
  const tracks: Track[] = [];
  for (const dir of dirs) tracks.push(await loadTrack(dir));
  return tracks;
}
