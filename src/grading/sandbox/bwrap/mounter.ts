/**
 * Mounts and unmounts run tmpfs folders through python/sandbox/mount_helper.py, one
 * long-lived root helper per process, instead of spawning mount(8) and umount(8) for every
 * run (about 2 ms each). The helper itself takes 20-30 ms to start, which a cold
 * `roadwork grade` (two mounts) would wait for: so the first mounts of a process use
 * mount(8), and the helper starts (in the background) only once a process mounts more.
 * Falls back to mount(8)/umount(8) when the helper is not running. The helper does not
 * keep the process alive while idle.
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmdirSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { MOUNT_HELPER_SCRIPT, SYSTEM_PYTHON } from "./python-files.js";

const exec = promisify(execFile);

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** mount(8) options of a run's tmpfs: root-owned and only passable (0711), sized in bytes and inodes. */
export function tmpfsOptions(sizeBytes: number, inodes: number): string {
  return `size=${sizeBytes},nr_inodes=${inodes},mode=0711,uid=0,gid=0,nosuid,nodev`;
}

export class Mounter {
  private helper: ChildProcess | undefined;
  private helperTried = false;
  private readonly waiting: Waiter[] = [];
  /** Mounts before the helper is worth starting: one cold grading (solution and harness). */
  private directMountsLeft = 2;

  constructor(private readonly runsDir: string) {}

  async mount(name: string, sizeBytes: number, inodes: number): Promise<void> {
    if (this.directMountsLeft > 0) this.directMountsLeft -= 1;
    else if (!this.helperTried) {
      this.helperTried = true;
      this.startHelper();
    }
    if (this.helper !== undefined) return this.ask(`mount ${name} ${sizeBytes} ${inodes}`);
    const options = tmpfsOptions(sizeBytes, inodes);
    await exec("/usr/bin/mount", ["-n", "-t", "tmpfs", "-o", options, "roadwork-run", join(this.runsDir, name)]);
  }

  /** Unmounts (detaching when busy) and removes the folder. */
  async umount(name: string): Promise<void> {
    if (this.helper !== undefined) return this.ask(`umount ${name}`);
    const path = join(this.runsDir, name);
    await exec("/usr/bin/umount", ["-n", path]).catch(() => exec("/usr/bin/umount", ["-n", "-l", path]).catch(() => undefined));
    rmdirSync(path);
  }

  private startHelper(): void {
    let child: ChildProcess;
    try {
      child = spawn(SYSTEM_PYTHON, ["-I", "-S", MOUNT_HELPER_SCRIPT, this.runsDir], { stdio: ["pipe", "pipe", "inherit"], env: { PATH: "/usr/bin:/bin" }, cwd: "/" });
    } catch {
      return;
    }
    this.helper = child;
    child.stdin?.on("error", () => undefined);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const waiter = this.waiting.shift();
      if (waiter === undefined) return;
      if (line === "ok") waiter.resolve();
      else waiter.reject(new Error(line.replace(/^err /, "")));
      this.refWhileBusy();
    });
    const gone = (): void => {
      if (this.helper !== child) return;
      this.helper = undefined;
      // Anything still waiting is retried without the helper.
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error("the mount helper exited"));
    };
    child.once("error", gone);
    child.once("exit", gone);
    this.refWhileBusy();
  }

  private ask(command: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.refWhileBusy();
      this.helper?.stdin?.write(`${command}\n`);
    });
  }

  /** The helper holds the event loop only while an answer is awaited. */
  private refWhileBusy(): void {
    const child = this.helper;
    if (child === undefined) return;
    const streams = [child.stdin, child.stdout] as unknown as Array<Socket | null>;
    if (this.waiting.length > 0) {
      child.ref();
      for (const stream of streams) stream?.ref();
    } else {
      child.unref();
      for (const stream of streams) stream?.unref();
    }
  }
}
