/**
 * The app's writable data folder (/data inside: the SQLite database and UPLOAD_DIR). It must
 * outlive restarts of the app, so it is a host folder rather than the sandbox's private tmpfs,
 * and it must be bounded in size: when we run as root it is a tmpfs of its own mounted on the
 * host; otherwise a plain folder, bounded only per file by the sandbox's file-size limit.
 */
import { spawnSync } from "node:child_process";
import { chownSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

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
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeBytes},mode=0700,nosuid,nodev,noexec`, MOUNT_SOURCE, path], { stdio: "ignore" });
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

const MOUNT_SOURCE = "roadwork-data";
let swept = false;

/**
 * A grader that crashed (or was killed) leaves its data tmpfs mounted. Once per process,
 * unmount and remove those whose work folder names a process that is gone (owner.pid).
 */
export function sweepStaleDataDirs(parent: string, prefix: string): void {
  if (swept || process.getuid?.() !== 0) return;
  swept = true;
  let mounts: string;
  try {
    mounts = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return;
  }
  for (const line of mounts.split("\n")) {
    const [source, target] = line.split(" ");
    if (source !== MOUNT_SOURCE || target === undefined || basename(target) !== "data") continue;
    const work = dirname(target);
    if (dirname(work) !== parent || !basename(work).startsWith(prefix)) continue;
    if (ownerAlive(join(work, "owner.pid"))) continue;
    spawnSync("umount", ["-l", target], { stdio: "ignore" });
    rmSync(work, { recursive: true, force: true });
  }
}

function ownerAlive(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8").trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
