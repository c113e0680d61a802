/**
 * The server's bounds on what anonymous or repeated requests can cost, one object per app:
 * attempt counters (log-in per address and email, failed log-ins per address, failed `git push`
 * authentications per address and per address and email, sign-ups per address, refused uploads
 * per learner) and the gate on password hashing. docs/security.md
 * lists them with the other bounds.
 */
import type { Limits } from "../config.js";
import { AttemptLimiter } from "./auth/rate-limit.js";
import { ConcurrencyGate } from "../concurrency-gate.js";

export interface RequestGuards {
  /** Attempts per client address and email. */
  loginLimiter: AttemptLimiter;
  /** Failed log-ins per client address, across every email: password spraying. */
  loginFailures: AttemptLimiter;
  signupLimiter: AttemptLimiter;
  /** Wrong API tokens sent to /git/ from one client address, whatever the user name. */
  gitAuthFailures: AttemptLimiter;
  /** Wrong API tokens sent to /git/ from one client address for one email user name. */
  gitAuthFailuresPerAccount: AttemptLimiter;
  /** Refused project uploads per learner: a refusal creates no pending submission to count. */
  uploadRejections: AttemptLimiter;
  /** scrypt runs on the thread pool the grading's file work shares; only so many at once. */
  passwordGate: ConcurrencyGate;
}

export function createGuards(limits: Readonly<Limits>, now: () => number): RequestGuards {
  return {
    loginLimiter: new AttemptLimiter(limits.loginAttempts, limits.loginWindowMs, now),
    loginFailures: new AttemptLimiter(limits.loginFailuresPerAddress, limits.loginWindowMs, now),
    signupLimiter: new AttemptLimiter(limits.signupsPerHour, 3600_000, now),
    // The log-in numbers, counted apart: a stale token in git's credential helper does not lock its owner out of the web page.
    gitAuthFailures: new AttemptLimiter(limits.loginFailuresPerAddress, limits.loginWindowMs, now),
    gitAuthFailuresPerAccount: new AttemptLimiter(limits.loginAttempts, limits.loginWindowMs, now),
    uploadRejections: new AttemptLimiter(limits.rejectedUploads, limits.rejectedUploadsWindowMs, now),
    passwordGate: new ConcurrencyGate({
      running: limits.passwordHashesAtOnce,
      waiting: limits.passwordHashesWaiting,
      busyMessage: "the server is checking many passwords at the moment",
      retryAfterSeconds: 2,
    }),
  };
}
