/**
 * A pool of unprivileged uids, one per run (or per identity). The uid is what keeps runs
 * apart: RLIMIT_NPROC counts per uid, files a run writes are its own, and the user namespace
 * bubblewrap creates is owned by it. Several roadwork processes on one machine share the
 * range through a pid lock file per uid (src/pid-lock.ts); a lock whose owner is gone is
 * taken over.
 */
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { releasePidLock, tryPidLock } from "../../../pid-lock.js";

export const DEFAULT_UID_BASE = 1_900_000_000;
export const DEFAULT_UID_COUNT = 10_000;

export class UidPool {
  private cursor: number;
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
      // False also when another pool of this process holds it.
      if (tryPidLock(this.lockPath(uid))) {
        this.mine.add(uid);
        return uid;
      }
    }
    throw new RoadworkError("SANDBOX_UNAVAILABLE", `all ${this.count} sandbox uids are in use`);
  }

  release(uid: number): void {
    if (!this.mine.delete(uid)) return;
    releasePidLock(this.lockPath(uid));
  }

  releaseAll(): void {
    for (const uid of [...this.mine]) this.release(uid);
  }

  private lockPath(uid: number): string {
    return join(this.lockDir, String(uid));
  }
}
