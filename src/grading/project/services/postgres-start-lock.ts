/**
 * One grader process at a time brings a cluster folder up. Several workers on one machine
 * share the folder; without this, two could run initdb into it at once, or one could wipe a
 * half-made cluster that another is still making. The lock is a file created with O_EXCL
 * that holds the owner's pid; a lock whose owner is gone is taken over.
 */
import { closeSync, openSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { lockOwner, processGone } from "../../../process-gone.js";

const LOCK_NAME = "start.lock";
const POLL_MS = 50;
const WAIT_MS = 180_000;
/** An empty lock file older than this was left by a process that died right after creating it. */
const EMPTY_LOCK_STALE_MS = 5_000;

export async function withStartLock<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const path = join(dir, LOCK_NAME);
  const deadline = Date.now() + WAIT_MS;
  while (!tryLock(path)) {
    if (Date.now() > deadline) throw new RoadworkError("INFRASTRUCTURE", `the grading PostgreSQL in ${dir} is being started by another process (${path}) for more than ${WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await body();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** The lock file's name, so a folder holding only it still counts as empty. */
export const START_LOCK_NAME = LOCK_NAME;

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, "wx", 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (!isStale(path)) return false;
  try {
    unlinkSync(path);
  } catch {
    // Someone else took it over first.
  }
  return false;
}

function isStale(path: string): boolean {
  const owner = lockOwner(path);
  if (owner === undefined) return false;
  // Created but not yet filled in: its owner is writing it, unless that was long ago.
  if (Number.isNaN(owner)) return ageMs(path) > EMPTY_LOCK_STALE_MS;
  // This process holds its starts one at a time per folder (see startGraderPostgres), so a
  // lock naming our own pid is left from an earlier process that had the same pid.
  if (owner === process.pid || owner <= 0) return true;
  return processGone(owner);
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    // The lock went away meanwhile: it is not old.
    return 0;
  }
}
