/**
 * Reads Exercism's Python track layout: where exercises are in a checkout, what each one's
 * .meta/config.json names (stub, tests, example or exemplar), and what the track's own
 * config.json says about it (name, difficulty, deprecated).
 */
import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { RoadworkError } from "../../errors.js";

export type ExercismKind = "practice" | "concept";

/** One exercise folder of a checkout, with what the track config says about it. */
export interface ExercismExercise {
  slug: string;
  dir: string;
  /** Path shown to people: "exercises/practice/leap" when known, else the folder. */
  label: string;
  kind: ExercismKind | undefined;
  name?: string;
  difficulty?: number;
  status?: string;
}

/** The files of one exercise, resolved from .meta/config.json (or Exercism's conventions). */
export interface ExercismFiles {
  /** The stub the learner starts from, e.g. leap.py; its name is the module the tests import. */
  stub: string;
  test: string;
  /** .meta/example.py (practice) or .meta/exemplar.py (concept). */
  reference: string;
  /** The module name the tests import: the stub's file name without .py. */
  module: string;
  /**
   * Files carried beside tests.py as support_files: the read-only helper files Exercism
   * lists as `editor` (data modules), and test files after the first (test_utils.py).
   */
  support: string[];
}

export type FilesResult = { ok: true; files: ExercismFiles } | { ok: false; reason: string };

interface MetaConfig {
  files?: { solution?: unknown; test?: unknown; example?: unknown; exemplar?: unknown; editor?: unknown };
}

interface TrackEntry {
  slug?: unknown;
  name?: unknown;
  difficulty?: unknown;
  status?: unknown;
}

/**
 * Exercises under PATH: one exercise folder (.meta/config.json), a track checkout
 * (exercises/practice/*, exercises/concept/*), its exercises/ folder, or one of
 * practice/ or concept/.
 */
export async function findExercismExercises(path: string): Promise<ExercismExercise[]> {
  if (!existsSync(path) || !(await stat(path)).isDirectory()) throw new RoadworkError("BAD_INPUT", `${path} is not a folder`);
  if (isExercise(path)) {
    const kindName = basename(dirname(path));
    const kind = kindName === "practice" || kindName === "concept" ? kindName : undefined;
    const track = await readTrackConfig(join(path, "..", "..", ".."));
    return [describe(path, kind, kind === undefined ? basename(path) : `exercises/${kind}/${basename(path)}`, track)];
  }
  const groups: Array<{ dir: string; kind: ExercismKind | undefined; trackRoot: string }> = [];
  for (const kind of ["practice", "concept"] as const) {
    if (existsSync(join(path, "exercises", kind))) groups.push({ dir: join(path, "exercises", kind), kind, trackRoot: path });
    else if (existsSync(join(path, kind))) groups.push({ dir: join(path, kind), kind, trackRoot: join(path, "..") });
  }
  if (groups.length === 0) {
    const kindName = basename(path);
    const kind = kindName === "practice" || kindName === "concept" ? kindName : undefined;
    groups.push({ dir: path, kind, trackRoot: join(path, "..", "..") });
  }
  const found: ExercismExercise[] = [];
  for (const group of groups) {
    const track = await readTrackConfig(group.trackRoot);
    for (const name of (await readdir(group.dir)).sort()) {
      const dir = join(group.dir, name);
      if (isExercise(dir)) found.push(describe(dir, group.kind, group.kind === undefined ? name : `exercises/${group.kind}/${name}`, track));
    }
  }
  if (found.length === 0) {
    throw new RoadworkError("BAD_INPUT", `${path} holds no Exercism exercise: expected .meta/config.json in it, or exercises/practice/* and exercises/concept/* below it`);
  }
  return found;
}

function isExercise(dir: string): boolean {
  return existsSync(join(dir, ".meta", "config.json"));
}

function describe(dir: string, kind: ExercismKind | undefined, label: string, track: Map<string, TrackEntry>): ExercismExercise {
  const slug = basename(dir);
  const out: ExercismExercise = { slug, dir, label, kind };
  const entry = track.get(slug);
  if (typeof entry?.name === "string" && entry.name.trim() !== "") out.name = entry.name.trim();
  if (typeof entry?.difficulty === "number") out.difficulty = entry.difficulty;
  if (typeof entry?.status === "string") out.status = entry.status;
  return out;
}

