/**
 * Everything the server serves from the loaded tracks, indexed by id. Exercise and project
 * ids are global (a URL names one), so two tracks that share an id refuse to start
 * (track-index.ts checks them).
 * HTML is rendered once here, not per request.
 */
import { readFileSync } from "node:fs";
import { RoadworkError } from "../errors.js";
import type { Exercise } from "../content/exercise.js";
import { runExamplesOf, type RunExamples } from "../content/examples.js";
import type { Project } from "../content/project.js";
import type { Track, TrackStep } from "../content/track.js";
import { renderMarkdown } from "./markdown.js";
import type { Rename } from "../content/renames.js";
import { loadTracks, TrackIndex, type GradableItems } from "./track-index.js";

export interface CatalogStep {
  id: string;
  title: string;
  summary?: string;
  requires: readonly string[];
  exercises: readonly string[];
  projects: readonly string[];
  lessonHtml?: string;
}

export interface CatalogTrack {
  id: string;
  title: string;
  description?: string;
  steps: readonly CatalogStep[];
}

export interface CatalogExercise {
  id: string;
  trackId: string;
  stepId: string;
  title: string;
  kind: string;
  difficulty?: number;
  readmeHtml: string;
  /** The hints, rendered, in the order they are revealed. */
  hintsHtml: readonly string[];
  starter: string;
  /** The README's examples the browser's Run button tries; null for kinds it does not run. */
  run: RunExamples | null;
  /** The loaded exercise, handed to the grader. */
  exercise: Exercise;
}

export interface CatalogProject {
  id: string;
  trackId: string;
  stepId: string;
  title: string;
  summary?: string;
  frameworks: readonly string[];
  stages: ReadonlyArray<{ n: number; slug: string; title: string; instructionsHtml: string }>;
  project: Project;
}

interface CatalogState {
  tracks: readonly CatalogTrack[];
  exercisesById: Map<string, CatalogExercise>;
  projectsById: Map<string, CatalogProject>;
  stepsById: Map<string, { track: CatalogTrack; step: CatalogStep }>;
  /** The same tracks indexed for grading; also holds their renames. */
  index: TrackIndex;
}

/**
 * The tracks can be replaced while the server runs (`replace`, on SIGHUP or the admin's
 * reload): the new content is loaded, checked and rendered in full first, then swapped in
 * one assignment, so a request sees either the old tracks or the new ones, never a mix.
 * Progress is stored by item id: an item removed from a track keeps its learners'
 * submissions, and they count again if it comes back; a renamed one's rows are moved to its
 * new id after the swap (reload-tracks.ts), not here.
 */
export class Catalog {
  private state: CatalogState;

  /**
   * The current tracks as grading sees them, where a former id (`formerly:`) finds its item
   * too; the pages (`exercise`, `project`) answer to current ids only, so that whatever a
   * route stores is stored under the current id.
   */
  readonly gradable: GradableItems = {
    exercise: (id) => this.state.index.exercise(id),
    project: (id) => this.state.index.project(id),
  };

  constructor(loaded: readonly Track[]) {
    this.state = buildState(loaded);
  }

  get tracks(): readonly CatalogTrack[] {
    return this.state.tracks;
  }

  /** Swaps in new tracks; throws (leaving the current ones) when they clash or cannot be rendered. */
  replace(loaded: readonly Track[]): void {
    this.state = buildState(loaded);
  }

  /** The ids served now, to tell what a reload removed. */
  ids(): { exercises: string[]; projects: string[] } {
    return { exercises: [...this.state.exercisesById.keys()], projects: [...this.state.projectsById.keys()] };
  }

  /** The renames the tracks declare (`formerly:`), for moving stored progress to the current ids. */
  renames(): readonly Rename[] {
    return this.state.index.renames;
  }

  /** The current id of an exercise or project that had the id `former`, if one did. */
  renamedTo(former: string): string | undefined {
    return this.state.index.renamedTo(former);
  }

  track(id?: string): CatalogTrack | undefined {
    return id === undefined ? this.state.tracks[0] : this.state.tracks.find((t) => t.id === id);
  }

