/**
 * Where test results go while a job is graded: one interface for every caller. The queue's
 * worker writes each result to the database as it arrives (live results); the CLI prints
 * them or drops them.
 */
import type { TestResult } from "../grading/report.js";

export interface ResultSink {
  /**
   * One test's result, as soon as it is known. `index` counts this grading's results from 0
   * in the order they arrive (for a project: stage by stage, each stage's tests in order).
   */
  test(index: number, result: TestResult): void;
}

/** For callers that only want the verdict. */
export const discardResults: ResultSink = { test: () => undefined };
