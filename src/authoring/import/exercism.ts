/**
 * `roadwork import exercism`: turns exercises in Exercism's Python layout into roadwork
 * function exercises (exercise.yaml, README.md, starter.py, solution.py, tests.py, bad/).
 *
 * The mode is decided per exercise. Tamper-proof unless the tests need the solution in their
 * own process (identity checks, in-place mutation of arguments, class checks on returned
 * objects, functions passed in), found by reading the tests; and, when a grader is given,
 * by grading: a reference that fails tamper-proof but passes compatible is compatible.
 * Each exercise is written to a staging folder first and moved into place only when it is
 * complete, so a skipped exercise leaves nothing behind.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { RoadworkError } from "../../errors.js";
import type { GradeReport } from "../../grading/report.js";
import { loadExercise, type FunctionExercise } from "../../content/exercise.js";
import type { ExerciseConfig } from "../../content/schema.js";
import { modeDifferences } from "../mode-differences.js";
import { analyzeTests, type TestAnalysis } from "./analyze-tests.js";
import { findExercismExercises, localModules, readExercismFiles, type ExercismExercise, type ExercismFiles } from "./exercism-layout.js";
import { buildHint, buildReadme } from "./exercism-readme.js";
import { listUnderStep, requireStep, trackFileFor } from "./track-listing.js";

export type ExerciseMode = ExerciseConfig["mode"];
export { modeDifferences } from "../mode-differences.js";

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** Grades one submission of an exercise, as written; the CLI binds the real grader and a sandbox. */
export type GradeForImport = (exercise: FunctionExercise, source: string) => Promise<GradeReport>;

export interface ImportOptions {
  /** The folder the roadwork exercises are written to (created when missing). */
  into: string;
  /** The roadmap step written into each exercise.yaml. */
  step?: string;
  /** Replace exercises that already exist in `into`. */
  overwrite?: boolean;
  /** When given, every reference and stub is graded to settle the mode and bad/. */
  grade?: GradeForImport;
  onExercise?: (outcome: ImportOutcome) => void;
}

export interface ImportedExercise {
  status: "imported";
  slug: string;
  /** The Exercism folder, as a label ("exercises/practice/leap"). */
  from: string;
  dir: string;
  mode: ExerciseMode;
  /** Why the mode is compatible (empty for tamper-proof). */
  modeReasons: string[];
  tests: string[];
  /** Test function -> Exercism task number. */
  tasks: Record<string, number>;
  /** bad/ files written (the stub, when it fails). */
  bad: string[];
  /** True when the reference was graded and passed. */
  verified: boolean;
  /** Files carried beside tests.py (support_files): Exercism's helper data files and test helpers. */
  support: string[];
  /** Tests the reference's grading reported as skipped (Exercism's extra credit). */
  skippedTests: string[];
  /**
   * Tests whose verdict differed between tamper-proof and compatible mode when the reference
   * and the starter were graded in both ("starter: test_x passes tamper-proof, fails
   * compatible"). Any difference makes the exercise compatible: its verdicts are pytest's.
   */
  modeDifferences: string[];
  notes: string[];
}

export interface SkippedExercise {
  status: "skipped";
  slug: string;
  from: string;
  reason: string;
}

export type ImportOutcome = ImportedExercise | SkippedExercise;

export interface ImportSummary {
  imported: ImportedExercise[];
  skipped: SkippedExercise[];
  modes: Record<ExerciseMode, number>;
  /** When imported into TRACK/exercises with a step: the slugs newly listed in track.yaml. */
  listed?: { trackFile: string; step: string; added: string[] };
}

export async function importExercism(path: string, options: ImportOptions): Promise<ImportSummary> {
  if (options.step !== undefined && !SLUG.test(options.step)) {
    throw new RoadworkError("BAD_INPUT", `the step "${options.step}" is not a step id (lowercase letters, digits and dashes)`);
  }
  const found = await findExercismExercises(path);
  // Importing into TRACK/exercises with a step: list the exercises there too, so the track
  // loads at once. A step the track does not have is caught before anything is written.
  const trackFile = options.step === undefined ? undefined : trackFileFor(options.into);
  if (trackFile !== undefined && options.step !== undefined) await requireStep(trackFile, options.step);
  await mkdir(options.into, { recursive: true });
  const summary: ImportSummary = { imported: [], skipped: [], modes: { "tamper-proof": 0, compatible: 0 } };
  for (const exercise of found) {
    const outcome = await importOne(exercise, options).catch((error: unknown): ImportOutcome => {
      // One exercise that cannot be converted does not stop the others; a broken machine does.
      if (!(error instanceof RoadworkError) || error.code !== "CONTENT_INVALID") throw error;
      return { status: "skipped", slug: exercise.slug, from: exercise.label, reason: `the converted exercise is not valid: ${error.message}` };
    });
    if (outcome.status === "imported") {
      summary.imported.push(outcome);
      summary.modes[outcome.mode] += 1;
    } else {
      summary.skipped.push(outcome);
    }
    options.onExercise?.(outcome);
  }
  if (trackFile !== undefined && options.step !== undefined) {
    const added = await listUnderStep(trackFile, options.step, summary.imported.map((exercise) => exercise.slug));
    summary.listed = { trackFile, step: options.step, added };
  }
  return summary;
}

