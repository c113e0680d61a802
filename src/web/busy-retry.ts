/**
 * Sending a submission again while grading is busy. Past its queue bound the server answers
 * 503 QUEUE_FULL with Retry-After; that is a wait, not a mistake of the learner's, so the
 * page counts the seconds down, keeps the learner's code and sends it again by itself.
 * Pure logic (the clock is passed in) so that it is tested without a browser.
 */

/** What the page needs to know of a refusal; ApiError (./api.ts) has this shape. */
export interface Refusal {
  status: number;
  code: string;
  retryAfterSeconds?: number;
}

export interface BusyRetryOptions {
  /** Called once a second while waiting, with the seconds left (N, N-1, ..., 1). */
  onWait(secondsLeft: number, attempt: number): void;
  /** Waits ms, or less when signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Aborted when the learner leaves the page: stop trying. */
  signal: AbortSignal;
  /** In [0, 1): spreads the retries of many learners over a few seconds (default Math.random). */
  random?: () => number;
  /** Sends at most this many times (default 30: several minutes of waiting). */
  maxAttempts?: number;
}

const DEFAULT_WAIT_SECONDS = 5;

export function isQueueFull(error: unknown): error is Refusal {
  return typeof error === "object" && error !== null && (error as Refusal).status === 503 && (error as Refusal).code === "QUEUE_FULL";
}

/** Seconds to wait before the next try: the server's Retry-After plus up to half of it again, so that refused learners do not all come back at once. */
export function waitSeconds(refusal: Refusal, random: () => number): number {
  const base = refusal.retryAfterSeconds !== undefined && refusal.retryAfterSeconds > 0 ? refusal.retryAfterSeconds : DEFAULT_WAIT_SECONDS;
  return base + Math.floor(random() * Math.ceil(base / 2));
}

/** Calls send until it is not refused with QUEUE_FULL; any other error, or the last refusal, is thrown. */
export async function sendWhenNotBusy<T>(send: () => Promise<T>, options: BusyRetryOptions): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 30;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isQueueFull(error) || attempt >= maxAttempts || options.signal.aborted) throw error;
      for (let left = waitSeconds(error, random); left > 0; left--) {
        options.onWait(left, attempt);
        await options.sleep(1000, options.signal);
        if (options.signal.aborted) throw error;
      }
    }
  }
}

/** A real sleep for the page. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });
}
