/**
 * Skipped tests in a verdict. A test that skips itself (the test's own choice, never the
 * solution's in tamper-proof mode) neither passes nor fails the grading, as in pytest; but a
 * grading where every test skipped proves nothing, so it is not a pass.
 */
import type { TestResult } from "../report.js";

export function passedOrSkipped(tests: readonly TestResult[]): boolean {
  return tests.every((t) => t.status === "pass" || t.status === "skip") && tests.some((t) => t.status === "pass");
}

/** "2 of 5 tests did not pass (1 skipped)", or "every test was skipped". */
export function notPassedMessage(tests: readonly TestResult[]): string {
  const failed = tests.filter((t) => t.status === "fail" || t.status === "error").length;
  const skipped = tests.filter((t) => t.status === "skip").length;
  if (failed === 0) return "every test was skipped";
  return `${failed} of ${tests.length - skipped} tests did not pass${skipped > 0 ? ` (${skipped} skipped)` : ""}`;
}
