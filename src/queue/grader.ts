/**
 * What a worker needs from grading: turn one stored submission into a GradeReport. The
 * server plugs in the real exercise grader and project runner (src/server/grader.ts);
 * tests plug in fakes. A failing submission is a report; a thrown error means grading
 * itself broke down, and the queue retries it.
 */
import type { GradeReport, TestResult } from "../grading/report.js";
import type { ItemKind } from "../store/schema.js";

export interface GradeJob {
  submissionId: string;
  userId: string;
  itemKind: ItemKind;
  itemId: string;
  /** Exercise source (exercises). */
  source: string | null;
  /** The uploaded project archive as stored (projects); the grader unpacks it where it grades. */
  archive?: Uint8Array | null;
  /** Folder holding the unpacked project, for project submissions stored before `archive` existed. */
  archivePath: string | null;
  attempt: number;
}

export interface GradeContext {
  /** Aborted when the worker lost its lease or is stopping: stop early, the result is discarded. */
  signal: AbortSignal;
  /** Report test results as they become known (all results so far, in order), for live results. */
  onTests(tests: readonly TestResult[]): void;
}

export interface Grader {
  grade(job: GradeJob, context: GradeContext): Promise<GradeReport>;
  /** Releases warm processes and sandbox resources. */
  close?(): Promise<void>;
}
