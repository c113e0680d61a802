/** Small readers for cgroup files, shared by the v1 and v2 drivers. */
import { readFileSync } from "node:fs";
import { RoadworkError } from "../../../errors.js";
import { schedstatWaitMs } from "../wall-clock.js";
import type { CgroupMount } from "./cgroup-types.js";

/** Joins a cgroup path seen in /proc/self/cgroup to the mount that shows it. */
export function cgroupDir(mount: CgroupMount, path: string): string {
  let rel = path;
  if (mount.root !== "/" && (rel === mount.root || rel.startsWith(`${mount.root}/`))) rel = rel.slice(mount.root.length);
  return `${mount.mountPoint}${rel === "/" ? "" : rel}`;
}

/** Reads a counter like "oom_kill 3" out of a flat-keyed cgroup file. */
export function readKeyed(path: string, key: string): number | undefined {
  try {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const [name, value] = line.split(" ");
      if (name === key && value !== undefined) return Number(value);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function readNumber(path: string): number | undefined {
  try {
    const value = Number(readFileSync(path, "utf8").trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function readPids(procsFile: string): number[] {
  try {
    return readFileSync(procsFile, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map(Number);
  } catch {
    return [];
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * How long the kill loop waits for a run's cgroup to empty. Processes die within
 * milliseconds on an idle machine; an OOM-killed run or a thread bomb exiting on a machine
 * under heavy load can take seconds, and giving up early would return a result while
 * processes of the run still exist.
 */
export const KILL_TIMEOUT_MS = 15_000;

/**
 * SIGKILLs every pid `list()` returns until it returns none. Throws INFRASTRUCTURE, naming the
 * survivors, when they outlive `timeoutMs` (a process stuck in the kernel): the caller must
 * not claim a run is gone while it is not.
 *
 * `last` (bwrap's monitor, the parent of the namespace's pid 1) is spared until everything
 * else is gone: killed together, the monitor can die first, and the program, still exiting,
 * is then reparented to the host's init, which reaps it when it gets round to it. Until then
 * it is a zombie of the run's uid (counted in that uid's RLIMIT_NPROC when the uid is used
 * again), and for a moment before that a live orphan still showing the run's command line.
 * Spared, the monitor reaps its child itself and exits; it is killed only when it has not
 * after a while (the wrapper chain before bwrap, which cannot start anything once the pids
 * limit is 0, or a stuck monitor).
 */
export async function killUntilEmpty(list: () => number[], last?: number, timeoutMs = KILL_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  // The monitor is spared only for a while: a program that will not die must not keep it.
  const spareUntil = performance.now() + timeoutMs / 3;
  let refused: NodeJS.ErrnoException | undefined;
  for (let round = 0; ; round++) {
    const alive = list();
    if (alive.length === 0) return;
    const now = performance.now();
    if (now > deadline) {
      const why = refused === undefined ? "" : ` (the kill was refused: ${refused.code ?? refused.message})`;
      throw new RoadworkError("INFRASTRUCTURE", `processes of a sandboxed run survived SIGKILL for ${timeoutMs / 1000} s: ${alive.join(", ")}${why}`, { cause: refused });
    }
    // The monitor alone is left to exit by itself once it has reaped its child: pid 1 leaves
    // the cgroup before it has finished exiting (it still waits for its own children), so
    // an empty list of others does not yet mean the monitor may go.
    const targets = now < spareUntil ? alive.filter((pid) => pid !== last) : alive;
    for (const pid of targets) {
      try {
        process.kill(pid, "SIGKILL");
      } catch (error) {
        // ESRCH: already gone. Anything else (EPERM) is kept, and named if the pid outlives the deadline.
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") refused = error as NodeJS.ErrnoException;
      }
    }
    await sleep(round < 20 ? 1 : 5);
  }
}

/**
 * The longest time any one of `tids` has spent runnable but waiting for a CPU, in ms
 * (/proc/TID/schedstat, second field, ns). The longest, not the sum: threads of one program
 * waiting side by side on a busy machine add up to more than the time that passed.
 */
export function longestRunQueueWaitMs(tids: readonly number[]): number {
  let longest = 0;
  for (const tid of tids) {
    longest = Math.max(longest, schedstatWaitMs(`/proc/${tid}/schedstat`) ?? 0);
  }
  return longest;
}
