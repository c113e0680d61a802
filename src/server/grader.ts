/**
 * The Grader the workers use: finds the exercise or project of a job in the loaded tracks
 * and hands it to grading (the exercise grader, warm when possible, or the project
 * runner), forwarding test results as they become known for live results.
 */
import type { Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import { errorReport, type GradeReport, type TestResult } from "../grading/report.js";
import type { GradeContext, GradeJob, Grader } from "../queue/grader.js";
import type { Catalog } from "./catalog.js";

/** What grading offers; the real one is built on the sandbox (createSandboxBackend), tests may fake it. */
export interface GradingBackend {
  gradeExercise(exercise: Exercise, source: string, opts: { signal: AbortSignal; onTest: (test: TestResult) => void }): Promise<GradeReport>;
  testProject(project: Project, appDir: string, opts: { onStageTests: (tests: readonly TestResult[]) => void }): Promise<GradeReport>;
  close(): Promise<void>;
}

export class TrackGrader implements Grader {
  constructor(
    private readonly catalog: Catalog,
    private readonly backend: GradingBackend,
  ) {}

  async grade(job: GradeJob, context: GradeContext): Promise<GradeReport> {
    const known: TestResult[] = [];
    if (job.itemKind === "exercise") {
      const entry = this.catalog.exercise(job.itemId);
      if (entry === undefined) return errorReport(`The exercise "${job.itemId}" is not part of the tracks this grader has loaded.`);
      if (job.source === null) return errorReport("This submission holds no source code.");
      return this.backend.gradeExercise(entry.exercise, job.source, {
        signal: context.signal,
        onTest: (test) => {
          known.push(test);
          context.onTests(known);
        },
      });
    }
    const entry = this.catalog.project(job.itemId);
    if (entry === undefined) return errorReport(`The project "${job.itemId}" is not part of the tracks this grader has loaded.`);
    if (job.archivePath === null) return errorReport("This submission holds no uploaded project.");
    return this.backend.testProject(entry.project, job.archivePath, {
      onStageTests: (tests) => {
        known.push(...tests);
        context.onTests(known);
      },
    });
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/**
 * The real backend: one sandbox for the process, and `warm` function-exercise process pairs
 * started ahead of time so that a submission does not wait for Python to start.
 */
export async function createSandboxBackend(options: { warm: number }): Promise<GradingBackend> {
  const [{ createSandbox }, exercises, projects] = await Promise.all([import("../grading/sandbox/index.js"), import("../grading/exercise/index.js"), import("../grading/project/index.js")]);
  const sandbox = await createSandbox();
  const warm = options.warm > 0 ? exercises.createWarmGrader({ sandbox, size: options.warm }) : undefined;
  return {
    gradeExercise: (exercise, source, opts) => (warm ? warm.grade(exercise, source, opts) : exercises.gradeSubmission(exercise, source, { sandbox, ...opts })),
    testProject: (project, appDir, opts) =>
      projects.testProject({
        sandbox,
        project,
        appDir,
        onProgress: (event) => {
          if (event.kind === "stage-end") opts.onStageTests(event.tests);
        },
      }),
    async close() {
      await warm?.close();
      await sandbox.close();
    },
  };
}
