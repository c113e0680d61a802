/**
 * At most `running` tasks of one kind at once, and at most `waiting` more in line; beyond
 * that a task is refused at once (BUSY, 503 with Retry-After) instead of piling up. The
 * server keeps one gate per costly kind of work a request can start (password hashes,
 * archive unpacking), so that a flood of it leaves grading and pages their share.
 */
import { RoadworkError } from "./errors.js";

export interface GateOptions {
  running: number;
  waiting: number;
  /** The sentence of the refusal: what is busy ("the server is checking many passwords"). */
  busyMessage: string;
  retryAfterSeconds: number;
}

export class ConcurrencyGate {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly options: GateOptions) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.running) {
      if (this.queue.length >= this.options.waiting) {
        throw new RoadworkError("BUSY", `${this.options.busyMessage}; try again in a few seconds`, { retryAfterSeconds: this.options.retryAfterSeconds });
      }
      // The slot is handed over by the task that ends (see below), so `active` stays counted.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      if (next !== undefined) next();
      else this.active -= 1;
    }
  }

  /** Tasks running and waiting now (for tests and /healthz). */
  load(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.queue.length };
  }
}
