/**
 * What `roadwork content check PATH` grades, once loaded: the exercises and projects PATH
 * holds, and the problems found in their files on the way (with file and line).
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { RoadworkError } from "../errors.js";
import { loadExercise, type Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import { renameProblems } from "../content/renames.js";
import { asContentProblem, checkTrackFiles, loadTrack, sortProblems, subfolders, type Track } from "../content/track.js";
import { idCollisions } from "./id-collisions.js";
import { checkTestFiles } from "./tests-file-check.js";

/** What PATH holds, once loaded: the items to grade and the problems found on the way. */
export interface ContentSelection {
  exercises: Exercise[];
  projects: Project[];
  problems: RoadworkError[];
}

/**
 * Loads what PATH names: a track folder (track.yaml), one exercise (exercise.yaml), one
 * project (project.yaml), or a folder of exercises or projects. Anything else is BAD_INPUT.
 */
/**
 * `alongside`: the tracks a server would load beside this content (the built-in track, say);
 * an exercise or project id they already use is a problem here, as it would stop the server.
 */
export async function selectContent(path: string, options: { alongside?: readonly string[] } = {}): Promise<ContentSelection> {
  const selection = await loadSelection(path);
  const collisions: RoadworkError[] = [];
  const others: Track[] = [];
  for (const dir of options.alongside ?? []) {
    if (resolve(dir) === resolve(path)) continue;
    try {
      const other = await loadTrack(dir);
      others.push(other);
      collisions.push(...idCollisions(selection, [other]));
    } catch (error) {
      collisions.push(new RoadworkError("CONTENT_INVALID", `the track ${dir}, which a server would load beside this content, does not load: ${error instanceof Error ? error.message : String(error)}`, { file: join(dir, "track.yaml") }));
    }
  }
  selection.problems = sortProblems([...selection.problems, ...collisions, ...formerlyProblems(selection, others), ...(await checkTestFiles(selection.exercises))]);
  return selection;
}

/**
 * The `formerly:` problems of the selection's items, alone (a single exercise naming itself)
 * and beside the other tracks a server would load; those a track's own check found already
 * are not repeated.
 */
function formerlyProblems(selection: ContentSelection, others: readonly Track[]): RoadworkError[] {
  const key = (problem: RoadworkError): string => `${problem.file ?? ""}:${problem.line ?? 0}:${problem.message}`;
  const seen = new Set(selection.problems.map(key));
  return [...renameProblems([], selection), ...renameProblems(others, selection)].filter((problem) => {
    if (seen.has(key(problem))) return false;
    seen.add(key(problem));
    return true;
  });
}

async function loadSelection(path: string): Promise<ContentSelection> {
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new RoadworkError("BAD_INPUT", `${path} is not a folder`);
  }
  if (existsSync(join(path, "track.yaml"))) {
    const { track, problems } = await checkTrackFiles(path);
    return { exercises: track?.exercises ?? [], projects: track?.projects ?? [], problems };
  }
  if (existsSync(join(path, "exercise.yaml")) || existsSync(join(path, "project.yaml"))) {
    return loadFolders([path]);
  }
  const folders = (await subfolders(path)).map((name) => join(path, name));
  const content = folders.filter((folder) => existsSync(join(folder, "exercise.yaml")) || existsSync(join(folder, "project.yaml")));
  if (content.length === 0) {
    throw new RoadworkError("BAD_INPUT", `${path} holds no track.yaml, exercise.yaml or project.yaml, and no folder that does`);
  }
  const selection = await loadFolders(content);
  for (const folder of folders) {
    if (!content.includes(folder)) {
      selection.problems.push(new RoadworkError("CONTENT_INVALID", "neither an exercise (no exercise.yaml) nor a project (no project.yaml)", { file: folder }));
    }
  }
  selection.problems = sortProblems(selection.problems);
  return selection;
}

async function loadFolders(folders: readonly string[]): Promise<ContentSelection> {
  const selection: ContentSelection = { exercises: [], projects: [], problems: [] };
  for (const folder of folders) {
    if (existsSync(join(folder, "exercise.yaml"))) {
      try {
        selection.exercises.push(await loadExercise(folder));
      } catch (error) {
        selection.problems.push(asContentProblem(error, join(folder, "exercise.yaml")));
      }
      continue;
    }
    try {
      const { loadProject } = await import("../content/project.js");
      selection.projects.push(loadProject(folder));
    } catch (error) {
      selection.problems.push(asContentProblem(error, join(folder, "project.yaml")));
    }
  }
  return selection;
}
