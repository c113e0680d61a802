/**
 * `roadwork grade EXERCISE_DIR SOLUTION_FILE [--json]`: grades one submission in the sandbox.
 * Exit code 0 pass, 1 fail, 2 error. Everything heavy is imported inside the action, so the
 * command starts fast (bench/grade.mjs measures it).
 */
import type { Command } from "commander";
import type { GradeReport, TestResult, TestStatus } from "../../grading/report.js";
import type { GradingFailure, JobOutcome } from "../../worker/outcome.js";
import { explanationLines } from "../explanation-text.js";
import { terminalText } from "../terminal-text.js";

export function register(program: Command): void {
  program
    .command("grade")
    .description("grade one submission of an exercise in the sandbox (exit code 0 pass, 1 fail, 2 error)")
    .argument("<exercise-dir>", "the exercise folder (with exercise.yaml)")
    .argument("<solution-file>", "the learner's solution (solution.py, or solution.sql for sql exercises)")
    .option("--json", "print the GradeReport as JSON")
    .action(async (exerciseDir: string, solutionFile: string, options: { json?: boolean }) => {
      process.exitCode = await grade(exerciseDir, solutionFile, options.json === true);
    });
}

export interface GradeFastOptions {
  /**
   * False when the code that grades was built from older sources than the checkout holds:
   * the report is then dropped, and the caller (bin/roadwork.cjs) rebuilds and grades again.
   * Looking at every source file costs milliseconds a cold verdict should not wait for, so
   * it is asked while the sandboxed processes start (this thread then only waits for
   * Python), or at the latest before the report is printed.
   */
  buildIsCurrent?: () => boolean;
}

/**
 * The fast path bin/roadwork.cjs and main.ts take for a plain `roadwork grade DIR FILE
 * [--json]`, without loading commander and every other command (tens of milliseconds of a
 * cold verdict). Returns "not-handled", having done nothing, for anything else (options,
 * help, missing or extra arguments): commander then handles it, with its usual messages.
 */
export async function gradeFast(args: readonly string[], options: GradeFastOptions = {}): Promise<"graded" | "not-handled" | "stale-build"> {
  const positional = args.filter((arg) => arg !== "--json");
  const [exerciseDir, solutionFile] = positional;
  if (positional.length !== 2 || exerciseDir === undefined || solutionFile === undefined) return "not-handled";
  if (positional.some((arg) => arg.startsWith("-"))) return "not-handled";
  if (args.length - positional.length > 1) return "not-handled";
  const ask = options.buildIsCurrent;
  let current: boolean | undefined;
  const graded = await gradeReport(exerciseDir, solutionFile, ask === undefined ? undefined : () => (current = ask()));
  if (ask !== undefined && !(current ?? ask())) return "stale-build";
  printReport(graded, args.includes("--json"));
  process.exitCode = exitCode(graded.report.status);
  return "graded";
}

async function grade(exerciseDir: string, solutionFile: string, json: boolean): Promise<number> {
  const graded = await gradeReport(exerciseDir, solutionFile);
  printReport(graded, json);
  return exitCode(graded.report.status);
}

function printReport({ report, failure }: Graded, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : humanReport(report, process.stdout.isTTY === true, failure));
}

/** A verdict, or grading that could not happen, with its code (printed as such, exit code 2). */
type Graded = { report: GradeReport; failure?: GradingFailure };

