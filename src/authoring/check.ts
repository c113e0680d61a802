/**
 * `roadwork content check`: proves that content grades the way its author meant. For every
 * exercise the reference solution must pass, the starter must not, and every file in bad/
 * must fail a test (see bad-intent.ts); for every
 * project, the project runner's own check (references pass every stage, each bad app fails
 * at the stage it names). Problems in the files themselves come back with file and line.
 */
import { join, relative } from "node:path";
import { isMachineFault, RoadworkError } from "../errors.js";
import { silentLog, type Log } from "../log.js";
import type { GradeReport } from "../grading/report.js";
import { failureDetail, killedUnexplained } from "../grading/report-values.js";
import type { Sandbox } from "../grading/sandbox/types.js";
import { badFailureProblem, badIntent } from "./bad-intent.js";
import { checkReadmeExamples, examplesToCheck } from "./readme-examples.js";
import { failsTurnedIntoPasses, modeDifferences } from "./mode-differences.js";
import type { RunExamples } from "../content/examples.js";
import { solutionFileName, type Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import { selectContent, type ContentSelection } from "./selection.js";

export { selectContent, type ContentSelection } from "./selection.js";

/** One verdict the content promises: this file passes, or this file fails. */
export interface CheckOutcome {
  kind: "exercise" | "project";
  /** The exercise or project id. */
  id: string;
  /** What was graded, as a learner-facing name: "solution.py", "bad/off-by-one.py", "flask reference". */
  subject: string;
  /** Where it is on disk, for the educator. */
  file: string;
  expected: "pass" | "fail";
  /** What grading said; "error" also covers a grading that could not run at all. */
  status: "pass" | "fail" | "error";
  ok: boolean;
  /** One line on what went wrong, when ok is false. */
  message?: string;
  /** When ok is false, the cause in the grader's words: the failing test's message or the app's log tail. */
  detail?: string;
  report?: GradeReport;
}

export interface ContentCheckProgress {
  done: number;
  total: number;
  outcomes: CheckOutcome[];
  /** The exercise or project whose check just ended. */
  label: string;
}

export interface ContentCheckResult {
  problems: RoadworkError[];
  outcomes: CheckOutcome[];
  /** True when there is no problem and every outcome holds. */
  ok: boolean;
}

/** The grader's entry point, as this module uses it (src/grading/exercise/index.ts). */
export type GradeSubmission = (exercise: Exercise, source: string, options: { sandbox: Sandbox; postgresDir?: string }) => Promise<GradeReport>;

/**
 * The project runner's check (src/grading/project/index.ts). Its result is read loosely
 * (see projectOutcomes) so that this module does not freeze the runner's report shape.
 */
export type CheckProject = (project: Project, sandbox: Sandbox, options?: { postgresDir?: string; log?: Log }) => Promise<unknown>;

export interface ContentCheckOptions {
  sandbox: Sandbox;
  onProgress?: (progress: ContentCheckProgress) => void;
  /** How many exercise gradings run at once. Default 2, one per core of the reference machine. */
  concurrency?: number;
  /** How many project apps are tested at once. Default twice `concurrency`: apps mostly wait. */
  projectConcurrency?: number;
  /** Injected in tests; by default the real grader and project runner are imported. */
  gradeSubmission?: GradeSubmission;
  checkProject?: CheckProject;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir). */
  postgresDir?: string;
  /**
   * Also grade each tamper-proof function exercise's reference, starter and bad solutions in
   * compatible mode (in-process, as pytest runs tests): a test that passes tamper-proof but
   * fails in-process is a fail turned into a pass, reported as wrong.
   */
  bothModes?: boolean;
  /** Where a grading that broke down (and was tried again) is told; default silentLog. */
  log?: Log;
}

function postgresOf(options: ContentCheckOptions): { postgresDir?: string } {
  return options.postgresDir === undefined ? {} : { postgresDir: options.postgresDir };
}

export async function checkContent(path: string, options: ContentCheckOptions): Promise<ContentCheckResult> {
  return checkSelection(await selectContent(path), options);
}