async function importOne(exercise: ExercismExercise, options: ImportOptions): Promise<ImportOutcome> {
  const skip = (reason: string): SkippedExercise => ({ status: "skipped", slug: exercise.slug, from: exercise.label, reason });
  if (exercise.status === "deprecated") return skip("deprecated in the track's config.json");
  if (!SLUG.test(exercise.slug)) return skip(`the slug "${exercise.slug}" is not lowercase letters, digits and dashes`);
  const target = join(options.into, exercise.slug);
  if (existsSync(target) && options.overwrite !== true) return skip(`${target} already exists (use --overwrite to replace it)`);

  const filesResult = await readExercismFiles(exercise);
  if (!filesResult.ok) return skip(filesResult.reason);
  const files = filesResult.files;
  const read = (file: string): Promise<string> => readFile(join(exercise.dir, file), "utf8");
  const [stub, tests, reference] = await Promise.all([read(files.stub), read(files.test), read(files.reference)]);
  const locals = await localModules(exercise.dir, files);
  // Every file that may travel beside the tests, rewritten to name `solution` where it named
  // the exercise's module; only the ones listed or imported by the tests are carried.
  const candidates = [...new Set([...files.support, ...locals.map((name) => `${name}.py`)])].filter((file) => existsSync(join(exercise.dir, file)));
  const candidateTexts = Object.fromEntries(await Promise.all(candidates.map(async (file) => [file, await read(file)] as const)));
  const analyzed = await analyzeTests({ tests, module: files.module, stub, localModules: locals, support: candidateTexts });
  if (!analyzed.ok) return skip(analyzed.reason);
  const analysis = analyzed.analysis;
  // Modules of the exercise folder the tests import (test_utils.py) travel beside them.
  const support = [...files.support];
  const uncarried: string[] = [];
  for (const name of analysis.localImports) {
    if (!name.startsWith(".") && existsSync(join(exercise.dir, `${name}.py`))) {
      if (!support.includes(`${name}.py`)) support.push(`${name}.py`);
    } else uncarried.push(name);
  }
  if (uncarried.length > 0) return skip(`the tests import ${uncarried.join(", ")} from the exercise folder, which is not a module file a roadwork exercise can carry beside them`);
  if (analysis.tests.length === 0) return skip("no test functions found in the test file");
  const supportTexts = support.map((file) => analysis.support[file] ?? "");

  const title = exercise.name ?? titleFromSlug(exercise.slug);
  const readme = await buildReadme(exercise.dir, title, exercise.label);
  if (readme === undefined) return skip(".docs/instructions.md is missing or empty");
  const hint = await buildHint(exercise.dir);

  const staging = await mkdtemp(join(options.into, `.import-${exercise.slug}-`));
  const dir = join(staging, exercise.slug);
  try {
    const imported: ImportedExercise = {
      status: "imported",
      slug: exercise.slug,
      from: exercise.label,
      dir: target,
      mode: analysis.compatReasons.length > 0 ? "compatible" : "tamper-proof",
      modeReasons: analysis.compatReasons,
      tests: analysis.tests,
      tasks: analysis.tasks,
      bad: [],
      verified: false,
      support,
      skippedTests: [],
      modeDifferences: [],
      notes: [],
    };
    await mkdir(dir);
    await Promise.all([
      writeFile(join(dir, "README.md"), readme),
      writeFile(join(dir, "starter.py"), stub),
      writeFile(join(dir, "solution.py"), reference),
      writeFile(join(dir, "tests.py"), analysis.rewritten),
      ...support.map((file, i) => writeFile(join(dir, file), supportTexts[i] ?? "", { mode: 0o444 })),
    ]);
    // Written now so the grader can load the exercise, and again once the mode is settled.
    await writeConfig(dir, exercise, files, title, imported.mode, options.step, hint, support);

    const settled = options.grade === undefined ? settleStatically(imported, analysis) : await settleByGrading(dir, imported, stub, options.grade);
    if (settled !== undefined) return skip(settled);
    if (imported.bad.length > 0) {
      await mkdir(join(dir, "bad"));
      await writeFile(join(dir, "bad", "starter.py"), stub);
    }
    await writeConfig(dir, exercise, files, title, imported.mode, options.step, hint, support);
    await loadExercise(dir); // the result must be a valid roadwork exercise
    if (existsSync(target)) await rm(target, { recursive: true, force: true });
    await rename(dir, target);
    return imported;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Without a grader: the stub counts as a bad solution only when it plainly does nothing. */
function settleStatically(imported: ImportedExercise, analysis: TestAnalysis): undefined {
  if (analysis.stubTrivial) imported.bad.push("bad/starter.py");
  else imported.notes.push("the starter has code of its own; not added to bad/ without grading it");
  imported.notes.push("not verified: the reference was not graded");
  return undefined;
}

/**
 * Grades the reference and the stub in both modes. Compatible mode runs tests and solution
 * in one process, as pytest does; a test whose verdict (pass, skip, or not) differs between
 * the two modes is a place where tamper-proof grading is not pytest's, so the exercise
 * becomes compatible and the difference is reported. Returns a reason to skip the
 * exercise, or undefined when it is settled.
 */
async function settleByGrading(dir: string, imported: ImportedExercise, stub: string, grade: GradeForImport): Promise<string | undefined> {
  const exercise = await loadExercise(dir);
  if (exercise.kind !== "function") return "not a function exercise";
  const inMode = (mode: ExerciseMode): FunctionExercise => ({ ...exercise, config: { ...exercise.config, mode } });
  const both = async (source: string): Promise<Record<ExerciseMode, GradeReport>> => ({
    "tamper-proof": await safeGrade(grade, inMode("tamper-proof"), source),
    compatible: await safeGrade(grade, inMode("compatible"), source),
  });
  const reference = await both(exercise.solution);
  const starter = await both(stub);

  for (const [who, reports] of [["reference", reference], ["starter", starter]] as const) {
    imported.modeDifferences.push(...modeDifferences(reports).map((d) => `${who}: ${d}`));
  }
  if (imported.modeDifferences.length > 0 && imported.mode === "tamper-proof") {
    imported.mode = "compatible";
    const first = imported.modeDifferences[0] ?? "";
    const more = imported.modeDifferences.length - 1;
    imported.modeReasons.push(`graded in both modes, a verdict differs (${first}${more > 0 ? `; ${more} more` : ""}), so the tests run as pytest runs them`);
  }
  let ours = reference[imported.mode];
  const timedOut = (ours.limits_hit ?? []).some((hit) => hit.limit === "wall-time" || hit.limit === "cpu-time") || /did not finish within/.test(whyNot(ours));
  if (ours.status !== "pass" && timedOut) {
    // A time limit on a busy machine says little about the reference: graded once more.
    const again = await safeGrade(grade, inMode(imported.mode), exercise.solution);
    if (again.status === "pass") imported.notes.push(`the reference reached a time limit once (${whyNot(ours)}) and passed when graded again: a busy machine, or a slow reference`);
    ours = again;
  }
  if (ours.status !== "pass") return `the reference solution does not pass its tests: ${whyNot(ours)}`;
  imported.verified = true;
  imported.skippedTests = ours.tests.filter((t) => t.status === "skip").map((t) => t.name);
  if (starter[imported.mode].status === "pass") imported.notes.push("the starter passes the tests as given, so it is not a bad solution");
  else imported.bad.push("bad/starter.py");
  return undefined;
}

async function safeGrade(grade: GradeForImport, exercise: FunctionExercise, source: string): Promise<GradeReport> {
  try {
    return await grade(exercise, source);
  } catch (error) {
    if (error instanceof RoadworkError && (error.code === "SANDBOX_UNAVAILABLE" || error.code === "INFRASTRUCTURE")) throw error;
    return { version: 3, status: "error", message: error instanceof Error ? error.message : String(error), tests: [] };
  }
}

function whyNot(report: GradeReport): string {
  const test = report.tests.find((t) => t.status === "fail" || t.status === "error");
  const message = test?.message ?? report.message ?? report.status;
  return `${test === undefined ? "" : `${test.name}: `}${message.split("\n")[0] ?? ""}`;
}

async function writeConfig(dir: string, exercise: ExercismExercise, files: ExercismFiles, title: string, mode: ExerciseMode, step: string | undefined, hint: string | undefined, support: string[]): Promise<void> {
  const config: Record<string, unknown> = { id: exercise.slug, title };
  if (step !== undefined) config.step = step;
  config.kind = "function";
  if (exercise.difficulty !== undefined) config.difficulty = Math.min(5, Math.max(1, Math.ceil(exercise.difficulty / 2)));
  config.mode = mode;
  if (support.length > 0) config.support_files = support;
  config.source = "exercism/python";
  if (hint !== undefined) config.hints = [hint];
  const header = `# Imported from Exercism's Python track: ${exercise.label} (stub ${files.stub}, tests ${files.test}, reference ${files.reference}).\n`;
  await writeFile(join(dir, "exercise.yaml"), header + stringify(config));
}

function titleFromSlug(slug: string): string {
  return slug
    .split("-")
    .filter((word) => word !== "")
    .map((word, i) => (i === 0 || !SMALL_WORDS.has(word) ? word.charAt(0).toUpperCase() + word.slice(1) : word))
    .join(" ");
}

const SMALL_WORDS = new Set(["a", "an", "and", "as", "at", "in", "of", "on", "or", "the", "to"]);
