/**
 * Host folders given in spec.mounts. bwrap binds them as the run's uid, so a mount must be
 * reachable by that uid: every folder above it searchable by others (o+x), and, for a
 * read-only mount, its contents readable by others. A writable mount is handed over to the
 * run's uid (lchown of the whole tree, never following links), so the identity that runs
 * there can write its files; the host must never follow links inside it afterwards.
 */
import { closeSync, constants, fchownSync, fstatSync, lchownSync, lstatSync, openSync, readdirSync, statSync } from "node:fs";
import { dirname, posix } from "node:path";
import { RoadworkError } from "../../../errors.js";
import type { SandboxMount } from "../types.js";
import type { MountPlan } from "./argv.js";

/** Inside paths a mount may not cover: the system and the sandbox's own plumbing. */
const RESERVED = ["/", "/usr", "/proc", "/dev", "/etc", "/lib", "/lib64", "/bin", "/sbin", "/tmp", "/work"];
/** Entries chowned at most in one writable mount (an app folder, a data folder). */
const MAX_CHOWN_ENTRIES = 50_000;

export function planMounts(mounts: readonly SandboxMount[] | undefined, uid: number): MountPlan[] {
  const plans: MountPlan[] = [];
  for (const mount of mounts ?? []) {
    const sandboxPath = posix.normalize(mount.sandboxPath);
    if (!posix.isAbsolute(sandboxPath) || sandboxPath.includes("\0") || RESERVED.includes(sandboxPath.replace(/\/$/, "") || "/")) {
      throw new RoadworkError("BAD_INPUT", `cannot mount at ${mount.sandboxPath} inside the sandbox: use an absolute path that is not a system folder (/work/app, /data, ...)`);
    }
    if (sandboxPath.startsWith("/proc/") || sandboxPath.startsWith("/dev/") || sandboxPath.startsWith("/usr/")) {
      throw new RoadworkError("BAD_INPUT", `cannot mount at ${mount.sandboxPath}: that is inside a system folder`);
    }
    const writable = mount.writable === true;
    checkReachable(mount.hostPath, writable);
    if (writable) chownTree(mount.hostPath, uid);
    plans.push({ hostPath: mount.hostPath, sandboxPath, writable });
  }
  return plans;
}

function checkReachable(hostPath: string, writable: boolean): void {
  if (!posix.isAbsolute(hostPath)) throw new RoadworkError("BAD_INPUT", `mount source ${hostPath} must be an absolute host path`);
  let st;
  try {
    st = lstatSync(hostPath);
  } catch {
    throw new RoadworkError("BAD_INPUT", `mount source ${hostPath} does not exist`);
  }
  if (st.isSymbolicLink()) throw new RoadworkError("BAD_INPUT", `mount source ${hostPath} is a symbolic link; give the real path`);
  for (let dir = dirname(hostPath); ; dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      throw new RoadworkError(
        "INFRASTRUCTURE",
        `mount source ${hostPath} is not reachable by the sandbox's uid: ${dir} is not searchable by others (chmod o+x ${dir}, or keep mount folders under a folder with mode 0711 or 0755)`,
      );
    }
    if (dir === "/") break;
  }
  if (!writable && (st.mode & (st.isDirectory() ? 0o005 : 0o004)) !== (st.isDirectory() ? 0o005 : 0o004)) {
    throw new RoadworkError("INFRASTRUCTURE", `read-only mount source ${hostPath} is not readable by others (chmod -R o+rX ${hostPath})`);
  }
}

/**
 * lchown of a tree to the run's uid: links are changed themselves, never followed. Another
 * run of the same identity could be changing the tree meanwhile (a folder swapped for a
 * link to /etc between our lstat and our readdir), so every folder is opened with
 * O_NOFOLLOW and then only reached through its open descriptor (/proc/self/fd/N/...): a
 * swapped name is refused by the open, never walked into.
 */
function chownTree(root: string, uid: number): void {
  let budget = MAX_CHOWN_ENTRIES;
  const visitDir = (path: string): void => {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    } catch {
      return; // Swapped for something else meanwhile: not ours to follow.
    }
    try {
      const here = `/proc/self/fd/${fd}`;
      const st = fstatSync(fd);
      if (st.uid !== uid || st.gid !== uid) fchownSync(fd, uid, uid);
      for (const name of readdirSync(here)) {
        if (--budget < 0) throw new RoadworkError("BAD_INPUT", `writable mount ${root} has more than ${MAX_CHOWN_ENTRIES} entries`);
        const child = `${here}/${name}`;
        let entry;
        try {
          entry = lstatSync(child);
        } catch {
          continue;
        }
        if (entry.isDirectory()) visitDir(child);
        // A hard link to a file elsewhere would hand that file over too: leave such files alone.
        else if (entry.nlink === 1 && (entry.uid !== uid || entry.gid !== uid)) lchownSync(child, uid, uid);
      }
    } finally {
      closeSync(fd);
    }
  };
  const top = lstatSync(root);
  if (top.isDirectory()) visitDir(root);
  else if (top.nlink === 1 && (top.uid !== uid || top.gid !== uid)) lchownSync(root, uid, uid);
}
