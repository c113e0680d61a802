/**
 * A grading worker: leases a job, grades it, stores the verdict (the queue publishes the
 * change), and keeps its lease alive while grading so that a long grading is not taken
 * over, while a dead worker's job is. Runs in the server process (N of them) or alone in
 * `roadwork worker`.
 */
import { errorReport } from "../grading/report.js";
import type { Store } from "../store/index.js";
import type { JobGrader } from "../worker/grade-job.js";
import { failureOf } from "../worker/outcome.js";
import { LiveResultWriter } from "./live-results.js";
import type { Signals } from "./signals.js";
import type { GradingQueue, Lease } from "./types.js";
import { localWorkerId } from "./worker-owner.js";

/** The slice of a pino logger a worker uses. */
export interface WorkerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WorkerOptions {
  queue: GradingQueue;
  store: Store;
  grader: JobGrader;
  signals?: Signals;
  log?: WorkerLog;
  id?: string;
  leaseMs?: number;
  /** How long an idle worker sleeps before looking again (other processes enqueue too). */
  idlePollMs?: number;
}

const silent: WorkerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class Worker {
  readonly id: string;
  private readonly leaseMs: number;
  private readonly idlePollMs: number;
  private readonly log: WorkerLog;
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private idleRounds = 0;

  constructor(private readonly options: WorkerOptions) {
    this.id = options.id ?? localWorkerId();
    this.leaseMs = options.leaseMs ?? 60_000;
    this.idlePollMs = options.idlePollMs ?? 500;
    this.log = options.log ?? silent;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops taking jobs and waits for the current grading to end. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  /** Leases and grades at most one job; true when there was one. Tests drive workers with this. */
  async runOnce(): Promise<boolean> {
    const lease = await this.options.queue.lease(this.id, this.leaseMs);
    if (lease === undefined) return false;
    await this.handle(lease);
    return true;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      try {
        if (await this.runOnce()) {
          this.idleRounds = 0;
          continue;
        }
        // Idle: now and then, take back jobs whose worker died.
        if (this.idleRounds++ % 10 === 0) {
          const recovered = await this.options.queue.recoverExpired();
          if (recovered.requeued + recovered.failed > 0) this.log.warn({ worker: this.id, ...recovered }, "recovered jobs of a vanished worker");
        }
      } catch (error) {
        this.log.error({ worker: this.id, err: error }, "grading worker error");
      }
      if (this.options.signals) await this.options.signals.waitForJob(this.idlePollMs, signal);
      else await sleep(this.idlePollMs, signal);
    }
  }

  private async handle(lease: Lease): Promise<void> {
    const { queue, store, grader } = this.options;
    const submission = await store.submissions.byId(lease.submissionId);
    if (submission === undefined) {
      await queue.complete(lease, errorReport("This submission no longer exists."));
      return;
    }
    let current: Lease | undefined = lease;
    const lost = new AbortController();
    const heartbeat = setInterval(() => {
      if (current === undefined) return;
      queue.extendLease(current, this.leaseMs).then(
        (renewed) => {
          current = renewed;
          if (renewed === undefined) lost.abort();
        },
        (error: unknown) => this.log.warn({ worker: this.id, err: error }, "could not renew a lease"),
      );
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    const started = Date.now();
    const sink = new LiveResultWriter(store, submission.id, { signals: this.options.signals, log: this.log, stopped: lost.signal });
    const job = { submissionId: submission.id, itemKind: submission.item_kind, itemId: submission.item_id, source: submission.source, archive: null as Uint8Array | null, archivePath: submission.archive_path };
    let outcome;
    try {
      // The archive bytes are read only here, where they are needed, not with every row.
      // A git exercise's bundle is stored there too (its source is null).
      if (submission.item_kind === "project" || submission.source === null) job.archive = await store.submissions.archiveOf(submission.id);
      outcome = await grader.gradeJob(job, sink, lost.signal);
    } catch (error) {
      // The boundary never throws; reading the archive can. Either way: the machine's, decided there.
      outcome = { kind: "failure" as const, failure: failureOf(error) };
    }
    clearInterval(heartbeat);
    // The verdict (or the retry) clears the live results: no write of this attempt may come after it.
    await sink.flushed();
    const held = current ?? lease;
    if (outcome.kind === "verdict") {
      const report = outcome.report;
      const stored = await queue.complete(held, report.duration_ms === undefined ? { ...report, duration_ms: Date.now() - started } : report);
      if (stored) this.log.info({ worker: this.id, submission: submission.id, item: submission.item_id, status: report.status, ms: Date.now() - started }, "graded");
      else this.log.warn({ worker: this.id, submission: submission.id }, "lease lost before the verdict was stored; another worker grades it");
      return;
    }
    const { failure } = outcome;
    const result = await queue.fail(held, failure.message, { retry: failure.retry });
    this.log.error({ worker: this.id, submission: submission.id, code: failure.code, err: failure.cause ?? failure.message, outcome: result.kind }, "grading broke down");
  }
}

/** Starts `count` workers over one queue; returns a stop function. */
export function startWorkers(count: number, options: Omit<WorkerOptions, "id">): { workers: Worker[]; stop: () => Promise<void> } {
  const workers = Array.from({ length: count }, () => new Worker(options));
  for (const worker of workers) worker.start();
  return { workers, stop: async () => void (await Promise.all(workers.map((w) => w.stop()))) };
}

/** Waits ms, or until signal aborts. Each wait takes its listener off again: a worker waits for ever, the signal lives as long. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}
