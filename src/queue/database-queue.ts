/**
 * The grading queue on the database (SQLite or PostgreSQL): jobs survive restarts, several
 * processes can work on one database, and a worker that dies loses nothing: its lease runs
 * out and another worker takes the job.
 */
import { errorReport, type GradeReport } from "../grading/report.js";
import type { Store } from "../store/index.js";
import type { JobRow, LeaseKey } from "../store/repositories/jobs.js";
import type { EnqueueWithin, FailOutcome, GradingQueue, Lease, RecoverOutcome } from "./types.js";
import type { Signals } from "./signals.js";

export interface DatabaseQueueOptions {
  /** Attempts before a job gets an error verdict (default 3). */
  maxAttempts?: number;
  /** Delay before retry n is 2^(n-1) * backoffMs (default 1000), capped at maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The clock; tests move it forward to expire leases. */
  now?: () => number;
  signals?: Signals;
  /**
   * True when the worker holding a lease is known to be dead (a process of this host that is
   * gone): its job is taken back at once instead of when the lease runs out.
   */
  ownerGone?: (workerId: string) => boolean;
}

export class DatabaseQueue implements GradingQueue {
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly options: DatabaseQueueOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.backoffMs = options.backoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async enqueue(submissionId: string): Promise<string> {
    const job = await this.store.jobs.insert(submissionId, this.maxAttempts, this.now());
    this.options.signals?.jobReady();
    return job.id;
  }

  async inTransaction<T>(work: (tx: Store, enqueue: EnqueueWithin) => Promise<T>): Promise<T> {
    let queued = false;
    const result = await this.store.transaction((tx) =>
      work(tx, async (submissionId) => {
        await tx.jobs.insert(submissionId, this.maxAttempts, this.now());
        queued = true;
      }),
    );
    // Only now can another connection see the job.
    if (queued) this.options.signals?.jobReady();
    return result;
  }

  async lease(workerId: string, leaseMs: number): Promise<Lease | undefined> {
    const now = this.now();
    const job = await this.store.jobs.leaseNext(workerId, leaseMs, now);
    if (job === undefined) return undefined;
    await this.store.submissions.markRunning(job.submission_id);
    this.options.signals?.submissionChanged(job.submission_id);
    return toLease(job);
  }

  async complete(lease: Lease, report: GradeReport): Promise<boolean> {
    const now = this.now();
    const done = await this.store.transaction(async (tx) => {
      if (!(await tx.jobs.markDone(keyOf(lease), now))) return false;
      await tx.submissions.recordVerdict(lease.submissionId, report, now);
      return true;
    });
    if (done) this.options.signals?.submissionChanged(lease.submissionId);
    return done;
  }

  async fail(lease: Lease, error: string, options: { retry?: boolean } = {}): Promise<FailOutcome> {
    const now = this.now();
    if (options.retry !== false && lease.attempt < lease.maxAttempts) {
      const runAfter = now + Math.min(this.maxBackoffMs, this.backoffMs * 2 ** (lease.attempt - 1));
      if (!(await this.store.jobs.requeue(keyOf(lease), error, runAfter, now))) return { kind: "lost" };
      await this.store.submissions.markQueuedAgain(lease.submissionId);
      this.options.signals?.submissionChanged(lease.submissionId);
      return { kind: "retry", runAfter };
    }
    const gaveUp = await this.giveUp(keyOf(lease), lease.submissionId, error, lease.attempt, now);
    return gaveUp ? { kind: "gave-up" } : { kind: "lost" };
  }

  async extendLease(lease: Lease, leaseMs: number): Promise<Lease | undefined> {
    const now = this.now();
    if (!(await this.store.jobs.extendLease(keyOf(lease), leaseMs, now))) return undefined;
    return { ...lease, leaseUntil: now + leaseMs };
  }

  async recoverExpired(): Promise<RecoverOutcome> {
    const now = this.now();
    const outcome: RecoverOutcome = { requeued: 0, failed: 0 };
    const ownerGone = this.options.ownerGone;
    const leased = ownerGone === undefined ? await this.store.jobs.expired(now) : await this.store.jobs.leased();
    for (const job of leased) {
      const expired = (job.lease_until ?? 0) < now;
      if (!expired && !(job.worker_id !== null && ownerGone?.(job.worker_id) === true)) continue;
      const key: LeaseKey = { jobId: job.id, workerId: job.worker_id ?? "", attempt: job.attempts };
      const message = expired ? `the grading worker ${job.worker_id ?? "(unknown)"} stopped answering` : `the grading worker ${job.worker_id ?? "(unknown)"} was stopped (its process is gone)`;
      if (job.attempts < job.max_attempts) {
        if (await this.store.jobs.requeue(key, message, now, now)) {
          await this.store.submissions.markQueuedAgain(job.submission_id);
          this.options.signals?.submissionChanged(job.submission_id);
          this.options.signals?.jobReady();
          outcome.requeued += 1;
        }
      } else if (await this.giveUp(key, job.submission_id, message, job.attempts, now)) {
        outcome.failed += 1;
      }
    }
    return outcome;
  }

  counts(): ReturnType<GradingQueue["counts"]> {
    return this.store.jobs.counts();
  }

  private async giveUp(key: LeaseKey, submissionId: string, error: string, attempts: number, now: number): Promise<boolean> {
    const report = errorReport(`Grading could not finish after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${error}. This is a problem on our side, not in your code; please submit again later.`);
    const failed = await this.store.transaction(async (tx) => {
      if (!(await tx.jobs.markFailed(key, error, now))) return false;
      await tx.submissions.recordVerdict(submissionId, report, now);
      return true;
    });
    if (failed) this.options.signals?.submissionChanged(submissionId);
    return failed;
  }
}

function toLease(job: JobRow): Lease {
  return { jobId: job.id, submissionId: job.submission_id, workerId: job.worker_id ?? "", attempt: job.attempts, maxAttempts: job.max_attempts, leaseUntil: job.lease_until ?? 0 };
}

function keyOf(lease: Lease): LeaseKey {
  return { jobId: lease.jobId, workerId: lease.workerId, attempt: lease.attempt };
}
