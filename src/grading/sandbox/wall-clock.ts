/**
 * The wall-time limit is for programs that wait (sleep, deadlock, a blocking read); a
 * program that computes is bounded by its CPU time. On a busy machine a computing program
 * also waits, for a CPU, and would reach the wall-time limit long before its CPU-time
 * limit, so that a spin was reported as "time limit reached" depending on the machine's
 * load. So the time the run waited for a CPU (SandboxProcess.cpuWaitMs) is added to the
 * deadline, at most wallTimeMs in all: a spin on a busy machine then ends at the CPU-time
 * limit, a sleeping program still at wallTimeMs. The sandbox bounds its runs this way, and
 * so does every caller with a wall clock of its own on a run (an exercise's session).
 *
 * A clock can be paused: an exercise's session counts only the time the solution owes an
 * answer, not the time it waits for the tests to ask (see session.ts).
 */

import { readFileSync } from "node:fs";

/** Waits for a CPU shorter than this do not move the deadline (timer churn for nothing). */
const MIN_GRACE_MS = 20;

export interface WallClock {
  /** Stops counting until resume(): time while paused does not count against the limit. */
  pause: () => void;
  resume: () => void;
  /** Cancels the clock for good. */
  stop: () => void;
}

/**
 * Calls timeUp once wallTimeMs of counted time, plus the CPU wait cpuWaitMs() reports, have
 * passed. The clock counts from the start unless `paused` is given.
 */
export function startWallClock(wallTimeMs: number, cpuWaitMs: () => number, timeUp: () => void, options: { paused?: boolean } = {}): WallClock {
  let graceMs = 0;
  let countedMs = 0;
  let since: number | undefined = options.paused === true ? undefined : performance.now();
  let timer: NodeJS.Timeout | undefined;
  let over = false;

  const counted = (): number => countedMs + (since === undefined ? 0 : performance.now() - since);
  // One timer at a time, left running across a pause: a grading pauses and resumes the clock
  // at every call, and check() works out from the counted time whether the deadline passed.
  const arm = (): void => {
    if (timer === undefined && since !== undefined && !over) timer = setTimeout(check, Math.max(1, Math.ceil(wallTimeMs + graceMs - counted())));
  };
  const check = (): void => {
    timer = undefined;
    if (since === undefined || over) return;
    if (counted() < wallTimeMs + graceMs) return arm();
    const owed = Math.min(cpuWaitMs(), wallTimeMs) - graceMs;
    if (owed >= MIN_GRACE_MS) {
      graceMs += owed;
      return arm();
    }
    over = true;
    timeUp();
  };
  arm();

  return {
    pause: () => {
      if (since === undefined) return;
      countedMs += performance.now() - since;
      since = undefined;
    },
    resume: () => {
      if (since !== undefined || over) return;
      since = performance.now();
      arm();
    },
    stop: () => {
      over = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The run-queue wait in a schedstat file (its second field), in ms; undefined when unreadable. */
export function schedstatWaitMs(file: string): number | undefined {
  try {
    const waitNs = Number(readFileSync(file, "utf8").split(" ")[1]);
    return Number.isFinite(waitNs) ? waitNs / 1e6 : undefined;
  } catch {
    return undefined; // gone meanwhile, or no schedstat in this kernel
  }
}

/**
 * How long this process's main thread (Node's event loop) has waited for a CPU, in ms. A
 * clock on a run whose answers pass through Node excuses this wait too, since on a busy
 * machine it delays every answer; 0 where the kernel does not say.
 */
export function ownCpuWaitMs(): number {
  return schedstatWaitMs("/proc/self/schedstat") ?? 0;
}
