/**
 * The two report helpers code on a fast path needs (`roadwork test`, the project runner),
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
