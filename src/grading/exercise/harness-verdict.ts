/**
 * The verdict of a grading run by the harness (tamper-proof, compatible and git exercises),
 * from the harness's frames alone: the tests it collected, one result per test in that order,
 * and a final done. A test the harness never reported is an error; a pass needs them all.
 */
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import { notPassedMessage, passedOrSkipped } from "./skipped.js";

export interface CollectedTest {
  name: string;
  test_code?: string | null;
  task_id?: number | null;
}

export type HarnessFrame =
  | { t: "collected"; tests: CollectedTest[] }
  | { t: "collect_error"; message: string }
  | { t: "loaded?" }
  | { t: "req" }
  | { t: "begin"; name: string }
  | { t: "result"; name: string; status: string; message?: string; output?: string; duration_ms?: number }
  | { t: "load_failed"; message: string }
  | { t: "abandon"; message: string; limit?: "wall-time" }
  | { t: "done" }
  | { t: "importing" }
  | { t: "imported" };

export interface VerdictInput {
  collected: CollectedTest[] | undefined;
  results: TestResult[];
  current: string | undefined;
  problem: string | undefined;
  contentError: string | undefined;
  loadFailure: string | undefined;
  limitsHit: LimitHit[];
  done: boolean;
  durationMs: number;
}

export function verdict(v: VerdictInput, tamperProof = true): GradeReport {
  const base = { version: 3 as const, duration_ms: Math.round(v.durationMs), tamper_proof: tamperProof, ...(v.limitsHit.length > 0 ? { limits_hit: v.limitsHit } : {}) };
  if (v.contentError !== undefined) {
    return { ...base, status: "error", message: `tests.py could not be loaded (a problem in the exercise, not in your code):\n${v.contentError}`, tests: [] };
  }
  if (v.collected === undefined) {
    // Compatible mode imports solution.py before it collects the tests.
    if (v.loadFailure !== undefined) return { ...base, status: "fail", message: v.loadFailure, tests: [] };
    return { ...base, status: "error", message: v.problem ?? "the test harness did not start", tests: [] };
  }
  // Every collected test gets a result: the ones the harness never reported are errors.
  const tests = [...v.results];
  const limitText = v.limitsHit.map((h) => h.message).join("; ");
  for (const test of v.collected.slice(tests.length)) {
    const reason = v.problem ?? "the test did not report a result";
    tests.push({ ...collectedFields(test), name: test.name, status: "error", message: limitText && !reason.includes(limitText) ? `${limitText}: ${reason}` : reason });
  }
  // A limit reached while a test ran is named in that test's message.
  if (limitText) {
    for (const test of tests) {
      if ((test.status === "fail" || test.status === "error") && test.message !== undefined && !test.message.includes(v.limitsHit[0]!.message)) {
        test.message = `${limitText}\n${test.message}`;
      }
    }
  }
  const allPassed = v.done && v.problem === undefined && v.loadFailure === undefined && v.results.length === v.collected.length && passedOrSkipped(tests);
  if (allPassed) {
    // Every test passed, so no time limit stopped anything: one noted anyway was reached by
    // the idle process after the last test (the final kill, the CPU total read after it).
    const kept = v.limitsHit.filter((h) => h.limit !== "cpu-time" && h.limit !== "wall-time");
    const { limits_hit: _dropped, ...rest } = base;
    return { ...rest, ...(kept.length > 0 ? { limits_hit: kept } : {}), status: "pass", tests };
  }
  // solution.py could not be loaded: its own doing (a syntax error, an exception, an exit, a
  // limit), so a failure; a fault of the sandbox itself never gets here (it is thrown).
  if (v.loadFailure !== undefined) return { ...base, status: "fail", message: v.loadFailure, tests };
  const message = v.problem !== undefined && v.results.length < v.collected.length ? v.problem : notPassedMessage(tests);
  return { ...base, status: "fail", message, tests };
}

function collectedFields(test: CollectedTest): Partial<TestResult> {
  const fields: Partial<TestResult> = {};
  if (typeof test.test_code === "string") fields.test_code = test.test_code;
  if (typeof test.task_id === "number") fields.task_id = test.task_id;
  return fields;
}

export function testResult(frame: Extract<HarnessFrame, { t: "result" }>, collected: CollectedTest): TestResult {
  const status = frame.status === "pass" || frame.status === "fail" || frame.status === "skip" ? frame.status : "error";
  const test: TestResult = { name: frame.name, status, ...collectedFields(collected) };
  if (typeof frame.message === "string") test.message = frame.message;
  if (typeof frame.output === "string" && frame.output.length > 0) test.output = frame.output;
  if (typeof frame.duration_ms === "number") test.duration_ms = frame.duration_ms;
  return test;
}