/** Grades what selectContent loaded; the CLI calls the two apart to show problems first. */
export async function checkSelection(selection: ContentSelection, options: ContentCheckOptions): Promise<ContentCheckResult> {
  /** `stages`: how many stages a project task runs at most, to start the longest first. */
  const tasks: Array<{ kind: "exercise" | "project"; label: string; stages?: number; run: () => Promise<CheckOutcome[]> }> = [];
  let closeGrader = (): Promise<void> => Promise.resolve();
  if (selection.exercises.length > 0) {
    let gradeWith: GradeSubmission;
    if (options.gradeSubmission !== undefined) gradeWith = options.gradeSubmission;
    else {
      // The batch grader holds the sandbox (and its harness server) itself.
      const batch = (await importGrader())(options.sandbox, options.log);
      closeGrader = () => batch.close();
      gradeWith = (exercise, source, { sandbox: _held, ...each }) => batch.grade(exercise, source, each);
    }
    const grade: GradeSubmission = (exercise, source, each) => gradeWith(exercise, source, { ...each, ...postgresOf(options) });
    const context: GradeContext = { grade, sandbox: options.sandbox, bothModes: options.bothModes === true, log: options.log ?? silentLog };
    for (const exercise of selection.exercises) {
      tasks.push({ kind: "exercise", label: exercise.config.id, run: async () => [await gradeOne(exercise, "reference", context)] });
      tasks.push({ kind: "exercise", label: exercise.config.id, run: async () => [await gradeOne(exercise, "starter", context)] });
      for (const bad of exercise.bad) {
        tasks.push({ kind: "exercise", label: exercise.config.id, run: async () => [await gradeOne(exercise, bad, context)] });
      }
      const examples = examplesToCheck(exercise);
      if (examples !== null) tasks.push({ kind: "exercise", label: exercise.config.id, run: async () => [await examplesOutcome(exercise, examples, options.sandbox)] });
    }
  }
  if (selection.projects.length > 0) {
    const checkWith = options.checkProject ?? (await importProjectRunner());
    const check: CheckProject = (project, sandbox) => checkWith(project, sandbox, { ...postgresOf(options), ...(options.log === undefined ? {} : { log: options.log }) });
    for (const project of selection.projects) {
      for (const part of projectParts(project)) {
        tasks.push({ kind: "project", label: project.id, stages: stagesRun(part), run: () => checkOneProject(part, check, options.sandbox) });
      }
    }
  }

  const outcomes: CheckOutcome[][] = [];
  let done = 0;
  const runTasks = (indexes: number[], limit: number): Promise<void> =>
    runPool(indexes, limit, async (i) => {
      const task = tasks[i] as (typeof tasks)[number];
      outcomes[i] = await task.run();
      done += 1;
      options.onProgress?.({ done, total: tasks.length, outcomes: outcomes[i], label: task.label });
    });
  // Exercises compute: one at a time per core. Project apps mostly wait (on their start, on
  // HTTP, on their database), so twice as many run at once by default, and the two pools run
  // side by side: the exercises fill the cores the waiting apps leave idle.
  const concurrency = options.concurrency ?? 2;
  const exercises = (async () => {
    try {
      await runTasks(tasks.flatMap((task, i) => (task.kind === "exercise" ? [i] : [])), concurrency);
    } finally {
      await closeGrader();
    }
  })();
  // The apps that run the most stages start first, so that the check does not end on a few
  // long ones running alone with the cores idle (results keep the tasks' order all the same).
  const projectTasks = tasks.flatMap((task, i) => (task.kind === "project" ? [i] : [])).sort((a, b) => (tasks[b]?.stages ?? 0) - (tasks[a]?.stages ?? 0));
  const projects = runTasks(projectTasks, options.projectConcurrency ?? concurrency * 2);
  // Both pools finish before a failure of either is thrown: no task is left running.
  const settled = await Promise.allSettled([exercises, projects]);
  for (const outcome of settled) if (outcome.status === "rejected") throw outcome.reason;
  const flat = outcomes.flat();
  return { problems: selection.problems, outcomes: flat, ok: selection.problems.length === 0 && flat.every((outcome) => outcome.ok) };
}

type Subject = "reference" | "starter" | { name: string; source: string };

interface GradeContext {
  grade: GradeSubmission;
  sandbox: Sandbox;
  bothModes: boolean;
  log: Log;
}

