/** What running a query over an sql exercise's cases gives, whatever the engine. */
import type { LimitHit } from "../report.js";

/** A value as a type tag and its text: i integer, f decimal, s text, b bytes (hex), n NULL, v other. */
export type SqlValue = [string, string?];
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
  truncated?: number;
}
export type CaseOutcome = { ok: true; result: QueryResult } | { ok: false; message: string };
/** One run of a query over every case: an outcome per case, or the run itself failed (a limit, a crash). */
export type QueryOutcome = { ok: true; cases: CaseOutcome[] } | { ok: false; message: string; limitsHit: LimitHit[] };
