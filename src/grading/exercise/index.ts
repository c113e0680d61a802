/**
 * Grading of exercises: a submission in, a GradeReport out. Function exercises run
 * tamper-proof (trusted harness, solution in its own sandboxed process) unless the exercise
 * asks for compatible mode; program and sql exercises run the learner's code per case; tests
 * exercises run the learner's tests once per version of the code under test.
 */
import type { Exercise } from "../../content/exercise.js";
import type { GradeReport, TestResult } from "../report.js";
import { addExplanations } from "../explain/index.js";
import type { Log } from "../../log.js";
import type { Sandbox } from "../sandbox/types.js";
import { sandboxLimitsFor } from "./limits.js";
import { runFunctionSession } from "./session.js";
import { spawnFunctionProcesses } from "./spawn.js";

export interface GradeOptions {
  sandbox: Sandbox;
  signal?: AbortSignal;
  /** Called with each test's result as soon as it is known (the server shows them live). */
  onTest?: (test: TestResult) => void;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir), for engine: postgresql. */
  postgresDir?: string;
  /** Where errors grading recovers from are told (a failed clean-up); default: nowhere (the CLI, library use). */
  log?: Log;
}

/** The largest value the solution may send back in one message. */
export const MESSAGE_LIMIT = 4 * 1024 * 1024;

/** Grades, then adds the beginner explanations once, so the CLI, the API and the web all get them. */
/**
 * `source` is the learner's file as text; for a git exercise it is the repository, a bundle's
 * bytes (or a fast-import stream, as text).
 */
export async function gradeSubmission(exercise: Exercise, source: string | Buffer, opts: GradeOptions): Promise<GradeReport> {
  if (exercise.kind === "git") {
    const { gradeGit } = await import("./git-kind.js");
    return gradeGit(exercise, source, { ...opts, limits: sandboxLimitsFor(exercise.config.limits) });
  }
  const text = typeof source === "string" ? source : source.toString("utf8");
  return addExplanations(await gradeRaw(exercise, text, opts), exercise.kind === "tests" ? undefined : text);
}

async function gradeRaw(exercise: Exclude<Exercise, { kind: "git" }>, source: string, opts: GradeOptions): Promise<GradeReport> {
  const limits = sandboxLimitsFor(exercise.config.limits);
  switch (exercise.kind) {
    case "function": {
      if (exercise.config.mode === "compatible") {
        const { gradeCompatible } = await import("./compat.js");
        return gradeCompatible(exercise, source, { ...opts, limits });
      }
      const procs = spawnFunctionProcesses(opts.sandbox, limits);
      return runFunctionSession(exercise.tests, source, procs, { limits, messageLimit: MESSAGE_LIMIT, ...optional(opts), ...(exercise.support ? { support: exercise.support } : {}) });
    }
    case "program": {
      const { gradeProgram } = await import("./program.js");
      return gradeProgram(exercise, source, { ...opts, limits });
    }
    case "sql": {
      const { gradeSql } = await import("./sql.js");
      return gradeSql(exercise, source, { ...opts, limits });
    }
    case "tests": {
      const { gradeTests } = await import("./tests-kind.js");
      return gradeTests(exercise, source, { ...opts, limits });
    }
  }
}

function optional(opts: GradeOptions): { signal?: AbortSignal; onTest?: (t: TestResult) => void } {
  const out: { signal?: AbortSignal; onTest?: (t: TestResult) => void } = {};
  if (opts.signal) out.signal = opts.signal;
  if (opts.onTest) out.onTest = opts.onTest;
  return out;
}
