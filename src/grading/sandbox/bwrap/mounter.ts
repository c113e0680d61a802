/**
 * Mounts and unmounts run tmpfs folders on the host. Every process Node starts costs a fork
 * of the whole Node process (8-10 ms of its main thread on the 2-core machine this was
 * written on), and each mount(8) or umount(8) a process start of its own. A long-lived root
 * helper (python/sandbox/mount_helper.py) makes the calls themselves, in microseconds; but
 * starting it is such a fork plus a Python start, which a cold `roadwork grade` (one tmpfs,
 * mounted by its run's wrapper, see argv.ts) never wins back: measured, starting it there
 * made the cold verdict 6 ms slower. So the helper starts in the background with a
 * process's second tmpfs (a server, a worker, `content check`), and is used once it has
 * answered; until then mount(8) and umount(8) are started directly, and runs given no files
 * have their wrapper mount their tmpfs (wrapperShouldMount). It does not keep the process
 * alive while idle. Node removes the folder after an unmount.
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { rmdir } from "node:fs/promises";
import type { Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { silentLog, type Log } from "../../../log.js";
import { MOUNT_HELPER_SCRIPT, SYSTEM_PYTHON } from "./python-files.js";

const exec = promisify(execFile);

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

  constructor(
    private readonly runsDir: string,
    private readonly log: Log = silentLog,
  ) {}

  /**
   * Whether a run given no files should have its wrapper mount its tmpfs (a process start in
   * the run's own chain) rather than this mounter (a call in the helper): until the helper answers.
   */
  wrapperShouldMount(): boolean {
    return !this.helperReady;
  }

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
    try {
      // On the thread pool: right after an unmount this rmdir can wait on the kernel's mount
      // lock for milliseconds, which held up every other grading on the main thread.
      await rmdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }

  private async umountDirectly(path: string): Promise<void> {
    try {
      await exec("/usr/bin/umount", ["-n", path]);
    } catch (error) {
      // Nothing mounted there: a run whose wrapper never got as far as mounting (workspace.ts).
      if (/not mounted/.test(String((error as { stderr?: unknown }).stderr))) return;
      try {
        await exec("/usr/bin/umount", ["-n", "-l", path]);
      } catch (lazy) {
        // The rmdir after it then fails too, and the run's clean-up reports that step.
        this.log.warn({ err: lazy, path }, "detaching a run's tmpfs failed");
      }
    }
  }

  private startHelper(): void {
    let child: ChildProcess;
    try {
      child = spawn(SYSTEM_PYTHON, ["-I", "-S", MOUNT_HELPER_SCRIPT, this.runsDir], { stdio: ["pipe", "pipe", "inherit"], env: { PATH: "/usr/bin:/bin" }, cwd: "/" });
    } catch (error) {
      this.log.warn({ err: error, runsDir: this.runsDir }, "the mount helper did not start; runs use mount(8) and umount(8)");
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
      (error: unknown) => this.log.warn({ err: error, runsDir: this.runsDir }, "the mount helper did not answer; runs use mount(8) and umount(8)"),
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