  step(id: string): { track: CatalogTrack; step: CatalogStep } | undefined {
    return this.state.stepsById.get(id);
  }

  exercise(id: string): CatalogExercise | undefined {
    return this.state.exercisesById.get(id);
  }

  project(id: string): CatalogProject | undefined {
    return this.state.projectsById.get(id);
  }

  /** The exercise, or NOT_FOUND; one that was renamed says its new id (an old link, `roadwork submit OLD`). */
  requireExercise(id: string): CatalogExercise {
    return this.exercise(id) ?? this.notFound("exercise", id);
  }

  requireProject(id: string): CatalogProject {
    return this.project(id) ?? this.notFound("project", id);
  }

  private notFound(kind: "exercise" | "project", id: string): never {
    const now = this.renamedTo(id);
    const renamed = now !== undefined && (kind === "exercise" ? this.exercise(now) : this.project(now)) !== undefined;
    throw new RoadworkError("NOT_FOUND", renamed ? `no ${kind} "${id}": it was renamed to "${now}"` : `no ${kind} "${id}"`);
  }
}

function buildState(loaded: readonly Track[]): CatalogState {
  // The index refuses two tracks, exercises or projects with one id before anything is rendered.
  const index = new TrackIndex(loaded);
  const state: CatalogState = { tracks: [], exercisesById: new Map(), projectsById: new Map(), stepsById: new Map(), index };
  const tracks: CatalogTrack[] = [];
  for (const track of loaded) {
    const stepOf = new Map<string, string>();
    const steps = track.steps.map((step) => toStep(step));
    for (const step of track.steps) {
      for (const id of step.exercises) stepOf.set(`e:${id}`, step.id);
      for (const id of step.projects) stepOf.set(`p:${id}`, step.id);
    }
    const catalogTrack: CatalogTrack = { id: track.config.id, title: track.config.title, steps, ...(track.config.description === undefined ? {} : { description: track.config.description }) };
    tracks.push(catalogTrack);
    for (const step of steps) state.stepsById.set(step.id, { track: catalogTrack, step });
    for (const exercise of track.exercises) {
      const id = exercise.config.id;
      state.exercisesById.set(id, {
        id,
        trackId: catalogTrack.id,
        stepId: stepOf.get(`e:${id}`) ?? "",
        title: exercise.config.title,
        kind: exercise.config.kind,
        ...(exercise.config.difficulty === undefined ? {} : { difficulty: exercise.config.difficulty }),
        readmeHtml: renderMarkdown(exercise.readme),
        hintsHtml: (exercise.config.hints ?? []).map((hint) => renderMarkdown(hint)),
        starter: exercise.starter,
        run: runExamplesOf(exercise),
        exercise,
      });
    }
    for (const project of track.projects) {
      state.projectsById.set(project.id, {
        id: project.id,
        trackId: catalogTrack.id,
        stepId: stepOf.get(`p:${project.id}`) ?? "",
        title: project.title,
        ...(project.summary === undefined ? {} : { summary: project.summary }),
        frameworks: Object.keys(project.frameworks),
        stages: project.stages.map((stage) => ({ n: stage.n, slug: stage.slug, title: stage.title, instructionsHtml: renderMarkdown(readInstructions(stage.instructionsPath)) })),
        project,
      });
    }
  }
  state.tracks = tracks;
  return state;
}

function toStep(step: TrackStep): CatalogStep {
  return {
    id: step.id,
    title: step.title,
    requires: step.requires,
    exercises: step.exercises,
    projects: step.projects,
    ...(step.summary === undefined ? {} : { summary: step.summary }),
    ...(step.lesson === undefined ? {} : { lessonHtml: renderMarkdown(step.lesson.markdown) }),
  };
}

function readInstructions(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    // A stage without instructions shows none; one whose file cannot be read is a broken track.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return "";
  }
}

/** Loads the built-in track and every extra track; a broken one stops start-up naming file and line. */
export async function loadCatalog(dirs: readonly string[]): Promise<Catalog> {
  return new Catalog(await loadTracks(dirs));
}
