/**
 * SandboxSpec.lowPriorityUntilInput: a run that waits for its first input (a process getting
 * ready to become a project's app) runs at niceness 19 until then, and so does its forwarder
 * when a service is exposed to it meanwhile, so that they take the CPU only when the runs doing
 * work leave it idle; at its first input every thread of both is set back to the niceness of
 * this process (0, unless whoever started it asked for less of the CPU: then its runs too).
 * Only where both can be done (as root, which may lower a niceness again, and with a cgroup
 * that lists the run's threads): a run must never stay behind at 19.
 */
import { readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import type { Log } from "../../../log.js";

export const WAITING_NICENESS = 19;

/** Lowers the run's first process, whose children inherit it; false when it could not. */
export function lowerPriority(pid: number, log: Log): boolean {
  try {
    setPriority(pid, WAITING_NICENESS);
    return true;
  } catch (error) {
    log.warn({ err: error, pid }, "could not lower the priority of a waiting run");
    return false;
  }
}

/** The threads of a process outside the run's cgroup (its forwarder), none when it is gone. */
export function threadsOf(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return []; // Gone: nothing to restore.
  }
}

/** Every thread of the run back to this process's niceness; a thread that has just ended is no news. */
export function restorePriority(threads: readonly number[], log: Log): void {
  const own = getPriority();
  for (const tid of threads) {
    try {
      setPriority(tid, own);
    } catch (error) {
      if ((error as { info?: { code?: string } }).info?.code !== "ESRCH") log.warn({ err: error, tid }, "could not restore the priority of a run");
    }
  }
}
