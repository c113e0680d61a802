/** Rows to the JSON the API answers with (docs/api.md): camelCase, ISO times, no secrets. */
import type { GradeReport, TestResult } from "../grading/report.js";
import { FINAL_STATUSES, type SubmissionRow, type UserRow } from "../store/index.js";
import { iso } from "./http.js";

export function presentUser(user: UserRow): Record<string, unknown> {
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: iso(user.created_at) };
}

export function parseReport(row: Pick<SubmissionRow, "report">): GradeReport | null {
  return row.report === null ? null : (JSON.parse(row.report) as GradeReport);
}

/** `testsSoFar`: the live results of a submission being graded (submission_tests); listings leave it out and show []. */
export function presentSubmission(row: SubmissionRow, options: { source?: boolean; testsSoFar?: readonly TestResult[] } = {}): Record<string, unknown> {
  const final = FINAL_STATUSES.includes(row.status);
  const report = parseReport(row);
  return {
    id: row.id,
    userId: row.user_id,
    itemKind: row.item_kind,
    itemId: row.item_id,
    status: row.status,
    /** The pushed commit this submission graded (`git push`), else null. */
    commitId: row.commit_id,
    report: final ? report : null,
    /** While grading: the test results known so far. */
    testsSoFar: final ? null : (options.testsSoFar ?? []),
    createdAt: iso(row.created_at),
    gradedAt: iso(row.graded_at),
    durationMs: row.duration_ms,
    ...(options.source ? { source: row.source } : {}),
    eventsUrl: `/api/submissions/${row.id}/events`,
  };
}
