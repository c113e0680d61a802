/**
 * The seccomp filter, as raw BPF for bwrap --seccomp FD. Built once by
 * python/sandbox/seccomp_filter.py (Debian's python3-seccomp) and cached in a root-only
 * folder under the hash of that script, so a run pays for opening a file, not for Python.
 */
import { createHash } from "node:crypto";
import { readFileSync, existsSync, lstatSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { SECCOMP_SCRIPT, SYSTEM_PYTHON } from "./python-files.js";

const run = promisify(execFile);

/** Path of the cached BPF for the current script, building it when missing. */
export async function ensureSeccompFilter(cacheDir: string): Promise<string> {
  const script = readFileSync(SECCOMP_SCRIPT);
  const key = createHash("sha256").update(script).update(process.arch).digest("hex").slice(0, 32);
  const path = join(cacheDir, `${key}.bpf`);
  if (isUsable(path)) return path;
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await run(SYSTEM_PYTHON, ["-I", SECCOMP_SCRIPT, temp], { timeout: 20_000 });
    renameSync(temp, path);
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
  if (!isUsable(path)) throw new Error(`the seccomp builder wrote no filter to ${path}`);
  return path;
}

/** A cached filter counts only when it is a non-empty regular file of ours (8-byte BPF instructions). */
function isUsable(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isFile() && st.uid === (process.getuid?.() ?? 0) && st.size > 0 && st.size % 8 === 0;
  } catch {
    return false;
  }
}