/** slug -> entry of the checkout's config.json; empty when there is none. */
async function readTrackConfig(root: string): Promise<Map<string, TrackEntry>> {
  const entries = new Map<string, TrackEntry>();
  let config: { exercises?: { practice?: unknown; concept?: unknown } };
  try {
    config = JSON.parse(await readFile(join(root, "config.json"), "utf8")) as typeof config;
  } catch (error) {
    // No config.json: a checkout without difficulties. One that is not JSON would lose them unsaid.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new RoadworkError("CONTENT_INVALID", `the checkout's config.json cannot be read: ${(error as Error).message}`, { file: join(root, "config.json"), cause: error });
    return entries;
  }
  for (const list of [config.exercises?.concept, config.exercises?.practice]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list as TrackEntry[]) if (typeof entry.slug === "string") entries.set(entry.slug, entry);
  }
  return entries;
}

/** Which files make up the exercise, or why it cannot become a roadwork exercise. */
export async function readExercismFiles(exercise: ExercismExercise): Promise<FilesResult> {
  let meta: MetaConfig;
  try {
    meta = JSON.parse(await readFile(join(exercise.dir, ".meta", "config.json"), "utf8")) as MetaConfig;
  } catch (error) {
    return { ok: false, reason: `.meta/config.json is not readable JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const files = meta.files ?? {};
  const underscored = exercise.slug.replace(/-/g, "_");
  // Older configs list no files; Exercism's conventions name them then.
  const stubs = stringList(files.solution, [`${underscored}.py`]);
  const tests = stringList(files.test, [`${underscored}_test.py`]);
  const references = [...stringList(files.example, []), ...stringList(files.exemplar, [])];
  if (references.length === 0) references.push(...[".meta/example.py", ".meta/exemplar.py"].filter((file) => existsSync(join(exercise.dir, file))));
  const editor = stringList(files.editor, []);

  if (stubs.length !== 1) return { ok: false, reason: `the solution spans ${stubs.length} files (${stubs.join(", ")}); a roadwork exercise has exactly one` };
  if (tests.length === 0) return { ok: false, reason: "no test file" };
  if (references.length !== 1) return { ok: false, reason: references.length === 0 ? "there is no example or exemplar solution to use as the reference" : `there are ${references.length} reference files (${references.join(", ")})` };
  // Tests over two files: the one named like the exercise holds the tests, the others are
  // its helpers (Exercism's test_utils.py), carried beside it.
  const test = tests.find((file) => file === `${underscored}_test.py`) ?? (tests[0] as string);
  const support = [...new Set([...tests.filter((file) => file !== test), ...editor])];
  const [stub, reference] = [stubs[0] as string, references[0] as string];
  if (!stub.endsWith(".py") || stub.includes("/")) return { ok: false, reason: `the solution file ${stub} is not a Python module at the top of the exercise` };
  for (const file of support) {
    if (file.includes("/") || !SUPPORT_NAME.test(file)) return { ok: false, reason: `the helper file ${file} is not a file at the top of the exercise, where the tests could read it` };
  }
  for (const file of [stub, test, reference, ...support]) {
    if (!existsSync(join(exercise.dir, file))) return { ok: false, reason: `${file}, named in .meta/config.json, does not exist` };
  }
  return { ok: true, files: { stub, test, reference, module: stub.slice(0, -".py".length), support } };
}

/** Python modules of the exercise folder other than the stub and the tests: helpers the tests might import. */
export async function localModules(dir: string, files: ExercismFiles): Promise<string[]> {
  const names: string[] = [];
  for (const name of await readdir(dir)) {
    if (name === files.stub || name === files.test || files.support.includes(name) || name.startsWith(".")) continue;
    if (name.endsWith(".py")) names.push(name.slice(0, -3));
    else if (existsSync(join(dir, name, "__init__.py"))) names.push(name);
  }
  return names;
}

/** What exercise.yaml's support_files accepts. */
const SUPPORT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

function stringList(value: unknown, fallback: string[]): string[] {
  if (!Array.isArray(value) || value.length === 0) return fallback;
  return value.filter((item): item is string => typeof item === "string");
}
