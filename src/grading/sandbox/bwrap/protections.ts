/**
 * What this machine offers the sandbox, checked once per process by trying each piece
 * (not just looking for files): a tiny sandbox really starts as an unprivileged uid, a
 * cgroup really takes a limit, the seccomp builder really builds.
 */
import { existsSync } from "node:fs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { ProtectionReport } from "../types.js";
import type { CgroupDriver } from "./cgroups.js";

const exec = promisify(execFile);

export interface ProtectionProbe {
  isRoot: boolean;
  cgroups: CgroupDriver | { missing: string };
  /** Path of the built filter, or why it could not be built. */
  seccomp: { path: string } | { missing: string };
  /** Starts `/usr/bin/true` in a minimal sandbox as `uid`; resolves with an error message or undefined. */
  trySandbox: () => Promise<string | undefined>;
}

export async function checkProtections(probe: ProtectionProbe): Promise<ProtectionReport[]> {
  const reports: ProtectionReport[] = [];
  const add = (name: string, essential: boolean, active: boolean, detail: string): void => {
    reports.push({ name, essential, active, detail });
  };

  add("per-run uids", true, probe.isRoot, probe.isRoot ? "running as root: each run gets its own unprivileged uid (setpriv) and its own tmpfs" : "not running as root: runs cannot get their own uid or a sized tmpfs; start roadwork as root (sudo)");
  const bwrap = await version("/usr/bin/bwrap", ["--version"]);
  add("bubblewrap", true, bwrap.ok, bwrap.ok ? bwrap.text : `/usr/bin/bwrap ${bwrap.text}; install it: apt-get install bubblewrap`);
  const setpriv = await version("/usr/bin/setpriv", ["--version"]);
  add("setpriv", true, setpriv.ok, setpriv.ok ? setpriv.text : `/usr/bin/setpriv ${setpriv.text}; install it: apt-get install util-linux`);
  const prlimit = await version("/usr/bin/prlimit", ["--version"]);
  add("prlimit", true, prlimit.ok, prlimit.ok ? prlimit.text : `/usr/bin/prlimit ${prlimit.text}; install it: apt-get install util-linux`);
  const python = existsSync("/usr/bin/python3");
  add("python3", true, python, python ? "/usr/bin/python3 runs learner code" : "/usr/bin/python3 is missing; install it: apt-get install python3");

  if (bwrap.ok && (setpriv.ok || !probe.isRoot)) {
    const failure = await probe.trySandbox();
    add("user namespaces", true, failure === undefined, failure === undefined ? "an unprivileged uid can start bubblewrap with new user, pid, network, mount, ipc and uts namespaces" : `a test sandbox did not start: ${failure}. Enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)`);
  } else {
    add("user namespaces", true, false, "not tested: needs bubblewrap and setpriv");
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

async function version(file: string, args: string[]): Promise<{ ok: boolean; text: string }> {
  if (!existsSync(file)) return { ok: false, text: "is not installed" };
  try {
    const { stdout } = await exec(file, args, { timeout: 5_000 });
    return { ok: true, text: stdout.trim().split("\n")[0] ?? file };
  } catch (error) {
    return { ok: false, text: `does not run: ${(error as Error).message}` };
  }
}
