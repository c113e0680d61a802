/**
 * What grading offers the job boundary: an exercise or a project folder in, a GradeReport
 * out, each test's result handed to the sink as soon as it is known. The real one is built
 * on the sandbox (createSandboxBackend); tests may fake it. A backend throws when grading
 * itself breaks down; gradeJob decides what that means.
 */
import type { Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import { RoadworkError } from "../errors.js";
import { sandboxOptions, type GradingConfig } from "../grading-config.js";
import type { Log } from "../log.js";
import type { GradeReport, TestResult } from "../grading/report.js";
import type { TestProjectOptions } from "../grading/project/test-project.js";
import type { Sandbox } from "../grading/sandbox/types.js";
import type { ResultSink } from "./sink.js";

export interface GradingBackend {
  /** `source`: the learner's file; for a git exercise, the repository's bundle (bytes). */
  gradeExercise(exercise: Exercise, source: string | Buffer, opts: { signal: AbortSignal; sink: ResultSink }): Promise<GradeReport>;
  testProject(project: Project, appDir: string, opts: { sink: ResultSink }): Promise<GradeReport>;
  close(): Promise<void>;
}

/** The grading functions a sandbox backend is made of (the modules' own signatures, loaded by the caller). */
export interface SandboxGrading {
  sandbox: Sandbox;
  gradeExercise: (exercise: Exercise, source: string | Buffer, opts: { sandbox: Sandbox; signal: AbortSignal; onTest: (test: TestResult) => void; postgresDir?: string; log?: Log }) => Promise<GradeReport>;
  testProject?: (opts: TestProjectOptions) => Promise<GradeReport>;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir), passed to every grading. */
  postgresDir?: string;
  /** Closed with the backend (warm processes); the sandbox always is. */
  close?: () => Promise<void>;
  /** Where grading tells the errors it recovers from (a failed clean-up); default: nowhere. */
  log?: Log;
}

/**
 * A backend over a sandbox and the grading modules: the one place where their callbacks
 * (an exercise's onTest, a project's stage-end progress) become the sink's numbered results.
 * The CLI passes the modules it bundles; createSandboxBackend loads them.
 */
export function sandboxBackend(grading: SandboxGrading): GradingBackend {
  const { sandbox } = grading;
  const postgres = grading.postgresDir === undefined ? {} : { postgresDir: grading.postgresDir };
  const log = grading.log === undefined ? {} : { log: grading.log };
  return {
    gradeExercise: (exercise, source, { signal, sink }) => {
      let index = 0;
      return grading.gradeExercise(exercise, source, { sandbox, signal, onTest: (test) => sink.test(index++, test), ...postgres, ...(grading.log === undefined ? {} : { log: grading.log.child({ exercise: exercise.dir }) }) });
    },
    testProject: (project, appDir, { sink }) => {
      if (grading.testProject === undefined) return Promise.reject(new RoadworkError("INTERNAL", "this backend grades exercises only"));
      let index = 0;
      return grading.testProject({
        sandbox,
        ...postgres,
        ...log,
        project,
        appDir,
        onProgress: (event) => {
          if (event.kind === "stage-end") for (const test of event.tests) sink.test(index++, test);
        },
      });
    },
    async close() {
      await grading.close?.();
      await sandbox.close();
    },
  };
}

/**
 * The real backend: one sandbox for the process, and `warm` function-exercise process pairs
 * started ahead of time so that a submission does not wait for Python to start.
 */
export async function createSandboxBackend(options: { warm: number; grading: GradingConfig; log?: Log }): Promise<GradingBackend> {
  const [{ createSandbox }, exercises, { createWarmGrader }, projects] = await Promise.all([import("../grading/sandbox/index.js"), import("../grading/exercise/index.js"), import("../grading/exercise/warm.js"), import("../grading/project/index.js")]);
  const sandbox = await createSandbox({ ...sandboxOptions(options.grading), ...(options.log === undefined ? {} : { log: options.log.child({ component: "sandbox" }) }) });
  const gradingLog = options.log?.child({ component: "grading" });
  const warm = options.warm > 0 ? createWarmGrader({ sandbox, size: options.warm, ...(gradingLog === undefined ? {} : { log: gradingLog }) }) : undefined;
  return sandboxBackend({
    ...(gradingLog === undefined ? {} : { log: gradingLog }),
    sandbox,
    postgresDir: options.grading.postgresDir,
    gradeExercise: (exercise, source, opts) => (warm && typeof source === "string" ? warm.grade(exercise, source, opts) : exercises.gradeSubmission(exercise, source, opts)),
    testProject: (opts) => projects.testProject(opts),
    close: async () => await warm?.close(),
  });
}
