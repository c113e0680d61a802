/**
 * What this machine offers the sandbox, found out once per process and state folder:
 * prepares the host folders (sweeping a dead process's leftovers), the shared /etc, the
 * cgroup driver and the seccomp filter, and tries each protection for real.
 */
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { silentLog, warnOnReject, type Log } from "../../../log.js";
import type { ProtectionReport } from "../types.js";
import { resolveLimits } from "../limits.js";
import { buildCommand } from "./argv.js";
import { detectCgroups } from "./cgroups.js";
import type { CgroupDriver } from "./cgroups.js";
import { buildSharedEtc, etcFor, type EtcPlan } from "./etc-files.js";
import { ensureHostPaths } from "./host-paths.js";
import { ensureLauncher, ensureSpawner } from "./launcher.js";
import { SpawnerHost } from "./spawner.js";
import type { HostPaths } from "./host-paths.js";
import { Mounter } from "./mounter.js";
import { checkProtections } from "./protections.js";
import { ensureSeccompFilter } from "./seccomp.js";
import { sweepCgroups, sweepLeftovers } from "./sweep.js";
import type { UidPool } from "./uid-pool.js";
import { Workspace, type WorkspaceFolders } from "./workspace.js";

export interface MachineState {
  paths: HostPaths;
  /** Root: per-run uids and tmpfs. Otherwise runs are ours, in plain folders (allowMissingProtections only). */
  isRoot: boolean;
  /** This process's shared /etc folder (see etc-files.ts). */
  sharedEtc: string;
  mounter: Mounter | undefined;
  cgroups: CgroupDriver | undefined;
  seccompPath: string | undefined;
  /** The built launcher (launcher.ts) that replaces the wrapper shell and setpriv, as root; undefined: those two. */
  launcher: string | undefined;
  /** Starts runs instead of Node's own spawn (spawner.ts); undefined: Node's spawn. */
  spawners: SpawnerHost | undefined;
  protections: ProtectionReport[];
  /** bubblewrap can size a tmpfs it makes (--size, since 0.8.0): runs may then have private scratch. */
  sizedPrivateTmpfs: boolean;
}

export async function inspectMachine(paths: HostPaths, pool: UidPool, options: { useRememberedChecks?: boolean; useLauncher?: boolean; useSpawner?: boolean; log?: Log } = {}): Promise<MachineState> {
  const log = options.log ?? silentLog;
  const isRoot = process.getuid?.() === 0;
  let seccomp: { path: string } | { missing: string };
  let cgroups: CgroupDriver | { missing: string };
  ensureHostPaths(paths, isRoot);
  sweepLeftovers(paths);
  const sharedEtc = buildSharedEtc(paths.etc);
  cgroups = detectCgroups();
  if (!("missing" in cgroups)) {
    if (isRoot) sweepCgroups(cgroups.runParents());
    cgroups = tryCgroup(cgroups);
  }
  try {
    seccomp = { path: await ensureSeccompFilter(paths.seccompCache) };
  } catch (error) {
    seccomp = { missing: `the seccomp filter could not be built: ${(error as Error).message.split("\n")[0]}` };
  }
  // Only as root: it exists to drop from root to the run's uid.
  const launcher = isRoot && options.useLauncher !== false ? await ensureLauncher(paths.seccompCache) : undefined;
  const spawner = options.useSpawner !== false ? await ensureSpawner(paths.seccompCache) : undefined;
  const protections = await checkProtections({
    isRoot,
    cgroups,
    seccomp,
    launcher,
    spawner,
    trySandbox: () => trySandbox(paths, sharedEtc, isRoot ? pool : undefined, launcher, log),
    // Without a cache file every tool runs and a test sandbox starts (roadwork doctor).
    ...(options.useRememberedChecks === false ? {} : { cacheFile: join(paths.root, "protections.json") }),
  });
  return {
    paths,
    isRoot,
    sharedEtc,
    // Without root there is no tmpfs to mount: runs get plain folders.
    mounter: isRoot ? new Mounter(paths.runs, log) : undefined,
    cgroups: "missing" in cgroups ? undefined : cgroups,
    seccompPath: "path" in seccomp ? seccomp.path : undefined,
    launcher,
    spawners: spawner === undefined ? undefined : new SpawnerHost(spawner, paths.spawner, log),
    protections,
    sizedPrivateTmpfs: bwrapAtLeast(protections, [0, 8, 0]),
  };
}

