/**
 * The sink a grading worker hands to gradeJob: each test result is written to
 * submission_tests as it arrives, in order, and the submission's change is signalled so
 * that open live-results streams read it. A write that fails is logged and skipped: live
 * results are a courtesy, the verdict is what counts. The worker waits for the writes
 * before it stores the verdict, which clears them.
 */
import type { TestResult } from "../grading/report.js";
import type { Store } from "../store/index.js";
import type { ResultSink } from "../worker/sink.js";
import type { Signals } from "./signals.js";

export interface LiveResultsLog {
  warn(obj: object, msg?: string): void;
}

export class LiveResultWriter implements ResultSink {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly submissionId: string,
    private readonly options: { signals?: Signals | undefined; log: LiveResultsLog; stopped: AbortSignal },
  ) {}

  test(index: number, result: TestResult): void {
    // A worker that lost its lease no longer speaks for this submission.
    if (this.options.stopped.aborted) return;
    this.writing = this.writing
      .then(() => this.store.submissionTests.record(this.submissionId, index, result))
      .then(
        () => this.options.signals?.submissionChanged(this.submissionId),
        (error: unknown) => this.options.log.warn({ submission: this.submissionId, index, err: error }, "could not store a live test result"),
      );
  }

  /** Resolves once every result handed in so far is written (or has failed to be). */
  flushed(): Promise<void> {
    return this.writing;
  }
}
