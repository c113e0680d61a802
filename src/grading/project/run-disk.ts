/**
 * The app's disk: /app (its copied folder) and /data (the SQLite database and uploads), both
 * writable, both kept across restarts, so both are host folders rather than the sandbox's
 * private tmpfs. As root they live on one tmpfs of the run's own mounted on the host: first
 * sized for the copy, then, once the app's files are in, shrunk to what they use plus the
 * project's disk limit, so that everything the app writes into either folder counts against
 * that one limit, and filling it is reported by name ("disk limit 64 MiB reached").
 * Without root they are plain folders, bounded only per file by the sandbox's file-size limit.
 *
 *   <work>/disk/app    /app
 *   <work>/disk/data   /data (data/uploads: UPLOAD_DIR)
 */
import { spawnSync } from "node:child_process";
import { chownSync, mkdirSync, readFileSync, rmSync, statfsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Log } from "../../log.js";
import { lockOwner, processGone } from "../../process-gone.js";
import type { LimitHit } from "../report.js";
import { formatBytes } from "../sandbox/limits.js";

/** Free space below which the disk counts as full: a write needs whole pages. */
const FULL_MARGIN_BYTES = 64 * 1024;
const MOUNT_SOURCE = "roadwork-data";

export interface RunDisk {
  app: string;
  data: string;
  uploads: string;
  /** True when the folders' total size is bounded (a sized tmpfs). */
  bounded: boolean;
  /** What the app may write beyond its own files. */
  limitBytes: number;
  /** The data folder becomes the sandbox identity's (the app runs as that uid). */
  giveDataTo(uid: number): void;
  /** Called once the app's files are copied in: from now on only limitBytes more fit. */
  fitToContents(): void;
  /** The limit, when the app filled the disk (or its inodes); undefined otherwise. */
  limitHit(): LimitHit | undefined;
  remove(): void;
}

export interface RunDiskOptions {
  limitBytes: number;
  /** The most the app's copied folder can take (the copy's own limit). */
  maxAppBytes: number;
  log: Log;
}

export function createRunDisk(path: string, options: RunDiskOptions): RunDisk {
  const { limitBytes, log } = options;
  mkdirSync(path, { mode: 0o711 });
  const root = process.getuid?.() === 0;
  let bounded = false;
  if (root) {
    const mounted = spawnSync("mount", ["-n", "-t", "tmpfs", "-o", tmpfsOptions(options.maxAppBytes + limitBytes, limitBytes), MOUNT_SOURCE, path], { encoding: "utf8" });
    bounded = mounted.status === 0;
    if (!bounded) log.warn({ path, stderr: mounted.stderr.trim() }, "the app's disk could not be mounted as a sized tmpfs; /app and /data are unbounded for this run");
  }
  const app = join(path, "app");
  const data = join(path, "data");
  const uploads = join(data, "uploads");
  mkdirSync(app, { mode: 0o755 });
  mkdirSync(data, { mode: 0o700 });
  mkdirSync(uploads, { mode: 0o700 });
  return {
    app,
    data,
    uploads,
    bounded,
    limitBytes,
    giveDataTo(uid) {
      if (!root) return;
      chownSync(data, uid, uid);
      chownSync(uploads, uid, uid);
    },
    fitToContents() {
      if (!bounded) return;
      const used = usedBytes(path);
      const remounted = spawnSync("mount", ["-n", "-o", `remount,${tmpfsOptions(used + limitBytes, limitBytes)}`, path], { encoding: "utf8" });
      if (remounted.status !== 0) log.warn({ path, used, stderr: remounted.stderr.trim() }, "the app's disk could not be shrunk to its files plus the disk limit");
    },
    limitHit() {
      if (!bounded) return undefined;
      let full: boolean;
      try {
        const st = statfsSync(path);
        full = st.bavail * st.bsize < FULL_MARGIN_BYTES || st.ffree === 0;
      } catch (error) {
        log.warn({ path, err: error }, "cannot look at the app's disk");
        return undefined;
      }
      return full ? { limit: "disk", message: `disk limit ${formatBytes(limitBytes)} reached (what the app writes into /app and /data together)` } : undefined;
    },
    remove() {
      // Lazy unmount: never follow anything inside the folder the app wrote; the tmpfs just goes.
      if (bounded) spawnSync("umount", ["-l", path], { stdio: "ignore" });
      rmSync(path, { recursive: true, force: true });
    },
  };
}

function tmpfsOptions(sizeBytes: number, limitBytes: number): string {
  // Inodes bounded too: empty files cost the kernel memory that no size counts.
  const inodes = 4096 + Math.floor(limitBytes / 4096);
  return `size=${sizeBytes},nr_inodes=${inodes},mode=0711,nosuid,nodev,noexec`;
}

function usedBytes(path: string): number {
  const st = statfsSync(path);
  return (st.blocks - st.bfree) * st.bsize;
}

let swept = false;

/**
 * A grader that crashed (or was killed) leaves its disk tmpfs mounted. Once per process,
 * unmount and remove those whose work folder names a process that is gone (owner.pid).
 */
export function sweepStaleRunDisks(parent: string, prefix: string, log: Log): void {
  if (swept || process.getuid?.() !== 0) return;
  swept = true;
  let mounts: string;
  try {
    mounts = readFileSync("/proc/self/mounts", "utf8");
  } catch (error) {
    log.warn({ err: error }, "cannot read /proc/self/mounts to sweep disks left by dead graders");
    return;
  }
  for (const line of mounts.split("\n")) {
    const [source, target] = line.split(" ");
    // "data": the name of the folder before /app joined /data on this tmpfs.
    if (source !== MOUNT_SOURCE || target === undefined || !["disk", "data"].includes(basename(target))) continue;
    const work = dirname(target);
    if (dirname(work) !== parent || !basename(work).startsWith(prefix)) continue;
    if (ownerAlive(join(work, "owner.pid"))) continue;
    spawnSync("umount", ["-l", target], { stdio: "ignore" });
    rmSync(work, { recursive: true, force: true });
  }
}

function ownerAlive(pidFile: string): boolean {
  const pid = lockOwner(pidFile);
  return pid !== undefined && Number.isInteger(pid) && pid > 0 && !processGone(pid);
}
