/**
 * SandboxSpec.lowPriorityUntilInput: a run that waits for its first input (a process getting
 * ready to become a project's app) runs at niceness 19 until then, and so does its forwarder
 * when a service is exposed to it meanwhile, so that they take the CPU only when the runs doing
 * work leave it idle; at its first input every thread of both is set back to the niceness of
 * this process (0, unless whoever started it asked for less of the CPU: then its runs too).
 * Only where both can be done (as root, which may lower a niceness again, and with a cgroup
 * that lists the run's threads): a run must never stay behind at 19.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
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

/**
 * The niceness of the scheduling group of a run's session. Every run is a session of its own
 * (bwrap --new-session), and where the kernel groups tasks by session (autogroup, on by
 * default in Debian's kernels for tasks outside a cpu cgroup), each group is weighed against
 * every other as a whole: a niceness inside it yields nothing to other runs, only the group's
 * own does. So a waiting run's group waits at 19 as well, and goes back with it.
 *
 * The group is the session's: written before the run's pid 1 has made its session, it would
 * be this process's own, and the whole grader would wait at 19. So it is written only once
 * that process leads a session other than ours, and only while `wanted()` (a restore may come
 * first). Nothing to do where the kernel has no autogroup (no file) or the run has ended.
 */
export async function setSessionNiceness(pid: number, niceness: number, wanted: () => boolean, log: Log): Promise<void> {
  const ours = sessionOf("self");
  for (let attempt = 0; attempt < SESSION_WAIT_ROUNDS; attempt++) {
    const session = sessionOf(pid);
    if (session === undefined || !wanted()) return;
    if (session === pid && session !== ours) {
      try {
        writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ENOENT" && code !== "ESRCH") log.warn({ err: error, pid }, "could not set the niceness of a run's session");
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  log.warn({ pid }, "a run did not start its own session in time: its scheduling group keeps its niceness");
}

/** Rounds of 2 ms that a run's pid 1 has to make its session (bwrap does it before the exec). */
const SESSION_WAIT_ROUNDS = 500;

/** The session of a process (/proc/PID/stat), undefined when it is gone. */
function sessionOf(pid: number | "self"): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name (which may hold spaces and parentheses): state, ppid, pgrp, session.
    const session = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]);
    return Number.isInteger(session) ? session : undefined;
  } catch {
    return undefined; // gone
  }
}