/** From the version the bubblewrap check reported ("bubblewrap 0.8.0"). */
export function bwrapAtLeast(protections: readonly ProtectionReport[], wanted: readonly [number, number, number]): boolean {
  const report = protections.find((p) => p.name === "bubblewrap");
  const match = report?.active === true ? /(\d+)\.(\d+)\.(\d+)/.exec(report.detail) : null;
  if (match === null) return false;
  const have = [Number(match[1]), Number(match[2]), Number(match[3])];
  for (let i = 0; i < 3; i++) if (have[i] !== wanted[i]) return (have[i] ?? 0) > (wanted[i] ?? 0);
  return true;
}

/** A cgroup driver counts only if a run cgroup can really be made and removed. */
function tryCgroup(driver: CgroupDriver): CgroupDriver | { missing: string } {
  try {
    const probe = driver.create(`roadwork-${process.pid}-probe-${randomBytes(4).toString("hex")}`, { memoryBytes: 64 * 1024 * 1024, tasks: 8 });
    void probe.remove();
    return driver;
  } catch (error) {
    return { missing: `cannot create a cgroup under ${driver.describe()}: ${(error as Error).message}` };
  }
}

/**
 * The command of the test run: /usr/bin/true started as a run starts (argv.ts's
 * buildCommand, the very code every run uses), with the default limits, as `uid` (dropped to
 * with setpriv when root), in plain folders instead of a tmpfs and with no cgroup or seccomp
 * filter (those are checked on their own).
 */
export function probeCommand(input: { uid: number; switchUid: boolean; workspace: WorkspaceFolders; etc: EtcPlan; launcher?: string | undefined }): { file: string; args: string[] } {
  const limits = resolveLimits(undefined);
  return buildCommand({
    uid: input.uid,
    switchUid: input.switchUid,
    launcher: input.launcher,
    limits,
    tasks: limits.processes + PROBE_OWN_TASKS,
    cgroupProcsFiles: [],
    workspace: input.workspace,
    etc: input.etc,
    mounts: [],
    env: { PATH: "/usr/bin:/bin" },
    cwd: "/work",
    argv: ["/usr/bin/true"],
    infoFd: 3,
    seccompFd: undefined,
    closeFdsAbove: undefined,
  });
}

/** bwrap's monitor and the wrapper, beside the program. */
const PROBE_OWN_TASKS = 4;

/** Starts the test run (probeCommand) as a pool uid when root, else as ourselves: why it failed, or undefined. */
async function trySandbox(paths: HostPaths, sharedEtc: string, pool: UidPool | undefined, launcher: string | undefined, log: Log): Promise<string | undefined> {
  const uid = pool?.acquire() ?? process.getuid?.() ?? 0;
  let workspace: Workspace | undefined;
  try {
    workspace = await Workspace.create(undefined, paths.runs, `${process.pid}-probe-${randomBytes(4).toString("hex")}`, uid, 1024 * 1024);
    const { file, args } = probeCommand({ uid, switchUid: pool !== undefined, workspace: workspace.folders, etc: etcFor(paths.etc, sharedEtc, uid), launcher });
    return await runProbe(file, args);
  } catch (error) {
    return (error as Error).message;
  } finally {
    // The probe's verdict stands; a tmpfs left behind is swept at the next start (sweep.ts).
    await workspace?.destroy().catch(warnOnReject(log, "removing the sandbox probe's workspace", { uid }));
    if (pool !== undefined) pool.release(uid);
  }
}

/** Runs the probe with its info descriptor open; resolves with its stderr when it fails. */
function runProbe(file: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: "/", env: { PATH: "/usr/bin:/bin" }, stdio: ["ignore", "ignore", "pipe", "pipe"], timeout: 10_000 });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.stdio[3]?.on("data", () => undefined).on("error", () => undefined);
    child.once("error", (error) => resolve(error.message));
    child.once("close", (code, signal) => resolve(code === 0 ? undefined : stderr.trim() || `the test sandbox ended with ${code ?? signal}`));
  });
}
