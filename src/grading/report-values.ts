/**
 * The report helpers code on a fast path needs (`roadwork test`, the project runner),
 * apart from report.ts, whose zod schemas cost tens of milliseconds to load. report.ts
 * re-exports them. Their types are structural, so that this module imports nothing.
 */

/** Exit codes of `roadwork grade` and `roadwork test`. */
export function exitCodeFor(status: "pass" | "fail" | "error"): 0 | 1 | 2 {
  return status === "pass" ? 0 : status === "fail" ? 1 : 2;
}

/** A GradeReport with status "error" (and `extra`, such as duration_ms). */
export function errorReport<Extra extends object = Record<never, never>>(message: string, extra?: Extra): { version: 3; status: "error"; message: string; tests: [] } & Extra {
  return { version: 3, status: "error", message, tests: [], ...(extra ?? ({} as Extra)) };
}

/**
 * The first failing check's message (or the report's own), its last lines: for an app that
 * never started, the end of its log, which is where the traceback is.
 */
export function failureDetail(report: { message?: string; tests: ReadonlyArray<{ status: string; message?: string }> }, lines = 25): string | undefined {
  const failed = report.tests.find((test) => test.status !== "pass");
  const text = (failed?.message ?? report.message ?? "").replace(/\s+$/, "");
  if (text === "") return undefined;
  return text.split("\n").slice(-lines).join("\n");
}

/**
 * The report shows its code ended by a signal (`killed`: session.ts's "was killed by SIG...",
 * app-process.ts's "stopped by signal SIGKILL") and names no limit that would say why:
 * something outside the run may have sent it. content check grades such a run once more.
 */
export function killedUnexplained(report: { message?: string; limits_hit?: readonly unknown[]; tests: ReadonlyArray<{ message?: string }> }, killed: RegExp): boolean {
  if ((report.limits_hit?.length ?? 0) > 0) return false;
  return [report.message, ...report.tests.map((test) => test.message)].some((message) => killed.test(message ?? ""));
}
