/**
 * The private writable space of one run: a tmpfs sized to the disk limit, mounted on the
 * host in a root-only folder, holding work/ (/work inside), tmp/ (/tmp) and shm/
 * (/dev/shm), so that all three share one budget. It is mounted on the host rather than by
 * bubblewrap so that the grader can tell, after the run, whether it was filled and whether a
 * file reached the size limit. The learner's files are written before the run starts, into
 * a tmpfs nothing else has touched; after the run the host only lstat()s and unmounts it.
 *
 * Without root (allowMissingProtections) there is no mount: the folders are plain ones on
 * disk, the disk limit is not enforced, only reported when the files went past it.
 */
import { chownSync, closeSync, constants, lstatSync, mkdirSync, openSync, readdirSync, rmSync, rmdirSync, statfsSync, writeSync } from "node:fs";
import { join, posix } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { tmpfsOptions } from "./mounter.js";
import type { Mounter } from "./mounter.js";

/** Bytes left below which the tmpfs counts as full (a write needs whole pages). */
const FULL_MARGIN_BYTES = 64 * 1024;
/** Entries lstat()ed at most when looking for a file at the size limit. */
const MAX_ENTRIES_SCANNED = 20_000;

export interface WorkspaceFolders {
  work: string;
  tmp: string;
  shm: string;
}

export class Workspace {
  private constructor(
    readonly root: string,
    private readonly name: string,
    /** undefined: a plain folder, not a tmpfs (no root). */
    private readonly mounter: Mounter | undefined,
    readonly folders: WorkspaceFolders,
    private readonly uid: number,
    private readonly diskBytes: number,
  ) {}

  /** Mounts a fresh tmpfs at runsDir/name (plain folder without a mounter) with work/, tmp/ and shm/ owned by the run's uid. */
  static async create(mounter: Mounter | undefined, runsDir: string, name: string, uid: number, diskBytes: number): Promise<Workspace> {
    const root = join(runsDir, name);
    mkdirSync(root, { mode: 0o711 });
    try {
      await mounter?.mount(name, diskBytes, inodesFor(diskBytes));
    } catch (error) {
      rmdirSync(root);
      throw new RoadworkError("SANDBOX_UNAVAILABLE", `cannot mount the run's tmpfs on ${root}: ${(error as Error).message}`, { cause: error });
    }
    const workspace = new Workspace(root, name, mounter, { work: join(root, "work"), tmp: join(root, "tmp"), shm: join(root, "shm") }, uid, diskBytes);
    try {
      for (const dir of Object.values(workspace.folders)) {
        mkdirSync(dir, { mode: 0o700 });
        if (uid !== process.getuid?.()) chownSync(dir, uid, uid);
      }
    } catch (error) {
      await workspace.destroy();
      throw error;
    }
    return workspace;
  }

  /**
   * The same tmpfs, but mounted (and its folders made) by the run's wrapper script as it
   * starts (argv.ts): only the mount point is made here. For runs given no files. Once the
   * run has ended it is looked at and destroyed like any other; if the wrapper never got
   * as far as mounting, destroy() finds nothing mounted and removes the empty folder.
   */
  static forWrapper(mounter: Mounter, runsDir: string, name: string, uid: number, diskBytes: number): { workspace: Workspace; mount: { options: string; root: string } } {
    const root = join(runsDir, name);
    mkdirSync(root, { mode: 0o711 });
    const workspace = new Workspace(root, name, mounter, { work: join(root, "work"), tmp: join(root, "tmp"), shm: join(root, "shm") }, uid, diskBytes);
    return { workspace, mount: { options: tmpfsOptions(diskBytes, inodesFor(diskBytes)), root } };
  }

  /** Writes the learner's files into work/ before the run; paths are relative and stay inside. */
  writeFiles(files: Readonly<Record<string, string | Buffer>>): void {
    try {
      this.writeEach(files);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOSPC" || code === "EDQUOT") {
        throw new RoadworkError("BAD_INPUT", `the files given to the run do not fit in its disk limit (${this.diskBytes} bytes)`, { cause: error });
      }
      if (code === "EEXIST" || code === "ENOTDIR") {
        throw new RoadworkError("BAD_INPUT", `the files given to the run clash (a name is used as both a file and a folder): ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  private writeEach(files: Readonly<Record<string, string | Buffer>>): void {
    for (const [name, content] of Object.entries(files)) {
      const rel = safeRelativePath(name);
      const parts = rel.split("/");
      let dir = this.folders.work;
      for (const part of parts.slice(0, -1)) {
        dir = join(dir, part);
        try {
          mkdirSync(dir, { mode: 0o755 });
          this.giveToRun(dir);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
      }
      const path = join(this.folders.work, rel);
      // O_EXCL|O_NOFOLLOW: the tmpfs is fresh, so anything already there is a mistake.
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      try {
        const data = typeof content === "string" ? Buffer.from(content) : content;
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      } finally {
        closeSync(fd);
      }
      this.giveToRun(path);
    }
  }

  /** Hands a path to the run's uid (nothing to do when we are that uid: no root). */
  private giveToRun(path: string): void {
    if (this.uid !== process.getuid?.()) chownSync(path, this.uid, this.uid);
  }

  /** True when the run used up the space or the inodes of its tmpfs (without one: when its files add up to the limit). */
  isFull(): boolean {
    if (this.mounter === undefined) return this.totalBytes() >= this.diskBytes;
    try {
      const st = statfsSync(this.root);
      return st.bavail * st.bsize < FULL_MARGIN_BYTES || st.ffree < 2;
    } catch {
      return false;
    }
  }

  /** True when some file reached `bytes` (a write stopped by RLIMIT_FSIZE leaves it exactly there). */
  hasFileOfAtLeast(bytes: number): boolean {
    let found = false;
    this.walk((size) => {
      if (size >= bytes) found = true;
      return !found;
    });
    return found;
  }

  private totalBytes(): number {
    let total = 0;
    this.walk((size) => {
      total += size;
      return true;
    });
    return total;
  }

  /** lstat()s every file of the workspace (links never followed) until visit returns false. */
  private walk(visit: (size: number) => boolean): void {
    let budget = MAX_ENTRIES_SCANNED;
    const walkDir = (dir: string): boolean => {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return true;
      }
      for (const name of names) {
        if (--budget < 0) return false;
        const path = join(dir, name);
        let st;
        try {
          st = lstatSync(path);
        } catch {
          continue;
        }
        if (st.isFile() && !visit(st.size)) return false;
        if (st.isDirectory() && !walkDir(path)) return false;
      }
      return true;
    };
    walkDir(this.root);
  }

  /** Unmounts and removes the tmpfs; every process of the run must be gone. */
  async destroy(): Promise<void> {
    // rmSync removes links, never what they point to.
    if (this.mounter === undefined) rmSync(this.root, { recursive: true, force: true });
    else await this.mounter.umount(this.name);
  }
}

/** One inode per 4 KiB of budget: many empty files fill a tmpfs as surely as one big one. */
function inodesFor(diskBytes: number): number {
  return Math.max(1024, Math.floor(diskBytes / 4096));
}

/** "a/b.py" stays "a/b.py"; absolute paths, "..", empty names and NUL are refused. */
export function safeRelativePath(name: string): string {
  const normal = posix.normalize(name);
  if (name === "" || name.includes("\0") || posix.isAbsolute(name) || normal.startsWith("..") || normal === "." || normal.split("/").some((p) => p === "" || p === "..")) {
    throw new RoadworkError("BAD_INPUT", `file name ${JSON.stringify(name)} must be a relative path inside /work`);
  }
  return normal;
}
