/**
 * The grading queue contract. One implementation today (DatabaseQueue, on SQLite or
 * PostgreSQL); every implementation runs the shared suite in test/queue/contract.ts.
 */
import type { GradeReport } from "../grading/report.js";
import type { JobState } from "../store/schema.js";
import type { Store } from "../store/index.js";

/** Queues a job for a submission stored in the same transaction. */
export type EnqueueWithin = (submissionId: string) => Promise<void>;

/** A job a worker holds until `leaseUntil`; renew it with extendLease while grading. */
export interface Lease {
  readonly jobId: string;
  readonly submissionId: string;
  readonly workerId: string;
  /** 1 for the first try; a stale holder (older attempt) can no longer finish the job. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly leaseUntil: number;
}

export type FailOutcome =
  /** Will be tried again after runAfter. */
  | { kind: "retry"; runAfter: number }
  /** No attempts left: the submission got an error verdict. */
  | { kind: "gave-up" }
  /** The lease was lost (expired and taken by another worker); nothing was changed. */
  | { kind: "lost" };

export interface RecoverOutcome {
  /** Jobs whose lease ran out and that were put back in the queue. */
  requeued: number;
  /** Jobs whose lease ran out on their last attempt: error verdict. */
  failed: number;
}

export interface GradingQueue {
  /** Adds a job for a submission that is already stored; returns the job id. */
  enqueue(submissionId: string): Promise<string>;
  /**
   * Runs `work` in one database transaction in which `enqueue` queues jobs: a submission and
   * its job are stored together or not at all. Workers are woken after the commit.
   */
  inTransaction<T>(work: (tx: Store, enqueue: EnqueueWithin) => Promise<T>): Promise<T>;
  /** Takes the next ready job, or undefined when none is ready. Marks the submission running. */
  lease(workerId: string, leaseMs: number): Promise<Lease | undefined>;
  /** Stores the verdict and finishes the job, atomically. False when the lease was lost. */
  complete(lease: Lease, report: GradeReport): Promise<boolean>;
  /**
   * Grading broke (not: the submission failed). Retries with backoff, then gives up with an
   * error verdict that says the fault is not the learner's. `retry: false` (a broken track,
   * say: another attempt meets the same problem) gives up at once.
   */
  fail(lease: Lease, error: string, options?: { retry?: boolean }): Promise<FailOutcome>;
  /** Renews the lease; false when it was lost. */
  extendLease(lease: Lease, leaseMs: number): Promise<Lease | undefined>;
  /**
   * Requeues (or, on the last attempt, fails) jobs whose workers vanished: their lease ran
   * out, or (sooner) the queue was told their owner is gone (DatabaseQueueOptions.ownerGone).
   */
  recoverExpired(): Promise<RecoverOutcome>;
  counts(): Promise<Record<JobState, number>>;
}
