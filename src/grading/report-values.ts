/**
 * The two report helpers code on a fast path needs (`roadwork test`, the project runner),
 * apart from report.ts, whose zod schemas cost tens of milliseconds to load. report.ts
 * re-exports them; the types come from there and vanish when compiled.
 */
import type { GradeReport, TestStatus } from "./report.js";

/** Exit codes of `roadwork grade` and `roadwork test`. */
export function exitCodeFor(status: TestStatus): 0 | 1 | 2 {
  return status === "pass" ? 0 : status === "fail" ? 1 : 2;
}

export function errorReport(message: string, extra: Partial<GradeReport> = {}): GradeReport {
  return { version: 3, status: "error", message, tests: [], ...extra };
}
