/**
 * Wake-ups for live-results streams. One listener on the queue's signals serves every open
 * stream (in-process events, and PostgreSQL LISTEN/NOTIFY bridged into them by
 * src/queue/pg-notify.ts), and one slow shared timer wakes all streams now and then in case
 * a notification was missed (a dropped LISTEN connection, or a worker process on SQLite).
 * A stream used to poll the database every 500 ms on its own; now it reads only when told.
 *
 * A change that arrives while its stream is busy reading is remembered, not lost: the
 * stream's next wait returns at once.
 */
import type { Signals } from "../queue/signals.js";

export interface LiveWatch {
  /** Resolves when the submission may have changed since the last call, or when `signal` aborts. */
  next(signal: AbortSignal): Promise<void>;
  /** Stops watching; call once the stream ends. */
  close(): void;
}

interface WatchState {
  changed: boolean;
  wake: (() => void) | undefined;
}

export class LiveHub {
  private readonly watches = new Map<string, Set<WatchState>>();
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly signals: Signals,
    private readonly safetyPollMs: number,
  ) {}

  /** Streams open now (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.watches.values()) n += set.size;
    return n;
  }

  watch(submissionId: string): LiveWatch {
    // A stream reads once before its first wait; a change from here on makes that wait return at once.
    const state: WatchState = { changed: false, wake: undefined };
    let set = this.watches.get(submissionId);
    if (set === undefined) this.watches.set(submissionId, (set = new Set()));
    set.add(state);
    this.start();
    return {
      next: (signal) =>
        new Promise<void>((resolve) => {
          const done = (): void => {
            state.wake = undefined;
            state.changed = false;
            signal.removeEventListener("abort", done);
            resolve();
          };
          if (state.changed || signal.aborted) return done();
          state.wake = done;
          signal.addEventListener("abort", done);
        }),
      close: () => {
        state.wake?.();
        set.delete(state);
        if (set.size === 0) this.watches.delete(submissionId);
        if (this.watches.size === 0) this.stop();
      },
    };
  }

  private start(): void {
    if (this.unsubscribe !== undefined) return;
    this.unsubscribe = this.signals.subscribeSubmissions((id) => {
      for (const state of this.watches.get(id) ?? []) this.mark(state);
    });
    this.timer = setInterval(() => {
      for (const set of this.watches.values()) for (const state of set) this.mark(state);
    }, this.safetyPollMs);
    // An open stream must not keep a stopping process alive.
    this.timer.unref();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private mark(state: WatchState): void {
    state.changed = true;
    state.wake?.();
  }
}