/** whileRunning: called once the grading's processes have been started. */
async function gradeReport(exerciseDir: string, solutionFile: string, whileRunning?: () => void): Promise<Graded> {
  // Not ../../grading/report.js: its zod schemas cost tens of milliseconds to load.
  const [{ readFile }, { loadExerciseCached }, { gradeSubmission }, { createSandbox }, { createJobGrader }, { sandboxBackend }, { failureOf }, { discardResults }, { RoadworkError }, { gradingConfigFromEnv, sandboxOptions }] = await Promise.all([
    import("node:fs/promises"),
    import("../../grading/exercise/cached-exercise.js"),
    import("../../grading/exercise/index.js"),
    import("../../grading/sandbox/index.js"),
    import("../../worker/grade-job.js"),
    import("../../worker/backend.js"),
    import("../../worker/outcome.js"),
    import("../../worker/sink.js"),
    import("../../errors.js"),
    import("../../grading-config.js"),
  ]);
  const config = gradingConfigFromEnv(process.env);
  let outcome: JobOutcome;
  try {
    const [exercise, source, sandbox] = await Promise.all([
      loadExerciseCached(exerciseDir, { cacheDir: config.exerciseCacheDir }),
      // Bytes: a git exercise's submission is a bundle; the other kinds' is text.
      readFile(solutionFile).catch((error: NodeJS.ErrnoException) => {
        const folder = error.code === "EISDIR" ? ": for a git exercise, grade a bundle (`git bundle create repo.bundle --all` in the repository)" : "";
        throw new RoadworkError("BAD_INPUT", `cannot read ${solutionFile} (${error.code ?? String(error)})${folder}`, { cause: error });
      }),
      createSandbox(sandboxOptions(config)),
    ]);
    const id = exercise.config.id;
    const grader = createJobGrader({ items: { exercise: (wanted) => (wanted === id ? { exercise } : undefined), project: () => undefined }, backend: sandboxBackend({ sandbox, postgresDir: config.postgresDir, gradeExercise: gradeSubmission }) });
    try {
      const grading = grader.gradeJob({ itemKind: "exercise", itemId: id, ...(exercise.kind === "git" ? { source: null, archive: source } : { source: source.toString("utf8") }), archivePath: null }, discardResults);
      // The processes are spawned in the microtasks that follow (their set-up awaits nothing
      // slow), so an immediate comes after them.
      if (whileRunning !== undefined) setImmediate(whileRunning);
      outcome = await grading;
    } finally {
      await grader.close();
    }
  } catch (error) {
    // Loading the exercise, reading the file or starting the sandbox: the same decision as a grading's.
    outcome = { kind: "failure", failure: failureOf(error) };
  }
  if (outcome.kind === "verdict") return { report: outcome.report };
  return { report: { version: 3, status: "error", message: outcome.failure.message, tests: [] }, failure: outcome.failure };
}

/** As exitCodeFor in grading/report.ts: 0 pass, 1 fail, 2 error. */
function exitCode(status: TestStatus): number {
  return status === "pass" ? 0 : status === "fail" ? 1 : 2;
}

/** `failure`: grading could not happen; its code is shown beside ERROR for whoever reports it. */
function humanReport(report: GradeReport, colour: boolean, failure?: GradingFailure): string {
  const paint = (code: string, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const test of report.tests) lines.push(...testLines(test, paint));
  const passed = report.tests.filter((t) => t.status === "pass").length;
  const skipped = report.tests.filter((t) => t.status === "skip").length;
  const ran = report.tests.length - skipped;
  const skippedNote = skipped > 0 ? `, ${skipped} skipped` : "";
  const summary =
    report.status === "pass"
      ? paint("32", `PASS: all ${ran} tests passed${skippedNote}`)
      : report.status === "fail"
        ? paint("31", `FAIL: ${passed} of ${ran} tests passed${skippedNote}`)
        : paint("31", failure === undefined ? "ERROR" : `ERROR (${failure.code})`);
  if (lines.length > 0) lines.push("");
  lines.push(summary + (report.duration_ms !== undefined ? paint("2", ` (${report.duration_ms} ms)`) : ""));
  if (report.message !== undefined) lines.push(terminalText(report.message));
  for (const hit of report.limits_hit ?? []) lines.push(paint("33", `limit: ${terminalText(hit.message)}`));
  if (report.tamper_proof === false) lines.push(paint("33", "note: this verdict is not tamper-proof (compatible mode)"));
  return `${lines.join("\n")}\n`;
}

/** Names, messages and output carry what the submission printed or sent: escaped (terminal-text.ts). */
function testLines(test: TestResult, paint: (code: string, text: string) => string): string[] {
  const name = terminalText(test.name);
  if (test.status === "pass") return [`${paint("32", "✓")} ${name}`];
  // Skipped by the test itself (Exercism's extra credit): named, with its reason, never a failure.
  if (test.status === "skip") return [`${paint("33", "-")} ${name} ${paint("33", `(skipped${test.message === undefined ? "" : `: ${terminalText(test.message.replace(/^skipped: /, ""))}`})`)}`];
  const lines = [`${paint("31", "✗")} ${name}${test.status === "error" ? paint("31", " (error)") : ""}`];
  const indent = (text: string): string[] => terminalText(text).split("\n").map((line) => `    ${line}`);
  if (test.message !== undefined) lines.push(...indent(test.message));
  if (test.explanation !== undefined) lines.push(...explanationLines(test.explanation, "    ", paint));
  if (test.output !== undefined) lines.push(paint("2", "    output:"), ...indent(test.output).map((l) => paint("2", l)));
  return lines;
}

