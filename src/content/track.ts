/**
 * Loads a track folder (docs/tracks.md, "A track is a folder"): track.yaml, the lessons it names,
 * exercises/<slug>/ and projects/<slug>/. checkTrackFiles collects every problem it can
 * find, each with a file and a line, so an educator fixes a broken track in one pass;
 * loadTrack is the strict form that refuses a track with any problem.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { RoadworkError, isRoadworkError } from "../errors.js";
import { loadExercise, type Exercise } from "./exercise.js";
import type { Project } from "./project.js";
import { renameProblems } from "./renames.js";
import { trackSchema, type StepConfig, type TrackConfig } from "./schema.js";
import { lineInFile, readYamlFileLocated } from "./yaml-file.js";

export interface Lesson {
  /** The lesson file, as a path under the track folder. */
  file: string;
  markdown: string;
}

export interface TrackStep {
  id: string;
  title: string;
  summary?: string;
  requires: string[];
  lesson?: Lesson;
  /** Slugs, in the order a learner meets them. */
  exercises: string[];
  projects: string[];
}

export interface Track {
  dir: string;
  config: TrackConfig;
  steps: TrackStep[];
  /** Every exercise that loaded, in roadmap order. */
  exercises: Exercise[];
  /** Every project that loaded, in roadmap order. */
  projects: Project[];
}

export interface TrackCheck {
  /** Undefined when track.yaml itself is unusable; otherwise whatever loaded. */
  track: Track | undefined;
  problems: RoadworkError[];
}

/** The whole track, or a RoadworkError("CONTENT_INVALID") naming the first problem. */
export async function loadTrack(dir: string): Promise<Track> {
  const { track, problems } = await checkTrackFiles(dir);
  const first = problems[0];
  if (first !== undefined || track === undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; run \`roadwork content check\` to see them all)` : "";
    throw new RoadworkError("CONTENT_INVALID", `${first?.message ?? "the track did not load"}${more}`, { file: first?.file ?? join(dir, "track.yaml"), ...(first?.line === undefined ? {} : { line: first.line }) });
  }
  return track;
}

/** Validates the track's files (not its gradings) and returns every problem found. */
export async function checkTrackFiles(dir: string): Promise<TrackCheck> {
  const trackFile = join(dir, "track.yaml");
  const parsed = await readYamlFileLocated(trackFile, trackSchema);
  if (!parsed.ok) return { track: undefined, problems: parsed.problems };
  const { data: config, lineOf } = parsed;
  const problems: RoadworkError[] = [];
  const problem = (message: string, path: readonly PropertyKey[]): void => {
    problems.push(new RoadworkError("CONTENT_INVALID", message, { file: trackFile, line: lineOf(path) }));
  };

  checkStepGraph(config.steps, problem);
  const exerciseStep = listedOnce(config.steps, "exercises", problem);
  const projectStep = listedOnce(config.steps, "projects", problem);
  // Learners, links and grades name an item by its slug alone.
  config.steps.forEach((step, i) => {
    step.projects.forEach((slug, j) => {
      if (exerciseStep.has(slug)) problem(`"${slug}" is both an exercise and a project; give one of them another slug`, ["steps", i, "projects", j]);
    });
  });

  const [exerciseFolders, projectFolders] = await Promise.all([subfolders(join(dir, "exercises")), subfolders(join(dir, "projects"))]);
  reportUnlisted(exerciseFolders, exerciseStep, "exercise", "exercises", problem);
  reportUnlisted(projectFolders, projectStep, "project", "projects", problem);

  const steps = await Promise.all(config.steps.map((step, i) => loadStep(dir, step, i, problem, problems)));
  const exercises = await loadExercises(dir, config.steps, exerciseFolders, problem, problems);
  const projects = await loadProjects(dir, config.steps, projectFolders, problem, problems);
  const track: Track = { dir, config, steps, exercises, projects };
  problems.push(...renameProblems([track]));
  return { track, problems: sortProblems(problems) };
}

