/**
 * The sandbox launcher (native/sandbox-launch.c): one small static program that does what a
 * run's wrapper shell and setpriv did (close inherited descriptors, mount the tmpfs, set the
 * rlimits, join the cgroups, drop to the run's uid with no groups and no capabilities,
 * no_new_privs) and execs bubblewrap. Each exec on the chain is a process start, and those
 * two cost a run about 13 ms of CPU (setpriv alone 6-8: it loads the NSS modules to look the
 * uid up as a name first); the launcher about 1.
 *
 * Built once per machine with the system's C compiler and cached, like the seccomp filter,
 * in the root-only cache folder under the hash of its source. Without a compiler (or when
 * the build fails) runs keep the shell and setpriv: nothing is lost but the time.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { existsSync, lstatSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { PACKAGE_ROOT } from "../../../package-root.js";

const run = promisify(execFile);

export const LAUNCHER_SOURCE = join(PACKAGE_ROOT, "native", "sandbox-launch.c");
/** The spawner (spawner.ts), built the same way. */
export const SPAWNER_SOURCE = join(PACKAGE_ROOT, "native", "sandbox-spawn.c");
const COMPILERS = ["/usr/bin/cc", "/usr/bin/gcc", "/usr/bin/clang"];

/** Path of the built launcher for the current source, building it when missing; undefined when it cannot be built. */
export function ensureLauncher(cacheDir: string): Promise<string | undefined> {
  return ensureNativeProgram(LAUNCHER_SOURCE, cacheDir);
}

/** Path of the built spawner, as ensureLauncher. */
export function ensureSpawner(cacheDir: string): Promise<string | undefined> {
  return ensureNativeProgram(SPAWNER_SOURCE, cacheDir);
}

async function ensureNativeProgram(sourcePath: string, cacheDir: string): Promise<string | undefined> {
  let source: Buffer;
  try {
    source = readFileSync(sourcePath);
  } catch {
    return undefined;
  }
  const key = createHash("sha256").update(source).update(process.arch).digest("hex").slice(0, 32);
  const path = join(cacheDir, `${basename(sourcePath, ".c")}-${key}`);
  if (isUsable(path)) return path;
  const compiler = COMPILERS.find((file) => existsSync(file));
  if (compiler === undefined) return undefined;
  const temp = `${path}.${process.pid}.tmp`;
  try {
    // Static: a dynamically linked program pays the loader at every run's start.
    await run(compiler, ["-O2", "-static", "-o", temp, sourcePath], { timeout: 60_000 });
    renameSync(temp, path);
  } catch {
    return undefined;
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
  return isUsable(path) ? path : undefined;
}

/** A cached launcher counts only when it is a regular file of ours that only we can change. */
function isUsable(path: string): boolean {
  try {
    const st = lstatSync(path);
    return st.isFile() && st.uid === (process.getuid?.() ?? 0) && (st.mode & 0o022) === 0 && (st.mode & 0o100) !== 0 && st.size > 0;
  } catch {
    return false;
  }
}
