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
import { functionProcesses, startHarnessServer, type HarnessServer } from "./harness-server.js";
import { runFunctionSession, type SessionOptions } from "./session.js";

export interface GradeOptions {
  sandbox: Sandbox;
  signal?: AbortSignal;
  /** Called with each test's result as soon as it is known (the server shows them live). */
  onTest?: (test: TestResult) => void;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir), for engine: postgresql. */
  postgresDir?: string;
  /** Where errors grading recovers from are told (a failed clean-up); default: nowhere (the CLI, library use). */
  log?: Log;
  /** Fork a function exercise's harness from this server instead of starting one (harness-server.ts). */
  harnessServer?: HarnessServer;
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

/** What a function exercise's own files add to its grading session (the cold path and the warm one). */
export function fromExercise(exercise: Extract<Exercise, { kind: "function" }>): Pick<SessionOptions, "support" | "unchangedArguments"> {
  return { ...(exercise.support ? { support: exercise.support } : {}), ...(exercise.config.unchanged_arguments === true ? { unchangedArguments: true } : {}) };
}

async function gradeRaw(exercise: Exclude<Exercise, { kind: "git" }>, source: string, opts: GradeOptions): Promise<GradeReport> {
  const limits = sandboxLimitsFor(exercise.config.limits);
  switch (exercise.kind) {
    case "function": {
      if (exercise.config.mode === "compatible") {
        const { gradeCompatible } = await import("./compat.js");
        return gradeCompatible(exercise, source, { ...opts, limits });
      }
      // Before the fork: the child then finds its tests compiled (once per server).
      opts.harnessServer?.compileAhead(exercise.tests);
      const procs = functionProcesses(opts.sandbox, limits, opts.harnessServer);
      return runFunctionSession(exercise.tests, source, procs, { limits, messageLimit: MESSAGE_LIMIT, ...optional(opts), ...fromExercise(exercise) });
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

/** Grades many submissions in one process; close() when done. */
export interface BatchGrader {
  grade(exercise: Exercise, source: string | Buffer, opts: Omit<GradeOptions, "sandbox" | "harnessServer">): Promise<GradeReport>;
  close(): Promise<void>;
}

/**
 * For `roadwork content check`, which grades hundreds of solutions: function exercises fork
 * their harness from one harness server, started at the first one, as the server's warm path
 * does. Every other kind grades as gradeSubmission does.
 */
export function startBatchGrading(sandbox: Sandbox, log?: Log): BatchGrader {
  let server: HarnessServer | undefined;
  let tried = false;
  return {
    grade(exercise, source, opts) {
      if (!tried && exercise.kind === "function" && exercise.config.mode !== "compatible") {
        tried = true;
        try {
          server = startHarnessServer({ sandbox, maxChildAgeMs: 15 * 60_000, childCpuSeconds: 10 * 60, lifetimeMs: 24 * 60 * 60_000, ...(log === undefined ? {} : { log }) });
        } catch (error) {
          // Each grading then starts its own harness, as `roadwork grade` does.
          log?.warn({ err: error }, "the harness server could not be started; every grading starts its own harness");
        }
      }
      return gradeSubmission(exercise, source, { ...opts, sandbox, ...(server === undefined ? {} : { harnessServer: server }) });
    },
    async close() {
      await server?.close();
    },
  };
}
