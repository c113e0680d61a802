/**
 * The app's writable data folder (/data inside: the SQLite database and UPLOAD_DIR). It must
 * outlive restarts of the app, so it is a host folder rather than the sandbox's private tmpfs,
 * and it must be bounded in size: when we run as root it is a tmpfs of its own mounted on the
 * host; otherwise a plain folder, bounded only per file by the sandbox's file-size limit.
 */
import { spawnSync } from "node:child_process";
import { chownSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface DataDir {
  path: string;
  uploads: string;
  /** True when the folder's total size is bounded (a sized tmpfs). */
  bounded: boolean;
  sizeBytes: number;
  remove(): void;
}

export function createDataDir(path: string, sizeBytes: number, ownerUid: number | undefined): DataDir {
  mkdirSync(path, { mode: 0o700 });
  let bounded = false;
  if (process.getuid?.() === 0) {
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes},mode=0700,nosuid,nodev,noexec`, "roadwork-data", path], { stdio: "ignore" });
    bounded = mounted.status === 0;
  }
  const uploads = join(path, "uploads");
  mkdirSync(uploads, { mode: 0o700 });
  // The app runs as the sandbox identity's uid: the folders it writes in must be its own.
  if (ownerUid !== undefined && process.getuid?.() === 0) {
    chownSync(path, ownerUid, ownerUid);
    chownSync(uploads, ownerUid, ownerUid);
  }
  return {
    path,
    uploads,
    bounded,
    sizeBytes,
    remove() {
      // Lazy unmount: never follow anything inside the folder the app wrote; the tmpfs just goes.
      if (bounded) spawnSync("umount", ["-l", path], { stdio: "ignore" });
      rmSync(path, { recursive: true, force: true });
    },
  };
}
