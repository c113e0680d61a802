/**
 * Files that name their owner's pid (pid locks, src/pid-lock.ts; a run's disk, a worker's
 * jobs) are taken over when that process is gone. These are the two shared steps.
 */
import { readFileSync } from "node:fs";

/** The pid written in a lock file: NaN while its owner is still writing it, undefined when unreadable. */
export function lockOwner(path: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(path, "utf8"), 10);
  } catch {
    return undefined;
  }
}

/** True when no process with this pid exists (signal 0 probes without signalling). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
