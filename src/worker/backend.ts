/**
 * What grading offers the job boundary: an exercise or a project folder in, a GradeReport
 * out, each test's result handed to the sink as soon as it is known. The real one is built
 * on the sandbox (createSandboxBackend); tests may fake it. A backend throws when grading
 * itself breaks down; gradeJob decides what that means.
 */
import type { Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import type { GradeReport } from "../grading/report.js";
import type { ResultSink } from "./sink.js";

export interface GradingBackend {
  gradeExercise(exercise: Exercise, source: string, opts: { signal: AbortSignal; sink: ResultSink }): Promise<GradeReport>;
  testProject(project: Project, appDir: string, opts: { sink: ResultSink }): Promise<GradeReport>;
  close(): Promise<void>;
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
    gradeExercise: (exercise, source, { signal, sink }) => {
      let index = 0;
      const opts = { signal, onTest: (test: Parameters<ResultSink["test"]>[1]) => sink.test(index++, test) };
      return warm ? warm.grade(exercise, source, opts) : exercises.gradeSubmission(exercise, source, { sandbox, ...opts });
    },
    testProject: (project, appDir, { sink }) => {
      let index = 0;
      return projects.testProject({
        sandbox,
        project,
        appDir,
        onProgress: (event) => {
          if (event.kind === "stage-end") for (const test of event.tests) sink.test(index++, test);
        },
      });
    },
    async close() {
      await warm?.close();
      await sandbox.close();
    },
  };
}
