/**
 * In-process wake-ups: a worker sleeping on an empty queue wakes when a job is enqueued in
 * this process, and a live-results stream wakes when its submission changes. Changes made
 * by another process (a separate `roadwork worker`) are still seen, by polling; these
 * signals only make the common single-process case instant.
 */
import { EventEmitter } from "node:events";

export class Signals {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open live-results stream listens; there may be many.
    this.emitter.setMaxListeners(0);
  }

  jobReady(): void {
    this.emitter.emit("job");
  }

  submissionChanged(submissionId: string): void {
    this.emitter.emit(`submission:${submissionId}`);
  }

  /** Resolves on the next jobReady(), or after timeoutMs, or when signal aborts. */
  waitForJob(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wait("job", timeoutMs, signal);
  }

  waitForSubmission(submissionId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wait(`submission:${submissionId}`, timeoutMs, signal);
  }

  private wait(event: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.emitter.off(event, done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.on(event, done);
      signal?.addEventListener("abort", done);
    });
  }
}
