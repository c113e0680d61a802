/**
 * Leftovers of a roadwork process that died mid-run (killed, crashed, machine reset without
 * reboot): its run tmpfs mounts, forwarder and spawner sockets, shared /etc folder and run cgroups. Run folders are named
 * "<pid>-<random>"; those of a process that is gone are unmounted and removed at start, in the background.
 */
import { readdirSync, readFileSync, rmSync, rmdirSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { processGone } from "../../../process-gone.js";
import type { HostPaths } from "./host-paths.js";

/**
 * Looks (two small readdirs) for leftovers of dead processes and removes them without
 * blocking the caller: a run folder that is still mounted is unmounted by a background
 * umount(8) that does not hold the process open, so a cold `roadwork grade` never waits for
 * housekeeping. Whatever is not finished now is finished by the next process.
 */
export function sweepLeftovers(paths: HostPaths): void {
  for (const name of list(paths.runs)) {
    if (ownerAlive(name)) continue;
    const dir = join(paths.runs, name);
    // Most leftovers are already unmounted (their process died after umount): no exec then.
    if (tryRmdir(dir) !== "EBUSY") continue;
    try {
      const umount = spawn("/usr/bin/umount", ["-n", "-l", dir], { stdio: "ignore", detached: true });
      umount.on("error", () => undefined);
      umount.on("exit", () => void tryRmdir(dir));
      umount.unref();
    } catch {
      // Left for the next process or an operator.
    }
  }
  for (const folder of [paths.sockets, paths.spawner]) {
    for (const name of list(folder)) {
      if (!ownerAlive(name)) rmSync(join(folder, name), { recursive: true, force: true });
    }
  }
  // Shared /etc folders are swept when a new one is built (see etc-files.ts).
}

/** "ok", or the error code: EBUSY while mounted, ENOTEMPTY when something is left in it (left for an operator). */
function tryRmdir(dir: string): string {
  try {
    rmdirSync(dir);
    return "ok";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "error";
  }
}

/**
 * Run cgroups ("roadwork-<pid>-<random>") whose owner is gone, in the folders the driver
 * makes its runs in (parents: our own cgroups, nothing else of the hierarchy): their
 * processes are killed and the folders removed.
 */
export function sweepCgroups(parents: readonly string[]): void {
  for (const parent of parents) {
    for (const name of list(parent)) {
      const match = /^roadwork-(\d+)-/.exec(name);
      if (match?.[1] === undefined || ownerAlive(match[1])) continue;
      const dir = join(parent, name);
      for (let round = 0; round < 50; round++) {
        const pids = readPids(join(dir, "cgroup.procs"));
        for (const pid of pids) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // Gone already.
          }
        }
        try {
          rmdirSync(dir);
          break;
        } catch {
          // Still busy: the killed processes are on their way out.
        }
      }
    }
  }
}

function readPids(file: string): number[] {
  try {
    return readFileSync(file, "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function ownerAlive(name: string): boolean {
  const pid = Number.parseInt(name.split("-")[0] ?? "", 10);
  return !Number.isInteger(pid) || pid <= 0 || !processGone(pid);
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
