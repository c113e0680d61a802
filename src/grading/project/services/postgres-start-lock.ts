/**
 * One grader process at a time brings a cluster folder up. Several workers on one machine
 * share the folder; without this, two could run initdb into it at once, or one could wipe a
 * half-made cluster that another is still making. The lock is a pid lock file
 * (src/pid-lock.ts); a lock whose owner is gone is taken over.
 */
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { isPidLockFile, releasePidLock, tryPidLock } from "../../../pid-lock.js";

const LOCK_NAME = "start.lock";
const POLL_MS = 50;
const WAIT_MS = 180_000;

export async function withStartLock<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const path = join(dir, LOCK_NAME);
  const deadline = Date.now() + WAIT_MS;
  while (!tryPidLock(path)) {
    if (Date.now() > deadline) throw new RoadworkError("INFRASTRUCTURE", `the grading PostgreSQL in ${dir} is being started by another process (${path}) for more than ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await body();
  } finally {
    releasePidLock(path);
  }
}

/** The start lock's own files, so that a folder holding only them still counts as empty. */
export function isStartLockFile(name: string): boolean {
  return isPidLockFile(name, LOCK_NAME);
}
