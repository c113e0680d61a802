/**
 * The command line of one run, outermost first:
 *
 *   /bin/dash -c JOIN_CGROUPS [--mount OPTIONS ROOT UID] [--limits CPU CPU_HARD FSIZE NOFILE NPROC]
 *           N procs... setpriv ... bwrap ... -- ARGV
 *
 * The shell runs a fixed script (arguments are positional parameters, never code): with
 * --mount it first mounts the run's tmpfs on ROOT and makes work/, tmp/ and shm/ in it for
 * UID (a run nobody writes files into before it starts: doing it here rather than from Node
 * saves a fork of the whole Node process, the dearest step of a cold start); with --limits
 * it sets the rlimits with its own ulimit (RLIMIT_CPU soft and hard, FSIZE in the shell's
 * blocks, NOFILE, NPROC, and CORE 0; a prlimit(1) between shell and setpriv cost a cold
 * start 4 ms); then it writes its own pid into each cgroup.procs and execs setpriv, which
 * drops to the run's uid with no capabilities and no_new_privs and execs bwrap. Everything
 * the run starts is therefore in the cgroups, and under the rlimits, before learner code runs.
 *
 * When this process inherited descriptors without close-on-exec from whoever started it
 * (Node opens its own with O_CLOEXEC, so these can only come from outside), they would
 * reach the learner's program; then the wrapper is bash instead of dash, and closes every
 * descriptor above the ones the run is given before it goes on (dash cannot name
 * descriptors above 9).
 *
 * As root, with the launcher built (launcher.ts), the shell and setpriv are replaced by it:
 *
 *   sandbox-launch KEEP [--mount OPTIONS ROOT] [--limits CPU CPU_HARD FSIZE NOFILE NPROC]
 *                  N procs... UID -- bwrap ... -- ARGV
 *
 * the same steps in the same order in one exec (FSIZE in bytes, descriptors above KEEP always
 * closed): two process starts fewer per run.
 */
import { RoadworkError } from "../../../errors.js";
import type { SandboxLimits } from "../types.js";
import type { EtcPlan } from "./etc-files.js";
import type { WorkspaceFolders } from "./workspace.js";

const MOUNT_IF_ASKED =
  'if [ "$1" = --mount ]; then /usr/bin/mount -n -t tmpfs -o "$2" roadwork-run "$3" && /usr/bin/install -d -m 0700 -o "$4" -g "$4" "$3/work" "$3/tmp" "$3/shm" || { echo "roadwork-sandbox: cannot make the run\'s tmpfs on $3" >&2; exit 125; }; shift 4; fi; ';

/**
 * ulimit differs between the shells: dash counts -f in 512-byte blocks and names NPROC -p;
 * bash uses 1024-byte blocks (512 when it runs as sh) and -u. So the wrapper is /bin/dash by
 * name (Debian's /bin/sh, essential there), not whatever /bin/sh is.
 */
const setLimits = (nproc: "-p" | "-u"): string =>
  `if [ "$1" = --limits ]; then ulimit -S -t "$2" && ulimit -H -t "$3" && ulimit -f "$4" && ulimit -n "$5" && ulimit ${nproc} "$6" && ulimit -c 0 || { echo "roadwork-sandbox: cannot set the run's limits" >&2; exit 125; }; shift 6; fi; `;

const JOIN_AND_EXEC =
  'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || { echo "roadwork-sandbox: cannot join cgroup $1" >&2; exit 125; }; shift; n=$((n-1)); done; exec "$@"';

/** dash: [--mount OPTIONS ROOT UID] [--limits ...], how many cgroup.procs files follow, the files, the command. */
export const JOIN_CGROUPS_SCRIPT = MOUNT_IF_ASKED + setLimits("-p") + JOIN_AND_EXEC;

/** bash: $1 = highest descriptor to keep, then as JOIN_CGROUPS_SCRIPT. */
export const CLOSE_FDS_AND_JOIN_SCRIPT =
  'keep=$1; shift; for fd in /proc/self/fd/*; do fd=${fd##*/}; if [[ $fd =~ ^[0-9]+$ ]] && (( fd > keep )); then exec {fd}>&-; fi; done; ' + MOUNT_IF_ASKED + setLimits("-u") + JOIN_AND_EXEC;

/** Bytes in a block of `ulimit -f`: dash 512, bash 1024 (resolveLimits keeps file sizes in whole KiB, so both are exact). */
const FSIZE_BLOCK = { dash: 512, bash: 1024 } as const;

/** Exit code of the wrapper when it could not mount the tmpfs, set the rlimits or join a cgroup. */
export const WRAPPER_FAILED = 125;

export interface MountPlan {
  hostPath: string;
  sandboxPath: string;
  writable: boolean;
}

export interface LaunchPlan {
  uid: number;
  /** The built launcher (launcher.ts), used instead of the shell and setpriv when switchUid. */
  launcher?: string | undefined;
  /** Drop to `uid` with setpriv (as root); false when already running as that uid (no root). */
  switchUid: boolean;
  limits: Readonly<SandboxLimits>;
  /** Tasks the pids cgroup and RLIMIT_NPROC allow, the sandbox's own processes included. */
  tasks: number;
  cgroupProcsFiles: readonly string[];
  /** The host tmpfs's folders, or the size of each tmpfs bwrap makes inside (scratch "private"). */
  workspace: WorkspaceFolders | { privateBytes: number };
  /** The wrapper mounts the host tmpfs itself (see the top of this file) with these mount options, on this folder. */
  mountTmpfs?: { options: string; root: string };
  etc: EtcPlan;
  mounts: readonly MountPlan[];
  env: Readonly<Record<string, string>>;
  cwd: string;
  argv: readonly string[];
  /** Descriptor numbers in the child. */
  infoFd: number;
  seccompFd: number | undefined;
  /** Close every descriptor above this one before going on (see the top of this file). */
  closeFdsAbove: number | undefined;
}

