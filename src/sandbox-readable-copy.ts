/**
 * A folder of the package that the sandbox mounts (python/harness), at a path every sandbox
 * uid can reach. bubblewrap binds a mount as the run's uid, so the folder and every folder
 * above it must be searchable by others, and a checkout in a private home is not (Debian 12
 * makes home folders 0700). So, as root, roadwork mounts a copy instead:
 *
 * - under /run/roadwork-sandbox/files (root's, 0711 on the way down; cleared at reboot);
 * - one folder per content hash of the sources, so two versions on one machine never share
 *   one, and a changed source gets a new copy at the next start;
 * - owned by root, folders 0755 and files 0644: the sandbox's uids read it, never write it;
 * - built in a private folder and renamed into place whole, so no process sees half a copy.
 *
 * Finding the existing copy costs a hash of the sources (about 90 KB) and a few lstat calls,
 * which a cold `roadwork grade` can afford. Without root the sandbox runs as the caller, who
 * reaches the sources where they are.
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

export const SANDBOX_FILES_ROOT = "/run/roadwork-sandbox/files";

/** Returns the path to mount for `source`: its root-owned copy as root, else `source` itself. */
export function sandboxReadableCopy(source: string, name: string, root = SANDBOX_FILES_ROOT): string {
  if (process.getuid?.() !== 0) return source;
  try {
    return ensureCopy(source, name, root);
  } catch {
    // Mount the sources themselves: when they are unreachable, the sandbox's mount check
    // names the folder that is in the way, which says more than this failure would.
    return source;
  }
}

function ensureCopy(source: string, name: string, root: string): string {
  const files = listFiles(source);
  const target = join(root, `${name}-${contentHash(source, files)}`);
  ensureRootFolder(dirname(root));
  ensureRootFolder(root);
  if (isOurCopy(target)) return target;
  const building = mkdtempSync(join(root, `.${name}-`));
  try {
    for (const file of files) {
      const to = join(building, file);
      mkdirSync(dirname(to), { recursive: true, mode: 0o755 });
      copyFileSync(join(source, file), to);
      chmodSync(to, 0o644);
    }
    chmodSync(building, 0o755);
    try {
      renameSync(building, target);
    } catch (error) {
      // Another process put the same copy in place first: use that one.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== "ENOTEMPTY" && code !== "EEXIST") || !isOurCopy(target)) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return target;
}

/** Regular files under `dir`, relative and sorted; bytecode caches are not sources. */
function listFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== "__pycache__") out.push(...listFiles(dir, relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out.sort();
}

function contentHash(dir: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(join(dir, file))).update("\0");
  return hash.digest("hex").slice(0, 20);
}

/** A folder of ours: root's, not a link, writable by nobody else, passable by everyone. */
function ensureRootFolder(path: string): void {
  // Looked at first: it exists on every run but the first, and a failed mkdir costs more.
  let st = lstatSync(path, { throwIfNoEntry: false });
  if (st === undefined) {
    try {
      mkdirSync(path, { mode: 0o711 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    st = lstatSync(path);
  }
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) throw new Error(`${path} is not a folder that only root can change`);
  if ((st.mode & 0o011) !== 0o011) chmodSync(path, (st.mode & 0o777) | 0o011);
}

function isOurCopy(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isDirectory() && st.uid === 0 && (st.mode & 0o777) === 0o755;
  } catch {
    return false;
  }
}
