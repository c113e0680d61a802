/**
 * A lock file that names its owner's pid, shared by the roadwork processes of one machine:
 * the sandbox uid pool (a file per uid) and the start of the grading PostgreSQL cluster use
 * it (docs/architecture.md, "Lock files between processes").
 *
 * Two races make such locks hand one thing to two processes, and this module closes both:
 * - A lock created empty and filled in afterwards (O_EXCL, then write) is, for a moment, a
 *   lock without an owner; another process that reads it then may take it for a dead one's
 *   and remove it. Here the pid is written to a file of its own first, which is then linked
 *   into place: the lock appears whole or not at all.
 * - Two processes that find the same stale lock must not both remove it: the second would
 *   remove the fresh lock the first just made. A stale lock is removed only under a second
 *   lock (NAME.takeover), after looking again.
 * Every file this module makes is named after the lock: `NAME`, `NAME.takeover` and
 * `NAME.<pid>-<n>.new` (see isPidLockFile).
 */
import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { processGone } from "./process-gone.js";

/** An empty lock older than this was left by a process (of an older roadwork) that died right after creating it. */
const EMPTY_LOCK_STALE_MS = 5_000;

/** The locks this process holds: a lock naming our pid but not listed here was left by an earlier process with our pid. */
const heldHere = new Set<string>();
let fileCounter = 0;

/** Takes the lock at `path` for this process; false when another process (or this one) holds it. */
export function tryPidLock(path: string): boolean {
  if (heldHere.has(path)) return false;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (linkNewLock(path)) {
      heldHere.add(path);
      return true;
    }
    if (!removeIfStale(path)) return false;
  }
  return false;
}

/** Gives the lock back; nothing happens when this process does not hold it. */
export function releasePidLock(path: string): void {
  if (!heldHere.delete(path)) return;
  try {
    unlinkSync(path);
  } catch (error) {
    // Already gone (someone cleaned the folder): nothing left to give back. Anything else
    // (a folder we may no longer write) leaves the lock behind: the caller must hear of it.
    if (!isGone(error)) throw error;
  }
}

/** True for the lock file named `lockName` and the files this module makes beside it. */
export function isPidLockFile(fileName: string, lockName: string): boolean {
  return fileName === lockName || fileName.startsWith(`${lockName}.`);
}

/** Writes our pid to a new file and links it to `path`: false when `path` exists. */
function linkNewLock(path: string): boolean {
  const temp = join(dirname(path), `${basename(path)}.${process.pid}-${++fileCounter}.new`);
  writeFileSync(temp, String(process.pid), { mode: 0o600 });
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/** Removes the lock at `path` when its owner is gone; true when it is gone now (try again). */
function removeIfStale(path: string): boolean {
  const first = readLock(path);
  if (first === "gone") return true;
  if (!isStale(path, first)) return false;
  const guard = `${path}.takeover`;
  if (!linkNewLock(guard)) {
    // Another process is taking this lock over; a guard whose owner died is cleared for the next try.
    const guardOwner = readLock(guard);
    if (guardOwner !== "gone" && isStale(guard, guardOwner)) unlinkQuietly(guard);
    return false;
  }
  try {
    // Look again under the guard: another process may have taken over and locked meanwhile.
    const again = readLock(path);
    if (again === "gone") return true;
    if (!isStale(path, again)) return false;
    unlinkQuietly(path);
    return true;
  } finally {
    unlinkQuietly(guard);
  }
}

/** The pid a lock names, NaN when it names none (empty), "gone" when there is no lock. */
function readLock(path: string): number | "gone" {
  try {
    return Number.parseInt(readFileSync(path, "utf8"), 10);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw error;
  }
}

function isStale(path: string, owner: number): boolean {
  if (Number.isNaN(owner)) return ageMs(path) > EMPTY_LOCK_STALE_MS;
  if (owner <= 0) return true;
  if (owner === process.pid) return !heldHere.has(path);
  return processGone(owner);
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch (error) {
    // Gone meanwhile: not old, and the next try finds no lock.
    if (!isGone(error)) throw error;
    return 0;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    // Already removed by its owner or by another process's takeover: the same outcome.
    if (!isGone(error)) throw error;
  }
}

function isGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}
