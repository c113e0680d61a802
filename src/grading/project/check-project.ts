/**
 * The content check for a project: every reference app passes every stage, and every bad app
 * passes the stages before its `fails_at` and fails exactly there. A project whose bad apps
 * pass, or fail too early, has tests that do not test what they claim; so has one whose only
 * failure is that it never started, unless that is its point (see bad-app-proof.ts).
 */
import type { Framework, Project } from "../../content/project.js";
import { isRoadworkError } from "../../errors.js";
import { silentLog, type Log } from "../../log.js";
import type { GradeReport } from "../report.js";
import { errorReport, failureDetail, killedUnexplained } from "../report-values.js";
import type { Sandbox } from "../sandbox/types.js";
import { badAppProblem } from "./bad-app-proof.js";
import { materializePatchedApp } from "./patched-app.js";
import { testProject, type TestProjectOptions } from "./test-project.js";

export interface ProjectCheckOutcome {
  kind: "reference" | "bad" | "starter";
  framework: Framework;
  /** The app folder (or, for a bad app written as a patch, the .patch file), absolute. */
  dir: string;
  ok: boolean;
  /** What went wrong, in one sentence, when not ok. */
  problem?: string;
  /**
   * When not ok, what the app did: the failing check's own message (for an app that never
   * started, its log's last lines). The sentence names the check; this shows the cause.
   */
  detail?: string;
  report: GradeReport;
}

export interface CheckProjectOptions {
  /** Apps tested at once; each is its own sandbox run with its own data and ports. Default 2. */
  concurrency?: number;
  /** Runs one app's stages; the real runner unless a test stands in for it. */
  testProject?: (options: TestProjectOptions) => Promise<GradeReport>;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir). */
  postgresDir?: string;
  /** Where an app graded a second time (see runApp) is told; default silentLog. */
  log?: Log;
}

export async function checkProject(project: Project, sandbox: Sandbox, options: CheckProjectOptions = {}): Promise<ProjectCheckOutcome[]> {
  const jobs: Array<() => Promise<ProjectCheckOutcome>> = [];
  const runner = options.testProject ?? testProject;
  const run = (each: TestProjectOptions): Promise<GradeReport> => runner(options.postgresDir === undefined ? each : { ...each, postgresDir: options.postgresDir });
  /**
   * One app through its stages; once more when the outcome is wrong only after its app was
   * killed by SIGKILL that no limit explains: something outside the run may have sent it, so
   * that run proves nothing either way. An app that really dies so dies again, and is reported.
   */
  const runApp = async (each: TestProjectOptions, holds: (report: GradeReport) => boolean): Promise<GradeReport> => {
    const report = await reportOrContentProblem(() => run(each));
    if (holds(report) || !killedUnexplained(report, /stopped by signal SIGKILL/)) return report;
    (options.log ?? silentLog).warn({ project: project.id, app: each.appDir }, "an app was killed by a signal no limit explains; testing it once more");
    return reportOrContentProblem(() => run(each));
  };
  for (const [framework, dir] of Object.entries(project.references) as Array<[Framework, string]>) {
    jobs.push(async () => {
      const report = await runApp({ sandbox, project, appDir: dir }, (r) => r.status === "pass");
      const outcome: ProjectCheckOutcome = { kind: "reference", framework, dir, ok: report.status === "pass", report };
      if (!outcome.ok) withCause(outcome, `the ${framework} reference ${describe(report)}; a reference must pass every stage`);
      return outcome;
    });
  }
  for (const [framework, dir] of Object.entries(project.starters ?? {}) as Array<[Framework, string]>) {
    jobs.push(async () => {
      const report = await reportOrContentProblem(() => run({ sandbox, project, appDir: dir }));
      // Like an exercise's starter: one that passes would give learners the project for nothing.
      const outcome: ProjectCheckOutcome = { kind: "starter", framework, dir, ok: report.status === "fail", report };
      if (!outcome.ok) withCause(outcome, `the ${framework} starter ${describe(report)}; a starter must fail some stage`);
      return outcome;
    });
  }
  for (const bad of project.bad) {
    jobs.push(async () => {
      let patched: Awaited<ReturnType<typeof materializePatchedApp>> | undefined;
      try {
        patched = bad.patch === undefined ? undefined : await materializePatchedApp(bad.dir, bad.patch);
      } catch (error) {
        // A patch that no longer applies is this bad app's problem, named by its file.
        if (!isRoadworkError(error) || error.code !== "CONTENT_INVALID") throw error;
        const report = errorReport(`the bad app could not be made: ${error.toString()}`);
        return { kind: "bad", framework: bad.framework, dir: bad.patch ?? bad.dir, ok: false, problem: error.toString(), report };
      }
      let report: GradeReport;
      try {
        report = await runApp({ sandbox, project, appDir: patched?.dir ?? bad.dir, upToStage: bad.failsAt }, (r) => badAppProblem(r, bad) === undefined);
      } finally {
        await patched?.remove();
      }
      const problem = badAppProblem(report, bad);
      const outcome: ProjectCheckOutcome = { kind: "bad", framework: bad.framework, dir: bad.patch ?? bad.dir, ok: problem === undefined, report };
      if (problem !== undefined) withCause(outcome, problem);
      return outcome;
    });
  }
  return runAll(jobs, Math.max(1, options.concurrency ?? 2));
}

/**
 * A broken stage (CONTENT_INVALID) is what the content check exists to find: it becomes this
 * app's outcome, an error report naming the file and line. A machine fault still throws.
 */
async function reportOrContentProblem(run: () => Promise<GradeReport>): Promise<GradeReport> {
  try {
    return await run();
  } catch (error) {
    if (isRoadworkError(error) && error.code === "CONTENT_INVALID") return errorReport(`the project is broken: ${error.toString()}`);
    throw error;
  }
}

/** Runs the jobs with at most `limit` at once; results in the jobs' order. */
async function runAll<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      if (job) results[index] = await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

function withCause(outcome: ProjectCheckOutcome, problem: string): void {
  outcome.problem = problem;
  const detail = failureDetail(outcome.report);
  if (detail !== undefined) outcome.detail = detail;
}

function describe(report: GradeReport): string {
  if (report.status === "pass") return `passes every stage up to ${report.stage ?? "?"}`;
  if (report.status === "error") return `could not be tested (${report.message ?? "error"})`;
  const failed = report.tests.find((test) => test.status !== "pass");
  return `fails at stage ${report.failed_stage ?? "?"}${failed ? ` ("${failed.name}")` : ""}`;
}
