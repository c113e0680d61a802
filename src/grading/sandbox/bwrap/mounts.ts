/**
 * Host folders given in spec.mounts. bwrap binds them as the run's uid, so a mount must be
 * reachable by that uid: every folder above it searchable by others (o+x), and, for a
 * read-only mount, its contents readable by others. A writable mount is handed over to the
 * run's uid (lchown of the whole tree, never following links), so the identity that runs
 * there can write its files; the host must never follow links inside it afterwards.
 */
import { lchownSync, lstatSync, readdirSync, statSync } from "node:fs";
import { dirname, join, posix } from "node:path";
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

/** lchown of a tree to the run's uid: links are changed themselves, never followed. */
function chownTree(root: string, uid: number): void {
  let budget = MAX_CHOWN_ENTRIES;
  const visit = (path: string): void => {
    if (--budget < 0) throw new RoadworkError("BAD_INPUT", `writable mount ${root} has more than ${MAX_CHOWN_ENTRIES} entries`);
    const st = lstatSync(path);
    // A hard link to a file elsewhere would hand that file over too: leave such files alone.
    if (!st.isDirectory() && st.nlink > 1) return;
    if (st.uid !== uid || st.gid !== uid) lchownSync(path, uid, uid);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
}
