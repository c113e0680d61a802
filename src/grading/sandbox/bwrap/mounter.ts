/**
 * Mounts and unmounts run tmpfs folders on the host. Every process Node starts costs a fork
 * of the whole Node process (8-10 ms of its main thread on the 2-core machine this was
 * written on), so mount(8) and umount(8) are not started from Node once a helper runs: a
 * root shell reading commands on stdin, which starts them itself (a fork of a small shell).
 * Starting the helper is itself such a fork, which a cold `roadwork grade` (one tmpfs to
 * mount and unmount) does not win back: measured, it made the cold verdict 6 ms slower. So
 * the first tmpfs of a process is mounted and unmounted with mount(8) and umount(8)
 * directly, and the helper starts in the background with the second (a server, a worker,
 * `content check`). It does not keep the process alive while idle.
 *
 * The protocol, one command a line, answered in order:
 *
 *   ping                          ->  ok
 *   mount NAME SIZE_BYTES INODES  ->  ok | err MESSAGE
 *   umount NAME                   ->  ok               (unmounted, detached if busy, or not mounted)
 *
 * NAME must be a run folder name ("<pid>-<hex>"), directly inside the runs folder, and the
 * numbers digits: the helper touches nothing else. Node removes the folder after umount.
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmdirSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The helper: $1 is the runs folder. Arguments are checked as digits and run names, never run as code. */
export const MOUNT_HELPER_SCRIPT = [
  'runs=$1',
  'while read -r cmd name size inodes extra; do',
  '  if [ "$cmd" = ping ]; then echo ok; continue; fi',
  '  case $name in ""|*[!0-9a-f-]*) echo "err bad command"; continue;; esac',
  '  case $cmd in',
  '    mount)',
  '      case $size$inodes in ""|*[!0-9]*) echo "err bad command"; continue;; esac',
  '      if [ -n "$size" ] && [ -n "$inodes" ] && [ -z "$extra" ] && /usr/bin/mount -n -t tmpfs -o "size=$size,nr_inodes=$inodes,mode=0711,uid=0,gid=0,nosuid,nodev" roadwork-run "$runs/$name" 2>/dev/null',
  '      then echo ok; else echo "err mount(8) failed"; fi;;',
  '    umount) /usr/bin/umount -n "$runs/$name" 2>/dev/null || /usr/bin/umount -n -l "$runs/$name" 2>/dev/null; echo ok;;',
  '    *) echo "err bad command";;',
  '  esac',
  'done',
].join("\n");

/** mount(8) options of a run's tmpfs: root-owned and only passable (0711), sized in bytes and inodes. */
export function tmpfsOptions(sizeBytes: number, inodes: number): string {
  return `size=${sizeBytes},nr_inodes=${inodes},mode=0711,uid=0,gid=0,nosuid,nodev`;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Mounter {
  private helper: ChildProcess | undefined;
  /** The helper answered its first command (or a no-op): until then, mount(8) and umount(8) directly. */
  private helperReady = false;
  private helperTried = false;
  private readonly waiting: Waiter[] = [];
  private workspaces = 0;

  constructor(private readonly runsDir: string) {}

  /** Called for every run tmpfs, however mounted: the second starts the helper, once the current work is done. */
  noteWorkspace(): void {
    this.workspaces += 1;
    if (this.workspaces < 2 || this.helperTried) return;
    this.helperTried = true;
    setImmediate(() => this.startHelper());
  }

  async mount(name: string, sizeBytes: number, inodes: number): Promise<void> {
    if (this.helperReady) return this.ask(`mount ${name} ${sizeBytes} ${inodes}`);
    await exec("/usr/bin/mount", ["-n", "-t", "tmpfs", "-o", tmpfsOptions(sizeBytes, inodes), "roadwork-run", join(this.runsDir, name)]);
  }

  /** Unmounts (detaching when busy) and removes the folder. */
  async umount(name: string): Promise<void> {
    const path = join(this.runsDir, name);
    if (this.helperReady) await this.ask(`umount ${name}`).catch(() => this.umountDirectly(path));
    else await this.umountDirectly(path);
    rmdirSync(path);
  }

  private async umountDirectly(path: string): Promise<void> {
    await exec("/usr/bin/umount", ["-n", path]).catch(() => exec("/usr/bin/umount", ["-n", "-l", path]).catch(() => undefined));
  }

  private startHelper(): void {
    let child: ChildProcess;
    try {
      child = spawn("/bin/sh", ["-c", MOUNT_HELPER_SCRIPT, "sh", this.runsDir], { stdio: ["pipe", "pipe", "ignore"], env: { PATH: "/usr/bin:/bin" }, cwd: "/" });
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
      this.helperReady = false;
      // Anything still waiting is done without the helper (umount) or reported (mount).
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error("the mount helper exited"));
    };
    child.once("error", gone);
    child.once("exit", gone);
    // Used only once it has answered.
    this.ask("ping").then(
      () => {
        if (this.helper === child) this.helperReady = true;
      },
      () => undefined,
    );
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
