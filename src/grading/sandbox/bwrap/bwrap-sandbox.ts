/**
 * The Linux Sandbox: bubblewrap behind setpriv and prlimit, with per-run cgroups, a sized
 * tmpfs, a seccomp filter and a uid of its own (see ../types.ts for the contract and
 * argv.ts for the command line).
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { posix } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { RoadworkError } from "../../../errors.js";
import type { ProtectionReport, Sandbox, SandboxIdentity, SandboxLimits, SandboxProcess, SandboxResult, SandboxSpec } from "../types.js";
import { resolveLimits } from "../limits.js";
import { buildCommand, JOIN_CGROUPS_SCRIPT } from "./argv.js";
import type { LaunchPlan, MountPlan } from "./argv.js";
import { detectCgroups } from "./cgroups.js";
import type { CgroupDriver, RunCgroup } from "./cgroups.js";
import { buildSharedEtc, etcFor } from "./etc-files.js";
import { inheritedFds } from "./inherited-fds.js";
import { ensureHostPaths, hostPaths } from "./host-paths.js";
import type { HostPaths } from "./host-paths.js";
import { planMounts } from "./mounts.js";
import { checkProtections } from "./protections.js";
import { RunProcess } from "./run-process.js";
import type { Prepared } from "./run-process.js";
import { Mounter } from "./mounter.js";
import { ensureSeccompFilter } from "./seccomp.js";
import { sweepCgroups, sweepLeftovers } from "./sweep.js";
import { UidPool } from "./uid-pool.js";
import { Workspace, safeRelativePath } from "./workspace.js";

const exec = promisify(execFile);

/** Processes bwrap itself keeps in a run: its monitor (the program is the namespace's pid 1). */
const SANDBOX_OWN_TASKS = 1;
/** RLIMIT_NPROC sits above the cgroup's task limit so that the cgroup, which can report it, refuses first. */
const NPROC_SLACK = 4;

export const DEFAULT_ENV: Readonly<Record<string, string>> = Object.freeze({
  PATH: "/usr/bin:/bin",
  HOME: "/work",
  LANG: "C.UTF-8",
});

export interface BwrapSandboxOptions {
  /** Run even when an essential protection is missing (development only). Also ROADWORK_ALLOW_MISSING_PROTECTIONS=1. */
  allowMissingProtections?: boolean;
  /** Folder for runtime state (default /run/roadwork-sandbox). */
  stateDir?: string;
  /** Folder for the seccomp cache (default /var/cache/roadwork/seccomp). */
  cacheDir?: string;
  uidBase?: number;
  uidCount?: number;
}

interface PrepareInput {
  id: string;
  uid: number;
  limits: Readonly<SandboxLimits>;
  mounts: MountPlan[];
  env: Record<string, string>;
  cwd: string;
  argv: string[];
  channels: number;
  files: SandboxSpec["files"];
}

interface MachineState {
  paths: HostPaths;
  /** Root: per-run uids and tmpfs. Otherwise runs are ours, in plain folders (allowMissingProtections only). */
  isRoot: boolean;
  /** This process's shared /etc folder (see etc-files.ts). */
  sharedEtc: string;
  mounter: Mounter | undefined;
  cgroups: CgroupDriver | undefined;
  seccompPath: string | undefined;
  protections: ProtectionReport[];
}

/** The machine is checked once per process and state folder. */
const machineChecks = new Map<string, Promise<MachineState>>();

export class BwrapSandbox implements Sandbox {
  readonly name = "bwrap";
  private readonly active = new Set<RunProcess>();
  private closed = false;
  /** Runs alive per uid, and identities released while one of their runs was still alive. */
  private readonly runsByUid = new Map<number, number>();
  private readonly releaseWhenIdle = new Set<number>();
  /** Inherited descriptors the wrapper must close (see inherited-fds.ts); looked at once. */
  private readonly leakedFds = inheritedFds();

  private constructor(
    private readonly machine: MachineState,
    private readonly pool: UidPool,
  ) {}

  static async create(options: BwrapSandboxOptions = {}): Promise<BwrapSandbox> {
    const paths = hostPaths(options.stateDir, options.cacheDir);
    const key = `${paths.root}|${paths.seccompCache}`;
    let check = machineChecks.get(key);
    if (check === undefined) {
      check = inspectMachine(paths, new UidPool(paths.uids, options.uidBase, options.uidCount));
      machineChecks.set(key, check);
      // A check that failed outright (not one that found something missing) is tried again next time.
      check.catch(() => machineChecks.delete(key));
    }
    const machine = await check;
    refuseWhenMissing(machine.protections, options.allowMissingProtections === true || process.env.ROADWORK_ALLOW_MISSING_PROTECTIONS === "1");
    return new BwrapSandbox(machine, new UidPool(paths.uids, options.uidBase, options.uidCount));
  }