async function gradeOne(exercise: Exercise, which: Subject, { grade, sandbox, bothModes, log }: GradeContext): Promise<CheckOutcome> {
  const reference = which === "reference";
  // A tests exercise keeps its reference test file as solution.py; the learner's is test_<module>.py.
  const referenceFile = exercise.kind === "tests" ? "solution.py" : solutionFileName(exercise.config.kind);
  const subject = reference ? referenceFile : which === "starter" ? referenceFile.replace("solution", "starter") : `bad/${which.name}`;
  const source = reference ? exercise.solution : which === "starter" ? exercise.starter : which.source;
  const base = { kind: "exercise" as const, id: exercise.config.id, subject, file: join(exercise.dir, subject), expected: reference ? ("pass" as const) : ("fail" as const) };
  const gradeOnce = async (): Promise<GradeReport> =>
    // A machine fault is tried once more, as the queue retries it for a learner.
    grade(exercise, source, { sandbox }).catch((error: unknown) => {
      if (!isMachineFault(error)) throw error;
      log.warn({ err: error, exercise: exercise.config.id, subject }, "a grading broke down on this machine; trying it once more");
      return grade(exercise, source, { sandbox });
    });
  const judged = (report: GradeReport): CheckOutcome => {
    const outcome: CheckOutcome = { ...base, status: report.status, ok: true, report };
    const problem = reference ? referenceProblem(report) : which === "starter" ? starterProblem(report) : badFailureProblem(report, badIntent(source));
    if (problem !== undefined) Object.assign(outcome, { ok: false, message: `${subject} ${problem}` });
    return outcome;
  };
  let report: GradeReport;
  let outcome: CheckOutcome;
  try {
    report = await gradeOnce();
    outcome = judged(report);
    if (!outcome.ok && killedUnexplained(report, /\bwas killed by SIG[A-Z]+/)) {
      // Killed by a signal that no limit of the run explains: something outside the run may
      // have sent it, so that grading proves nothing either way. One more says what the code does.
      log.warn({ exercise: exercise.config.id, subject, message: outcome.message }, "a run was killed by a signal no limit explains; grading it once more");
      report = await gradeOnce();
      outcome = judged(report);
    }
  } catch (error) {
    // A grading that throws proves nothing either way, so it never counts as holding.
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, status: "error", ok: false, message: `${subject} could not be graded: ${message}` };
  }
  if (outcome.ok && bothModes && exercise.kind === "function" && exercise.config.mode === "tamper-proof") {
    const turned = await turnedIntoPasses(exercise, source, report, grade, sandbox);
    if (turned.length > 0) {
      Object.assign(outcome, { ok: false, message: `${subject} passes a test tamper-proof that it fails when the tests run in its own process, as pytest runs them (${turned.join("; ")}): set mode: compatible, or make the test compare returned values` });
    }
  }
  const detail = outcome.ok ? undefined : failureDetail(report);
  if (detail !== undefined) outcome.detail = detail;
  return outcome;
}