export function buildCommand(plan: LaunchPlan): { file: string; args: string[] } {
  if (plan.switchUid && plan.launcher !== undefined) return launcherCommand(plan, plan.launcher);
  const inner = [...(plan.switchUid ? setprivArgs(plan.uid) : []), ...bwrapArgs(plan)];
  const shell = plan.closeFdsAbove === undefined ? "dash" : "bash";
  const mount = plan.mountTmpfs === undefined ? [] : ["--mount", plan.mountTmpfs.options, plan.mountTmpfs.root, String(plan.uid)];
  const prefix = [...mount, ...limitArgs(plan, FSIZE_BLOCK[shell]), String(plan.cgroupProcsFiles.length), ...plan.cgroupProcsFiles];
  if (plan.closeFdsAbove === undefined) return { file: "/bin/dash", args: ["-c", JOIN_CGROUPS_SCRIPT, "dash", ...prefix, ...inner] };
  // --norc: bash reads ~/.bashrc even non-interactively when its stdin is a socket (Node's pipes are).
  return { file: "/bin/bash", args: ["--norc", "--noprofile", "-c", CLOSE_FDS_AND_JOIN_SCRIPT, "bash", String(plan.closeFdsAbove), ...prefix, ...inner] };
}

/** The launcher's command line (see the top of this file): every descriptor above the run's own is closed. */
function launcherCommand(plan: LaunchPlan, launcher: string): { file: string; args: string[] } {
  if (!Number.isInteger(plan.uid) || plan.uid <= 0) throw new Error(`refusing to run the sandbox as uid ${plan.uid}`);
  const keep = plan.seccompFd ?? plan.infoFd;
  const mount = plan.mountTmpfs === undefined ? [] : ["--mount", plan.mountTmpfs.options, plan.mountTmpfs.root];
  return {
    file: launcher,
    args: [String(keep), ...mount, ...limitArgs(plan, 1), String(plan.cgroupProcsFiles.length), ...plan.cgroupProcsFiles, String(plan.uid), "--", ...bwrapArgs(plan)],
  };
}

function limitArgs(plan: LaunchPlan, fsizeBlock: number): string[] {
  const l = plan.limits;
  // RLIMIT_CPU is per process and in whole seconds: a backstop for the cgroup's total.
  const cpuSeconds = Math.max(1, Math.ceil(l.cpuTimeMs / 1000));
  if (l.fileSizeBytes % fsizeBlock !== 0) throw new RoadworkError("INTERNAL", `file size limit ${l.fileSizeBytes} is not a whole number of ${fsizeBlock}-byte blocks`);
  return ["--limits", String(cpuSeconds), String(cpuSeconds + 1), String(l.fileSizeBytes / fsizeBlock), String(l.openFiles), String(plan.tasks)];
}

function setprivArgs(uid: number): string[] {
  if (!Number.isInteger(uid) || uid <= 0) throw new Error(`refusing to run the sandbox as uid ${uid}`);
  return ["/usr/bin/setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"];
}

function bwrapArgs(plan: LaunchPlan): string[] {
  // --as-pid-1: the program is the namespace's init, so bwrap's monitor reaps it itself.
  // With bwrap's own init, that init outlives the monitor for a moment and is left to the
  // host's init as a zombie (no reaper at all in a container whose pid 1 is node).
  const a = ["/usr/bin/bwrap", "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--disable-userns", "--as-pid-1", "--clearenv", "--hostname", "sandbox"];
  a.push("--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin");
  a.push("--proc", "/proc", "--dev", "/dev");
  const ws = plan.workspace;
  if ("privateBytes" in ws) {
    const size = String(ws.privateBytes);
    a.push("--size", size, "--tmpfs", "/dev/shm", "--remount-ro", "/dev");
    a.push("--size", size, "--tmpfs", "/work", "--size", size, "--tmpfs", "/tmp");
  } else {
    a.push("--bind", ws.shm, "/dev/shm", "--remount-ro", "/dev");
    a.push("--bind", ws.work, "/work", "--bind", ws.tmp, "/tmp");
  }
  a.push("--ro-bind", plan.etc.shared, "/etc");
  for (const [host, inside] of plan.etc.perRun) a.push("--ro-bind", host, inside);
  for (const mount of plan.mounts) a.push(mount.writable ? "--bind" : "--ro-bind", mount.hostPath, mount.sandboxPath);
  // Last: nothing else of the root tmpfs bwrap built may be written.
  a.push("--remount-ro", "/");
  for (const [name, value] of Object.entries(plan.env)) a.push("--setenv", name, value);
  a.push("--chdir", plan.cwd, "--info-fd", String(plan.infoFd));
  if (plan.seccompFd !== undefined) a.push("--seccomp", String(plan.seccompFd));
  a.push("--", ...plan.argv);
  return a;
}