  protections(): Promise<ProtectionReport[]> {
    return Promise.resolve(this.machine.protections.map((p) => ({ ...p })));
  }

  async acquireIdentity(): Promise<SandboxIdentity> {
    // Without root every run is ours; an identity is then our own uid.
    if (!this.machine.isRoot) return { uid: ownUid(), release: async () => undefined };
    const uid = this.pool.acquire();
    let released = false;
    return {
      uid,
      release: async () => {
        if (released) return;
        released = true;
        // A run still using the uid keeps it; it goes back to the pool when that run ends.
        if ((this.runsByUid.get(uid) ?? 0) > 0) this.releaseWhenIdle.add(uid);
        else this.pool.release(uid);
      },
    };
  }

  async run(spec: SandboxSpec): Promise<SandboxResult> {
    return this.spawn(spec).result;
  }

  spawn(spec: SandboxSpec): SandboxProcess {
    if (this.closed) throw new RoadworkError("INTERNAL", "this sandbox is closed");
    const limits = resolveLimits(spec.limits);
    const argv = checkArgv(spec.argv);
    const cwd = posix.normalize(spec.cwd ?? "/work");
    if (!posix.isAbsolute(cwd)) throw new RoadworkError("BAD_INPUT", `cwd ${spec.cwd} must be an absolute path inside the sandbox`);
    const env = checkEnv(spec.env ?? DEFAULT_ENV);
    const channels = spec.channels ?? 0;
    if (!Number.isInteger(channels) || channels < 0 || channels > 16) throw new RoadworkError("BAD_INPUT", `channels must be 0..16, got ${channels}`);
    if (spec.files !== undefined) for (const name of Object.keys(spec.files)) safeRelativePath(name);

    const ownsUid = spec.identity === undefined && this.machine.isRoot;
    const uid = spec.identity?.uid ?? (this.machine.isRoot ? this.pool.acquire() : ownUid());
    let mounts: MountPlan[];
    try {
      mounts = planMounts(spec.mounts, uid);
    } catch (error) {
      if (ownsUid) this.pool.release(uid);
      throw error;
    }
    const id = `${process.pid}-${randomBytes(8).toString("hex")}`;
    const proc: RunProcess = new RunProcess(
      {
        id,
        limits,
        channels,
        stdin: spec.stdin,
        loopback: spec.network === "loopback",
        socketDir: this.machine.paths.sockets,
        release: () => {
          this.active.delete(proc);
          const left = (this.runsByUid.get(uid) ?? 1) - 1;
          if (left > 0) this.runsByUid.set(uid, left);
          else this.runsByUid.delete(uid);
          if (left <= 0 && (ownsUid || this.releaseWhenIdle.delete(uid))) this.pool.release(uid);
        },
      },
      () => this.prepare({ id, uid, limits, mounts, env, cwd, argv, channels, files: spec.files === undefined ? undefined : { ...spec.files } }),
    );
    this.active.add(proc);
    this.runsByUid.set(uid, (this.runsByUid.get(uid) ?? 0) + 1);
    return proc;
  }

  /** Makes a run ready to start: its tmpfs with the files, its cgroups, its command line. */
  private async prepare(run: PrepareInput): Promise<Prepared> {
    const { paths, cgroups, seccompPath, mounter, sharedEtc } = this.machine;
    // The mount is a round trip to the helper: the rest is done while it answers.
    const mounting = Workspace.create(mounter, paths.runs, run.id, run.uid, run.limits.diskBytes);
    mounting.catch(() => undefined);
    let workspace: Workspace | undefined;
    let cgroup: RunCgroup | undefined;
    let seccompFd: number | undefined;
    try {
      const tasks = run.limits.processes + SANDBOX_OWN_TASKS;
      cgroup = cgroups?.create(`roadwork-${run.id}`, { memoryBytes: run.limits.memoryBytes, tasks });
      seccompFd = seccompPath === undefined ? undefined : openSync(seccompPath, "r");
      const etc = etcFor(paths.etc, sharedEtc, run.uid);
      workspace = await mounting;
      if (run.files !== undefined) workspace.writeFiles(run.files);
      const plan: LaunchPlan = {
        uid: run.uid,
        switchUid: this.machine.isRoot,
        limits: run.limits,
        tasks: tasks + NPROC_SLACK,
        cgroupProcsFiles: cgroup?.procsFiles ?? [],
        workspace: workspace.folders,
        etc,
        mounts: run.mounts,
        env: run.env,
        cwd: run.cwd,
        argv: run.argv,
        infoFd: 3 + run.channels,
        seccompFd: seccompFd === undefined ? undefined : 4 + run.channels,
        closeFdsAbove: this.leakedFds.length === 0 ? undefined : 3 + run.channels + (seccompFd === undefined ? 0 : 1),
      };
      return { ...buildCommand(plan), seccompFd, workspace, cgroup };
    } catch (error) {
      if (seccompFd !== undefined) closeSync(seccompFd);
      await cgroup?.remove();
      const made = workspace ?? (await mounting.catch(() => undefined));
      await made?.destroy();
      throw error;
    }
  }

