/**
 * What this machine offers the sandbox, checked once per process by trying each piece
 * (not just looking for files): a tiny sandbox really starts as an unprivileged uid, a
 * cgroup really takes a limit, the seccomp builder really builds. The process starts
 * (tools' versions, the test sandbox) are remembered until the boot, kernel, sysctls or
 * tools change, when all of them worked (cacheFile).
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync, lstatSync } from "node:fs";
import { execFile } from "node:child_process";
import { release, version as kernelVersion } from "node:os";
import { promisify } from "node:util";
import type { ProtectionReport } from "../types.js";
import type { CgroupDriver } from "./cgroups.js";

const exec = promisify(execFile);

export interface ProtectionProbe {
  isRoot: boolean;
  cgroups: CgroupDriver | { missing: string };
  /** Path of the built filter, or why it could not be built. */
  seccomp: { path: string } | { missing: string };
  /** The built launcher that replaces the wrapper shell and setpriv (launcher.ts), or undefined. */
  launcher?: string | undefined;
  /** The built spawner that starts runs instead of Node's own spawn (spawner.ts), or undefined. */
  spawner?: string | undefined;
  /** Starts `/usr/bin/true` in a minimal sandbox as `uid`; resolves with an error message or undefined. */
  trySandbox: () => Promise<string | undefined>;
  /**
   * Root-only file remembering that the tools ran and a test sandbox started, keyed by the
   * boot, the kernel, the user-namespace sysctls and the tools' files (see checkKey): the
   * four process starts cost a cold `roadwork grade` tens of milliseconds. Only a check that
   * found everything working is remembered; anything else is checked again every time.
   */
  cacheFile?: string;
}

/** What the process starts found: the tools' versions and whether a test sandbox started. */
interface ToolChecks {
  bwrap: { ok: boolean; text: string };
  setpriv: { ok: boolean; text: string };
  /** undefined: started; a string: why not; null: not tried. */
  sandboxFailure: string | undefined | null;
}

const CACHE_FORMAT = 2;

export async function checkProtections(probe: ProtectionProbe): Promise<ProtectionReport[]> {
  const reports: ProtectionReport[] = [];
  const add = (name: string, essential: boolean, active: boolean, detail: string): void => {
    reports.push({ name, essential, active, detail });
  };

  add("per-run uids", true, probe.isRoot, probe.isRoot ? "running as root: each run gets its own unprivileged uid (setpriv) and its own tmpfs" : "not running as root: runs cannot get their own uid or a sized tmpfs; start roadwork as root (sudo)");
  const { bwrap, setpriv, sandboxFailure } = await toolChecks(probe);
  add("bubblewrap", true, bwrap.ok, bwrap.ok ? bwrap.text : `/usr/bin/bwrap ${bwrap.text}; install it: apt-get install bubblewrap`);
  add("setpriv", true, setpriv.ok, setpriv.ok ? setpriv.text : `/usr/bin/setpriv ${setpriv.text}; install it: apt-get install util-linux`);
  if (probe.isRoot) {
    add("sandbox launcher", false, probe.launcher !== undefined, probe.launcher !== undefined ? `${probe.launcher}: sets a run's limits, cgroups and uid in one process start instead of a shell and setpriv` : "not built (no C compiler at /usr/bin/cc, gcc or clang): each run starts a shell and setpriv, about 13 ms more CPU per run; install one: apt-get install gcc libc6-dev");
  }
  add("sandbox spawner", false, probe.spawner !== undefined, probe.spawner !== undefined ? `${probe.spawner}: starts each run's first process, so the server's main thread never forks itself` : "not built (no C compiler at /usr/bin/cc, gcc or clang, or turned off): Node forks itself for each run, a few milliseconds of the server's main thread; install one: apt-get install gcc libc6-dev");
  const python = existsSync("/usr/bin/python3");
  add("python3", true, python, python ? "/usr/bin/python3 runs learner code" : "/usr/bin/python3 is missing; install it: apt-get install python3");

  if (sandboxFailure !== null) {
    const failure = sandboxFailure;
    add("user namespaces", true, failure === undefined, failure === undefined ? "an unprivileged uid can start bubblewrap with new user, pid, network, mount, ipc and uts namespaces" : `a test sandbox did not start: ${failure}. Enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)`);
    add("rlimits", true, failure === undefined, failure === undefined ? "CPU time, file size, open files and processes per run, no core files: set by the run's wrapper (the launcher, or a shell's ulimit) before it drops to the run's uid" : "not confirmed: the test sandbox, which sets them, did not start");
  } else {
    add("user namespaces", true, false, "not tested: needs bubblewrap and setpriv");
    add("rlimits", true, false, "not tested: needs bubblewrap and setpriv");
  }

  const cg = probe.cgroups;
  if ("missing" in cg) {
    const fix = cg.missing.includes("needs root") ? "" : "; mount cgroup v1 controllers or cgroup v2 with memory, pids and cpu delegated";
    for (const name of ["cgroup memory", "cgroup pids", "cgroup cpu"]) add(name, true, false, `${cg.missing}${fix}`);
  } else {
    const where = `cgroup v${cg.version} (${cg.describe()})`;
    add("cgroup memory", true, cg.controllers.memory, cg.controllers.memory ? `memory limit per run, OOM kills recognised; ${where}` : `the memory controller is not available; ${where}`);
    add("cgroup pids", true, cg.controllers.pids, cg.controllers.pids ? "process and thread limit per run; every process of a run can be found and killed" : `the pids controller is not available; ${where}`);
    add("cgroup cpu", true, cg.controllers.cpu, cg.controllers.cpu ? "CPU time of all processes of a run counted together" : `the cpuacct (v1) or cpu (v2) controller is not available; only per-process RLIMIT_CPU applies`);
  }

  const sc = probe.seccomp;
  const seccompFix = "missing" in sc && sc.missing.includes("needs root") ? "" : "; install python3-seccomp: apt-get install python3-seccomp";
  add("seccomp filter", true, "path" in sc, "path" in sc ? `built with python3-seccomp, cached at ${sc.path}` : `${sc.missing}${seccompFix}`);

  const nsenter = existsSync("/usr/bin/nsenter");
  add("forwarder (nsenter)", false, nsenter, nsenter ? "web apps in the sandbox are reached through nsenter --net" : "/usr/bin/nsenter is missing: web-app projects cannot be graded; install util-linux");
  return reports;
}