/** In file order, so a long list reads top to bottom. */
export function sortProblems(problems: RoadworkError[]): RoadworkError[] {
  return [...problems].sort((a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
}

type Report = (message: string, path: readonly PropertyKey[]) => void;

/** Step ids are unique, `requires` names existing steps, and the prerequisites form no cycle. */
function checkStepGraph(steps: readonly StepConfig[], problem: Report): void {
  const index = new Map<string, number>();
  steps.forEach((step, i) => {
    if (index.has(step.id)) problem(`step id "${step.id}" is used twice`, ["steps", i, "id"]);
    else index.set(step.id, i);
  });
  steps.forEach((step, i) => {
    step.requires.forEach((required, j) => {
      if (required === step.id) problem(`step "${step.id}" requires itself`, ["steps", i, "requires", j]);
      else if (!index.has(required)) problem(`step "${step.id}" requires "${required}", which is not a step of this track`, ["steps", i, "requires", j]);
    });
  });
  for (const cycle of findCycles(steps, index)) {
    const at = index.get(cycle[0] ?? "") ?? 0;
    problem(`steps require each other in a cycle: ${cycle.join(" -> ")}`, ["steps", at, "requires"]);
  }
}

/** Each cycle of the `requires` graph once, as a closed path ("a", "b", "a"). */
function findCycles(steps: readonly StepConfig[], index: ReadonlyMap<string, number>): string[][] {
  const state = new Map<string, "visiting" | "done">();
  const cycles: string[][] = [];
  const path: string[] = [];
  const visit = (id: string): void => {
    state.set(id, "visiting");
    path.push(id);
    const step = steps[index.get(id) ?? -1];
    for (const next of step?.requires ?? []) {
      if (next === id || !index.has(next)) continue; // reported already
      const seen = state.get(next);
      if (seen === "visiting") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (seen === undefined) visit(next);
    }
    path.pop();
    state.set(id, "done");
  };
  for (const id of index.keys()) if (!state.has(id)) visit(id);
  return cycles;
}

/** Maps each listed slug to its step; a slug listed twice is a problem. */
function listedOnce(steps: readonly StepConfig[], key: "exercises" | "projects", problem: Report): Map<string, string> {
  const stepOf = new Map<string, string>();
  steps.forEach((step, i) => {
    step[key].forEach((slug, j) => {
      const earlier = stepOf.get(slug);
      if (earlier === undefined) stepOf.set(slug, step.id);
      else problem(`${key === "exercises" ? "exercise" : "project"} "${slug}" is listed twice (also under step "${earlier}")`, ["steps", i, key, j]);
    });
  });
  return stepOf;
}

function reportUnlisted(folders: readonly string[], listed: ReadonlyMap<string, string>, noun: string, key: string, problem: Report): void {
  for (const slug of folders) {
    if (!listed.has(slug)) problem(`${noun} folder ${key}/${slug} is not listed under any step; add it to a step's ${key}, or remove the folder`, ["steps"]);
  }
}

async function loadStep(dir: string, step: StepConfig, i: number, problem: Report, problems: RoadworkError[]): Promise<TrackStep> {
  const out: TrackStep = { id: step.id, title: step.title, requires: step.requires, exercises: step.exercises, projects: step.projects };
  if (step.summary !== undefined) out.summary = step.summary;
  if (step.lesson === undefined) return out;
  const lessonPath = resolve(dir, step.lesson);
  if (!isInside(resolve(dir), lessonPath)) {
    problem(`lesson ${step.lesson} is outside the track folder`, ["steps", i, "lesson"]);
    return out;
  }
  try {
    const markdown = await readFile(lessonPath, "utf8");
    if (markdown.trim() === "") problems.push(new RoadworkError("CONTENT_INVALID", "the lesson is empty", { file: join(dir, step.lesson), line: 1 }));
    out.lesson = { file: step.lesson, markdown };
  } catch (error) {
    problem(`lesson ${step.lesson} cannot be read (${errorCode(error)})`, ["steps", i, "lesson"]);
  }
  return out;
}

async function loadExercises(dir: string, steps: readonly StepConfig[], folders: readonly string[], problem: Report, problems: RoadworkError[]): Promise<Exercise[]> {
  const jobs = steps.flatMap((step, i) =>
    step.exercises.map(async (slug, j): Promise<Exercise | undefined> => {
      if (!folders.includes(slug)) {
        problem(`exercise "${slug}" has no folder exercises/${slug}`, ["steps", i, "exercises", j]);
        return undefined;
      }
      const folder = join(dir, "exercises", slug);
      try {
        const exercise = await loadExercise(folder);
        if (exercise.config.step !== undefined && exercise.config.step !== step.id) {
          const file = join(folder, "exercise.yaml");
          problems.push(new RoadworkError("CONTENT_INVALID", `step "${exercise.config.step}" disagrees with track.yaml, which lists this exercise under step "${step.id}"`, { file, line: lineInFile(file, ["step"]) }));
        }
        return exercise;
      } catch (error) {
        problems.push(asContentProblem(error, join(folder, "exercise.yaml")));
        return undefined;
      }
    }),
  );
  const loaded = await Promise.all(jobs);
  return loaded.filter((exercise): exercise is Exercise => exercise !== undefined);
}

async function loadProjects(dir: string, steps: readonly StepConfig[], folders: readonly string[], problem: Report, problems: RoadworkError[]): Promise<Project[]> {
  const listed = steps.flatMap((step, i) => step.projects.map((slug, j) => ({ step, slug, path: ["steps", i, "projects", j] as const })));
  if (listed.length === 0) return [];
  // Loaded on demand: project.yaml's loader pulls in the Hurl parser, which a track without
  // projects never needs.
  let loadProject: (dir: string) => Project;
  try {
    ({ loadProject } = await import("./project.js"));
  } catch (error) {
    problems.push(new RoadworkError("CONTENT_INVALID", `projects cannot be loaded: the project loader is unavailable (${String(error)})`, { file: join(dir, "track.yaml") }));
    return [];
  }
  const projects: Project[] = [];
  for (const { step, slug, path } of listed) {
    if (!folders.includes(slug)) {
      problem(`project "${slug}" has no folder projects/${slug}`, path);
      continue;
    }
    const folder = join(dir, "projects", slug);
    try {
      const project = loadProject(folder);
      if (project.step !== undefined && project.step !== step.id) {
        const file = join(folder, "project.yaml");
        problems.push(new RoadworkError("CONTENT_INVALID", `step "${project.step}" disagrees with track.yaml, which lists this project under step "${step.id}"`, { file, line: lineInFile(file, ["step"]) }));
      }
      projects.push(project);
    } catch (error) {
      problems.push(asContentProblem(error, join(folder, "project.yaml")));
    }
  }
  return projects;
}

/** Sub-folders of `dir` (none when it does not exist), hidden ones left out, sorted. */
export async function subfolders(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new RoadworkError("CONTENT_INVALID", `cannot read ${dir}: ${(error as Error).message}`, { file: dir, cause: error });
    return [];
  }
  const checked = await Promise.all(
    names.filter((name) => !name.startsWith(".")).map(async (name) => ((await stat(join(dir, name))).isDirectory() ? name : undefined)),
  );
  return checked.filter((name): name is string => name !== undefined).sort();
}

export function asContentProblem(error: unknown, file: string): RoadworkError {
  if (isRoadworkError(error)) return error;
  return new RoadworkError("CONTENT_INVALID", `could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { file, cause: error });
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && rel.split(sep)[0] !== ".." && !isAbsolute(rel);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