  /** Kills what still runs and gives back every uid this sandbox holds, identities included. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.active].map((proc) => proc.kill()));
    this.pool.releaseAll();
  }
}

function ownUid(): number {
  return process.getuid?.() ?? 0;
}

/** Throws SANDBOX_UNAVAILABLE, naming each missing essential protection, unless allowed. */
export function refuseWhenMissing(protections: readonly ProtectionReport[], allow: boolean): void {
  const missing = protections.filter((p) => p.essential && !p.active);
  if (missing.length === 0 || allow) return;
  throw new RoadworkError(
    "SANDBOX_UNAVAILABLE",
    `the sandbox is missing essential protections, so no learner code will run: ${missing.map((p) => `${p.name} (${p.detail})`).join("; ")}. Run \`roadwork doctor\` for what to do.`,
  );
}

function checkArgv(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first === undefined || !first.startsWith("/")) throw new RoadworkError("BAD_INPUT", `argv[0] must be an absolute path inside the sandbox, got ${JSON.stringify(first)}`);
  if (argv.some((arg) => arg.includes("\0"))) throw new RoadworkError("BAD_INPUT", "arguments cannot contain NUL bytes");
  return [...argv];
}

function checkEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  for (const [name, value] of Object.entries(env)) {
    if (name === "" || name.includes("=") || name.includes("\0") || value.includes("\0")) {
      throw new RoadworkError("BAD_INPUT", `environment variable ${JSON.stringify(name)} is not valid`);
    }
  }
  return { ...env };
}

async function inspectMachine(paths: HostPaths, pool: UidPool): Promise<MachineState> {
  const isRoot = process.getuid?.() === 0;
  let seccomp: { path: string } | { missing: string };
  let cgroups: CgroupDriver | { missing: string };
  ensureHostPaths(paths, isRoot);
  sweepLeftovers(paths);
  const sharedEtc = buildSharedEtc(paths.etc);
  if (isRoot) sweepCgroups();
  cgroups = detectCgroups();
  if (!("missing" in cgroups)) cgroups = tryCgroup(cgroups);
  try {
    seccomp = { path: await ensureSeccompFilter(paths.seccompCache) };
  } catch (error) {
    seccomp = { missing: `the seccomp filter could not be built: ${(error as Error).message.split("\n")[0]}` };
  }
  const protections = await checkProtections({
    isRoot,
    cgroups,
    seccomp,
    trySandbox: () => trySandbox(isRoot ? pool : undefined),
  });
  return {
    paths,
    isRoot,
    sharedEtc,
    // Without root there is no tmpfs to mount: runs get plain folders.
    mounter: isRoot ? new Mounter(paths.runs) : undefined,
    cgroups: "missing" in cgroups ? undefined : cgroups,
    seccompPath: "path" in seccomp ? seccomp.path : undefined,
    protections,
  };
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

/** Starts /usr/bin/true the way a run starts (minus limits): as a pool uid when root, else as ourselves. */
async function trySandbox(pool: UidPool | undefined): Promise<string | undefined> {
  const uid = pool?.acquire();
  const drop = uid === undefined ? [] : ["/usr/bin/setpriv", `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"];
  try {
    await exec(
      "/bin/sh",
      ["-c", JOIN_CGROUPS_SCRIPT, "sh", "0", ...drop,
        "/usr/bin/bwrap", "--unshare-all", "--unshare-user", "--die-with-parent", "--new-session", "--disable-userns", "--as-pid-1", "--clearenv", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/", "--", "/usr/bin/true"],
      { timeout: 10_000, cwd: "/", env: { PATH: "/usr/bin:/bin" } },
    );
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return stderr || (error as Error).message;
  } finally {
    if (uid !== undefined) pool?.release(uid);
  }
}
