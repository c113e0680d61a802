/**
 * Live results: one row per test result while a submission is graded (see
 * SubmissionTestsTable). Written by the grading worker, read by the live-results stream.
 */
import type { Kysely } from "kysely";
import type { TestResult } from "../../grading/report.js";
import type { Database } from "../schema.js";

export interface IndexedTest {
  index: number;
  test: TestResult;
}

export class SubmissionTestsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores one result; a second write of the same index (a retried write) changes nothing. */
  async record(submissionId: string, index: number, test: TestResult): Promise<void> {
    await this.db
      .insertInto("submission_tests")
      .values({ submission_id: submissionId, idx: index, result: JSON.stringify(test) })
      .onConflict((oc) => oc.columns(["submission_id", "idx"]).doNothing())
      .execute();
  }

  /** The results from `fromIndex` on, in order. */
  async from(submissionId: string, fromIndex: number): Promise<IndexedTest[]> {
    const rows = await this.db.selectFrom("submission_tests").select(["idx", "result"]).where("submission_id", "=", submissionId).where("idx", ">=", fromIndex).orderBy("idx").execute();
    return rows.map((row) => ({ index: Number(row.idx), test: JSON.parse(row.result) as TestResult }));
  }

  /** Once the verdict is stored, or the attempt is given back to the queue. */
  async clear(submissionId: string): Promise<void> {
    await this.db.deleteFrom("submission_tests").where("submission_id", "=", submissionId).execute();
  }
}
