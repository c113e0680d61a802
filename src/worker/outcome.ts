/**
 * What grading one job comes to: a verdict for the learner, or a failure of the machinery
 * that graded it. The one place that decides which a thrown error is, and whether trying
 * again may help (the queue retries, the CLI prints the code). Imports nothing heavy: the
 * `roadwork grade` fast path loads it.
 */
import type { GradeReport } from "../grading/report.js";
import { isMachineFault, isRoadworkError, type ErrorCode } from "../errors.js";

/** Grading broke down: never the learner's doing, never stored as their verdict. */
export interface GradingFailure {
  code: ErrorCode;
  /** For the operator's log and the CLI; the queue's give-up verdict quotes it. */
  message: string;
  /** True when another attempt (later, maybe elsewhere) may succeed: a machine fault. */
  retry: boolean;
  cause?: unknown;
}

export type JobOutcome = { kind: "verdict"; report: GradeReport } | { kind: "failure"; failure: GradingFailure };

export function verdict(report: GradeReport): JobOutcome {
  return { kind: "verdict", report };
}

/** A thrown error as a failure: typed by its code, retried unless the code says it cannot help. */
export function failureOf(error: unknown): GradingFailure {
  if (isRoadworkError(error)) return { code: error.code, message: error.toString(), retry: isMachineFault(error), cause: error };
  // Not a RoadworkError: something deep inside (a system call, a driver) failed on this machine.
  return { code: "INFRASTRUCTURE", message: error instanceof Error ? error.message : String(error), retry: true, cause: error };
}

export function failure(error: unknown): JobOutcome {
  return { kind: "failure", failure: failureOf(error) };
}
