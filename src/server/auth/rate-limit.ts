/**
 * A fixed-window attempt counter per key (login: IP + email; failed logins: IP; refused
 * uploads: learner), in memory. One server process
 * answers logins, so memory is enough; several servers behind a balancer each count their own.
 */
export class AttemptLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts an attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    if (this.windows.size > 10_000) this.prune(now);
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.maxAttempts) return 0;
    return Math.ceil((window.start + this.windowMs - now) / 1000);
  }

  /** The seconds to wait before another attempt is allowed, without counting one; 0 when allowed. */
  peek(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs || window.count < this.maxAttempts) return 0;
    return Math.ceil((window.start + this.windowMs - now) / 1000);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/** A wait for a limit's message: "1 minute" ("minute" with `one` ""), "15 minutes". */
export function minutes(seconds: number, one = "1 "): string {
  const n = Math.ceil(seconds / 60);
  return n === 1 ? `${one}minute` : `${n} minutes`;
}
