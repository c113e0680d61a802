/**
 * Leftovers of a roadwork process that died mid-run (killed, crashed, machine reset without
 * reboot): its run tmpfs mounts, forwarder sockets and shared /etc folder. Run folders are named
 * "<pid>-<random>"; those of a process that is gone are unmounted and removed at start.
 */
import { readdirSync, rmSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import type { HostPaths } from "./host-paths.js";

export function sweepLeftovers(paths: HostPaths): void {
  for (const name of list(paths.runs)) {
    if (ownerAlive(name)) continue;
    const dir = join(paths.runs, name);
    try {
      execFileSync("/usr/bin/umount", ["-n", "-l", dir], { stdio: "ignore" });
    } catch {
      // Not mounted any more.
    }
    try {
      rmdirSync(dir);
    } catch {
      // Not empty or busy: leave it for an operator rather than delete blindly.
    }
  }
  for (const name of list(paths.sockets)) {
    if (!ownerAlive(name)) rmSync(join(paths.sockets, name), { recursive: true, force: true });
  }
  // Shared /etc folders are named shared-PID (see etc-files.ts).
  for (const name of list(paths.etc)) {
    const match = /^shared-(\d+)(\.tmp)?$/.exec(name);
    if (match?.[1] !== undefined && !ownerAlive(match[1])) rmSync(join(paths.etc, name), { recursive: true, force: true });
  }
}

function ownerAlive(name: string): boolean {
  const pid = Number.parseInt(name.split("-")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
