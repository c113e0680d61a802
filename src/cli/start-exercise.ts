/**
 * `roadwork start EXERCISE`: makes the exercise's starting point on this machine, in a folder
 * named after it. A git exercise gets its starter repository (the exercise's fast-import
 * stream, imported with the learner's own git: track content is trusted, and the repository is
 * theirs); any other exercise gets README.md and its starter file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { RoadworkError } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";

export interface StartExerciseOptions {
  /** Tracks to look the id up in, after the built-in one. */
  tracks: readonly string[];
  /** Where to make it; default ./ID. */
  dir?: string;
  say: (line: string) => void;
}

export async function startExercise(idOrPath: string, options: StartExerciseOptions): Promise<string> {
  const { loadExercise, solutionFileName } = await import("../content/exercise.js");
  const source = findExercise(idOrPath, options.tracks);
  const exercise = await loadExercise(source);
  const id = exercise.config.id;
  const target = resolve(options.dir ?? id);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new RoadworkError("BAD_INPUT", `${target} exists and is not empty: choose another folder with --dir`);
  }
  mkdirSync(target, { recursive: true });
  const shown = relative(process.cwd(), target) || ".";
  if (exercise.kind === "git") {
    git(["init", "--quiet", "--initial-branch=main"], target);
    git(["fast-import", "--quiet"], target, exercise.starter);
    const branches = git(["for-each-ref", "--format=%(refname:short)", "refs/heads/"], target).split("\n").filter(Boolean);
    git(["checkout", "--quiet", branches.includes("main") ? "main" : (branches[0] ?? "main")], target);
    options.say(`made the repository of ${id} in ${shown} (${branches.length} branch${branches.length === 1 ? "" : "es"}: ${branches.join(", ")})`);
    // The instructions are printed, not written into the work tree: an untracked README there
    // would be one more file to leave out of the commits the checks read.
    options.say(`the instructions follow; work with git in ${shown}, then send your commits with:`);
    options.say(`  roadwork submit ${id} ${shown}`);
  } else {
    const file = solutionFileName(exercise.config.kind, exercise.kind === "tests" ? exercise.module : undefined);
    writeFileSync(join(target, file), exercise.starter);
    options.say(`made ${join(shown, file)} from the starter of ${id}; grade it with:`);
    options.say(`  roadwork submit ${id} ${join(shown, file)}`);
    writeFileSync(join(target, "README.md"), exercise.readme);
  }
  options.say("");
  options.say(exercise.readme.trim());
  return target;
}

function findExercise(idOrPath: string, tracks: readonly string[]): string {
  if (existsSync(join(idOrPath, "exercise.yaml"))) return idOrPath;
  for (const track of [join(PACKAGE_ROOT, "tracks", "python-backend"), ...tracks]) {
    const dir = join(track, "exercises", idOrPath);
    if (existsSync(join(dir, "exercise.yaml"))) return dir;
  }
  throw new RoadworkError("NOT_FOUND", `no exercise "${idOrPath}" in the built-in track${tracks.length > 0 ? ` or in ${tracks.join(", ")}` : ""}`);
}

function git(args: string[], cwd: string, input?: string): string {
  const result = spawnSync("git", args, { cwd, input: input ?? "", encoding: "utf8" });
  if (result.error !== undefined) throw new RoadworkError("BAD_INPUT", `git is needed for this exercise and could not be run (${result.error.message}): install git first`);
  if (result.status !== 0) throw new RoadworkError("INFRASTRUCTURE", `git ${args[0] ?? ""} failed: ${result.stderr.trim()}`);
  return result.stdout;
}
