/**
 * A pool of unprivileged uids, one per run (or per identity). The uid is what keeps runs
 * apart: RLIMIT_NPROC counts per uid, files a run writes are its own, and the user namespace
 * bubblewrap creates is owned by it. Several roadwork processes on one machine share the
 * range through lock files (O_EXCL, holding the owner's pid); a lock whose owner is gone is
 * taken over.
 */
import { openSync, writeSync, closeSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { lockOwner, processGone } from "../../../process-gone.js";

export const DEFAULT_UID_BASE = 1_900_000_000;
export const DEFAULT_UID_COUNT = 10_000;

const heldByThisProcess = new Set<number>();

export class UidPool {
  private cursor: number;
  /** Shared by every pool of this process: a lock file naming our pid is ours only if listed here. */
  private readonly held = heldByThisProcess;
  /** The uids this pool handed out. */
  private readonly mine = new Set<number>();

  constructor(
    private readonly lockDir: string,
    private readonly base = DEFAULT_UID_BASE,
    private readonly count = DEFAULT_UID_COUNT,
  ) {
    if (base <= 0) throw new RoadworkError("INTERNAL", "the sandbox uid range must not include uid 0");
    // Start somewhere different in each process, so that two workers rarely race for a uid.
    this.cursor = (process.pid * 7919) % count;
  }

  /** Reserves a uid nobody else on this machine holds. */
  acquire(): number {
    for (let tries = 0; tries < this.count; tries++) {
      const uid = this.base + this.cursor;
      this.cursor = (this.cursor + 1) % this.count;
      if (this.held.has(uid)) continue;
      if (this.tryLock(uid)) {
        this.held.add(uid);
        this.mine.add(uid);
        return uid;
      }
    }
    throw new RoadworkError("SANDBOX_UNAVAILABLE", `all ${this.count} sandbox uids are in use`);
  }

  release(uid: number): void {
    if (!this.mine.delete(uid)) return;
    this.held.delete(uid);
    try {
      unlinkSync(this.lockPath(uid));
    } catch {
      // Already gone: nothing to release.
    }
  }

  releaseAll(): void {
    for (const uid of [...this.mine]) this.release(uid);
  }

  private tryLock(uid: number): boolean {
    const path = this.lockPath(uid);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, "wx", 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        if (!this.isStale(path)) return false;
        try {
          unlinkSync(path);
        } catch {
          return false;
        }
      }
    }
    return false;
  }

  /** A lock is stale when the process that wrote it is gone. */
  private isStale(path: string): boolean {
    const owner = lockOwner(path);
    if (owner === undefined) return false;
    if (!Number.isInteger(owner) || owner <= 0) return true;
    // Our pid but not in our list: left by an earlier process that had the same pid.
    if (owner === process.pid) return !this.held.has(Number.parseInt(path.slice(path.lastIndexOf("/") + 1), 10));
    return processGone(owner);
  }

  private lockPath(uid: number): string {
    return join(this.lockDir, String(uid));
  }
}