async function toolChecks(probe: ProtectionProbe): Promise<ToolChecks> {
  const key = probe.cacheFile === undefined ? undefined : checkKey(probe.isRoot, probe.launcher);
  if (probe.cacheFile !== undefined && key !== undefined) {
    const cached = readCache(probe.cacheFile, key);
    if (cached !== undefined) return cached;
  }
  const [bwrap, setpriv] = await Promise.all([version("/usr/bin/bwrap", ["--version"]), version("/usr/bin/setpriv", ["--version"])]);
  const sandboxFailure = bwrap.ok && (setpriv.ok || !probe.isRoot) ? await probe.trySandbox() : null;
  const checks: ToolChecks = { bwrap, setpriv, sandboxFailure };
  if (probe.cacheFile !== undefined && key !== undefined && bwrap.ok && setpriv.ok && sandboxFailure === undefined) {
    writeCache(probe.cacheFile, key, checks);
  }
  return checks;
}

/**
 * Everything the process starts depend on: a reboot, a kernel update, a changed sysctl or
 * a reinstalled tool (inode, size, times) gives another key. undefined: cannot tell, no cache.
 */
function checkKey(isRoot: boolean, launcher: string | undefined): string | undefined {
  try {
    // The launcher's name holds the hash of its source: the test sandbox started through this one.
    const parts = [`format ${CACHE_FORMAT}`, `root ${isRoot}`, `uid ${process.getuid?.() ?? -1}`, `launcher ${launcher ?? "-"}`, release(), kernelVersion()];
    parts.push(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
    for (const sysctl of ["/proc/sys/user/max_user_namespaces", "/proc/sys/kernel/unprivileged_userns_clone"]) {
      parts.push(`${sysctl} ${readOptional(sysctl)}`);
    }
    for (const tool of ["/usr/bin/bwrap", "/usr/bin/setpriv", "/bin/dash"]) {
      const st = statSync(tool);
      parts.push(`${tool} ${st.ino} ${st.size} ${st.mode} ${st.uid} ${st.mtimeMs} ${st.ctimeMs}`);
    }
    return parts.join("\n");
  } catch {
    return undefined;
  }
}

function readOptional(path: string): string {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return "-";
  }
}

/** The cached checks when the file is ours, not a link, and written under the same key. */
function readCache(file: string, key: string): ToolChecks | undefined {
  try {
    const st = lstatSync(file);
    if (!st.isFile() || st.uid !== (process.getuid?.() ?? 0) || (st.mode & 0o077) !== 0) return undefined;
    // Written only after every tool ran and a test sandbox started (see toolChecks).
    const data = JSON.parse(readFileSync(file, "utf8")) as { key?: unknown; bwrap?: ToolChecks["bwrap"]; setpriv?: ToolChecks["setpriv"] };
    if (data.key !== key) return undefined;
    const { bwrap, setpriv } = data;
    if (bwrap === undefined || setpriv === undefined) return undefined;
    if (bwrap.ok !== true || setpriv?.ok !== true) return undefined;
    return { bwrap, setpriv, sandboxFailure: undefined };
  } catch {
    return undefined;
  }
}

function writeCache(file: string, key: string, checks: ToolChecks): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify({ key, bwrap: checks.bwrap, setpriv: checks.setpriv }), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // Not remembered: the next process checks again.
  }
}

async function version(file: string, args: string[]): Promise<{ ok: boolean; text: string }> {
  if (!existsSync(file)) return { ok: false, text: "is not installed" };
  try {
    const { stdout } = await exec(file, args, { timeout: 5_000 });
    return { ok: true, text: stdout.trim().split("\n")[0] ?? file };
  } catch (error) {
    return { ok: false, text: `does not run: ${(error as Error).message}` };
  }
}