/** The README examples Run tries: the reference must give what they show. */
async function examplesOutcome(exercise: Exercise, examples: RunExamples, sandbox: Sandbox): Promise<CheckOutcome> {
  const base = { kind: "exercise" as const, id: exercise.config.id, subject: "README.md examples", file: join(exercise.dir, "README.md"), expected: "pass" as const };
  try {
    const { status, message, detail } = await checkReadmeExamples(exercise, examples, sandbox);
    return { ...base, status, ok: status === "pass", ...(message === undefined ? {} : { message }), ...(detail === undefined ? {} : { detail }) };
  } catch (error) {
    return { ...base, status: "error", ok: false, message: `README.md: the examples could not be run: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * The tests that `source` passes tamper-proof but fails in compatible mode. A difference is
 * graded again, both ways, and reported only when it shows again: a test that draws random
 * values can differ between two gradings by chance, and a real difference does not go away.
 */
async function turnedIntoPasses(exercise: Exercise & { kind: "function" }, source: string, tamperProof: GradeReport, grade: GradeSubmission, sandbox: Sandbox): Promise<string[]> {
  const first = await modeDifferencesOnce(exercise, source, tamperProof, grade, sandbox);
  if (first.length === 0) return [];
  let again: GradeReport;
  try {
    again = await grade(exercise, source, { sandbox });
  } catch {
    return first; // the first pair of gradings stands
  }
  const second = new Set(await modeDifferencesOnce(exercise, source, again, grade, sandbox));
  return first.filter((difference) => second.has(difference));
}

async function modeDifferencesOnce(exercise: Exercise & { kind: "function" }, source: string, tamperProof: GradeReport, grade: GradeSubmission, sandbox: Sandbox): Promise<string[]> {
  let compatible: GradeReport;
  try {
    compatible = await grade({ ...exercise, config: { ...exercise.config, mode: "compatible" } }, source, { sandbox });
  } catch {
    return []; // the tamper-proof verdict stands; a grading that could not run proves nothing
  }
  // In compatible mode the tests' own work counts against the solution's time limits: a test
  // stopped there by a time limit says nothing of how the modes judge it.
  const timeLimits = (compatible.limits_hit ?? []).filter((hit) => hit.limit === "cpu-time" || hit.limit === "wall-time").map((hit) => hit.message);
  const stopped = new Set(compatible.tests.filter((test) => test.status !== "pass" && timeLimits.some((text) => test.message?.includes(text) === true)).map((test) => test.name));
  return failsTurnedIntoPasses(modeDifferences({ "tamper-proof": tamperProof, compatible })).filter((difference) => ![...stopped].some((name) => difference.startsWith(`${name} `)));
}

function referenceProblem(report: GradeReport): string | undefined {
  return report.status === "pass" ? undefined : `(the reference) ${report.status === "fail" ? "failed" : "ended in an error"} but should pass${whyNot(report)}`;
}

/** A starter that passes would hand learners the step for nothing. */
function starterProblem(report: GradeReport): string | undefined {
  return report.status === "pass" ? `(the starter) passes every test: a learner would pass without writing anything` : undefined;
}

/** ": test_x: message" for the first test that did not pass, or the report's message. */
function whyNot(report: GradeReport): string {
  const test = report.tests.find((t) => t.status === "fail" || t.status === "error");
  if (test !== undefined) return `: ${test.name}${test.message === undefined ? "" : `: ${firstLine(test.message)}`}`;
  return report.message === undefined ? "" : `: ${firstLine(report.message)}`;
}

/**
 * One project per app (each reference, each bad app), so that apps are checked two at a
 * time like exercises, and progress moves once per app rather than once per project.
 */
function projectParts(project: Project): Project[] {
  const { starters, ...rest } = project;
  const references = Object.entries(project.references).map(([framework, dir]) => ({ ...rest, references: { [framework]: dir }, bad: [] }));
  const bad = project.bad.map((app) => ({ ...rest, references: {}, bad: [app] }));
  const starterParts = Object.entries(starters ?? {}).map(([framework, dir]) => ({ ...rest, references: {}, bad: [], starters: { [framework]: dir } }));
  const parts = [...references, ...starterParts, ...bad];
  return parts.length > 0 ? parts : [project];
}

/** The most stages one part of a project's check runs: every stage for a reference or a starter, up to its own for a bad app. */
function stagesRun(part: Project): number {
  return Math.max(0, ...part.bad.map((app) => app.failsAt), Object.keys(part.references).length + Object.keys(part.starters ?? {}).length > 0 ? part.stages.length : 0);
}

async function checkOneProject(project: Project, check: CheckProject, sandbox: Sandbox): Promise<CheckOutcome[]> {
  try {
    return projectOutcomes(project, await check(project, sandbox));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ kind: "project", id: project.id, subject: "project", file: project.file, expected: "pass", status: "error", ok: false, message: `the project could not be checked: ${message}` }];
  }
}

/**
 * Reads the project runner's result: a list of outcomes ({kind: "reference" | "bad",
 * framework, dir, ok, problem?, report}), an object holding one (`outcomes`), or a single
 * verdict with `ok`. Read loosely, so that a new field there breaks nothing here.
 */
export function projectOutcomes(project: Project, result: unknown): CheckOutcome[] {
  const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
  const top = record(result);
  const list = Array.isArray(result) ? result : Array.isArray(top.outcomes) ? top.outcomes : [result];
  return list.map((item): CheckOutcome => {
    const entry = record(item);
    const text = (key: string): string | undefined => (typeof entry[key] === "string" ? entry[key] : undefined);
    const report = record(entry.report);
    const graded = report.status ?? entry.status;
    const ok = entry.ok === true;
    const status = graded === "pass" || graded === "fail" || graded === "error" ? graded : ok ? "pass" : "fail";
    const dir = text("dir");
    const app = dir === undefined ? undefined : relative(project.dir, dir) || ".";
    const framework = text("framework");
    const bad = entry.kind === "bad";
    const starter = entry.kind === "starter";
    const subject = bad
      ? `bad app ${app ?? "?"}${framework === undefined ? "" : ` (${framework})`}`
      : entry.kind === "reference"
        ? `${framework ?? "the"} reference`
        : starter
          ? `${framework ?? "the"} starter ${app ?? ""}`.trimEnd()
          : (text("subject") ?? "project");
    const outcome: CheckOutcome = { kind: "project", id: project.id, subject, file: dir ?? project.file, expected: bad || starter ? "fail" : "pass", status, ok };
    if (entry.report !== undefined) outcome.report = entry.report as GradeReport;
    if (!ok) outcome.message = `${subject}: ${text("problem") ?? text("message") ?? "did not grade as expected"}`;
    const detail = text("detail");
    if (!ok && detail !== undefined) outcome.detail = detail;
    return outcome;
  });
}

// Loaded on first use, so that checking exercises does not load the project runner (and
// the other way round).
async function importGrader(): Promise<typeof import("../grading/exercise/index.js").startBatchGrading> {
  try {
    return (await import("../grading/exercise/index.js")).startBatchGrading;
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `the exercise grader cannot be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function importProjectRunner(): Promise<CheckProject> {
  try {
    return (await import("../grading/project/index.js")).checkProject;
  } catch (error) {
    throw new RoadworkError("INFRASTRUCTURE", `the project runner cannot be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** Runs `work` over `items` with at most `limit` at once; keeps going when one fails. */
async function runPool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
