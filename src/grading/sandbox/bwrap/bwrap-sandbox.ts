/**
 * The Linux Sandbox: bubblewrap behind setpriv and the shell's ulimit, with per-run cgroups, a sized
 * tmpfs, a seccomp filter and a uid of its own (see ../types.ts for the contract and
 * argv.ts for the command line).
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { posix } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { observed, silentLog, type Log } from "../../../log.js";
import type { ProtectionReport, Sandbox, SandboxIdentity, SandboxLimits, SandboxProcess, SandboxResult, SandboxSpec } from "../types.js";
import { resolveLimits } from "../limits.js";
import { buildCommand } from "./argv.js";
import type { LaunchPlan, MountPlan } from "./argv.js";
import type { RunCgroup } from "./cgroups.js";
import { etcFor } from "./etc-files.js";
import { inheritedFds } from "./inherited-fds.js";
import { hostPaths } from "./host-paths.js";
import { inspectMachine } from "./machine.js";
import type { MachineState } from "./machine.js";
import { planMounts } from "./mounts.js";
import { RunProcess } from "./run-process.js";
import type { Prepared } from "./run-process.js";
import { UidPool } from "./uid-pool.js";
import { Workspace, safeRelativePath } from "./workspace.js";

/** Processes bwrap itself keeps in a run: its monitor (the program is the namespace's pid 1). */
const SANDBOX_OWN_TASKS = 1;
/** RLIMIT_NPROC sits above the cgroup's task limit so that the cgroup, which can report it, refuses first. */
const NPROC_SLACK = 4;
/**
 * RLIMIT_NPROC counts every process of the uid: a run given an identity shares it with the
 * identity's other runs (a project's app and the processes waiting to replace it), whose
 * tasks must not make the rlimit refuse before the run's own cgroup does.
 */
const SHARED_UID_NPROC_SLACK = 64;

export const DEFAULT_ENV: Readonly<Record<string, string>> = Object.freeze({
  PATH: "/usr/bin:/bin",
  HOME: "/work",
  LANG: "C.UTF-8",
});

export interface BwrapSandboxOptions {
  /** Run even when an essential protection is missing (development only; the CLI sets it from ROADWORK_ALLOW_MISSING_PROTECTIONS=1). */
  allowMissingProtections?: boolean;
  /** Check every protection now instead of trusting the remembered "all working" (roadwork doctor). */
  freshChecks?: boolean;
  /** Folder for runtime state (default /run/roadwork-sandbox). */
  stateDir?: string;
  /** Folder for the seccomp cache (default /var/cache/roadwork/seccomp). */
  cacheDir?: string;
  uidBase?: number;
  uidCount?: number;
  /**
   * As root, start runs through the compiled launcher when it can be built (default true).
   * false: through the shell and setpriv, as on a machine without a C compiler (the contract
   * tests run both ways).
   */
  launcher?: boolean;
  /**
   * Start runs through the spawner when it can be built (default true; spawner.ts). false:
   * with Node's own spawn, as without a C compiler (the contract tests run both ways).
   */
  spawner?: boolean;
  /** Where errors the sandbox recovers from are told (a clean-up step that failed); default silentLog. */
  log?: Log;
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
  /** The writable space is tmpfs bwrap makes inside (scratch "private"), not a host mount. */
  privateScratch: boolean;
  /** The uid is an identity's, which other runs may use at the same time. */
  sharedUid: boolean;
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
    private readonly log: Log,
  ) {}

  static async create(options: BwrapSandboxOptions = {}): Promise<BwrapSandbox> {
    const paths = hostPaths(options.stateDir, options.cacheDir);
    const useLauncher = options.launcher !== false;
    const useSpawner = options.spawner !== false;
    const key = `${paths.root}|${paths.seccompCache}|${options.freshChecks === true ? "fresh" : "cached"}|${useLauncher ? "launcher" : "shell"}|${useSpawner ? "spawner" : "node"}`;
    let check = machineChecks.get(key);
    if (check === undefined) {
      check = inspectMachine(paths, new UidPool(paths.uids, options.uidBase, options.uidCount), { useRememberedChecks: options.freshChecks !== true, useLauncher, useSpawner, log: options.log ?? silentLog });
      machineChecks.set(key, check);
      // A check that failed outright (not one that found something missing) is tried again next time.
      check.catch(() => machineChecks.delete(key));
    }
    const machine = await check;
    refuseWhenMissing(machine.protections, options.allowMissingProtections === true);
    return new BwrapSandbox(machine, new UidPool(paths.uids, options.uidBase, options.uidCount), options.log ?? silentLog);
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
    if (spec.scratch === "private" && spec.files !== undefined) throw new RoadworkError("BAD_INPUT", 'a run with scratch "private" cannot be given files (nothing on the host can write into it)');
    const privateScratch = spec.scratch === "private" && this.machine.sizedPrivateTmpfs;

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
        argv: spec.argv,
        limits,
        channels,
        stdin: spec.stdin,
        loopback: spec.network === "loopback",
        idleUntilInput: spec.idleUntilInput === true,
        lowPriorityUntilInput: spec.lowPriorityUntilInput === true,
        socketDir: this.machine.paths.sockets,
        spawners: this.machine.spawners,
        log: this.log,
        release: () => {
          this.active.delete(proc);
          const left = (this.runsByUid.get(uid) ?? 1) - 1;
          if (left > 0) this.runsByUid.set(uid, left);
          else this.runsByUid.delete(uid);
          if (left <= 0 && (ownsUid || this.releaseWhenIdle.delete(uid))) this.pool.release(uid);
        },
      },
      () => this.prepare({ id, uid, limits, mounts, env, cwd, argv, channels, files: spec.files === undefined ? undefined : { ...spec.files }, privateScratch, sharedUid: spec.identity !== undefined }),
    );
    this.active.add(proc);
    this.runsByUid.set(uid, (this.runsByUid.get(uid) ?? 0) + 1);
    return proc;
  }

  /** Makes a run ready to start: its tmpfs with the files, its cgroups, its command line. */
  private async prepare(run: PrepareInput): Promise<Prepared> {
    const { paths, cgroups, seccompPath, mounter, sharedEtc, launcher } = this.machine;
    // A run given no files gets its tmpfs from its wrapper (argv.ts); otherwise it is mounted
    // here, and being a round trip to mount(8) or the helper, the rest is done meanwhile.
    const byWrapper = mounter !== undefined && run.files === undefined && !run.privateScratch && mounter.wrapperShouldMount() ? Workspace.forWrapper(mounter, paths.runs, run.id, run.uid, run.limits.diskBytes) : undefined;
    const mounting = run.privateScratch ? Promise.resolve(undefined) : byWrapper !== undefined ? Promise.resolve(byWrapper.workspace) : Workspace.create(mounter, paths.runs, run.id, run.uid, run.limits.diskBytes);
    // Its failure is thrown where it is awaited below; this only keeps it from being unhandled meanwhile.
    observed(mounting);
    if (!run.privateScratch) mounter?.noteWorkspace();
    let workspace: Workspace | undefined;
    let cgroup: RunCgroup | undefined;
    let seccompFd: number | undefined;
    try {
      const tasks = run.limits.processes + SANDBOX_OWN_TASKS;
      cgroup = cgroups?.create(`roadwork-${run.id}`, { memoryBytes: run.limits.memoryBytes, tasks });
      seccompFd = seccompPath === undefined ? undefined : openSync(seccompPath, "r");
      const etc = etcFor(paths.etc, sharedEtc, run.uid);
      workspace = await mounting;
      if (run.files !== undefined) workspace?.writeFiles(run.files);
      const plan: LaunchPlan = {
        uid: run.uid,
        switchUid: this.machine.isRoot,
        launcher,
        limits: run.limits,
        tasks: tasks + (run.sharedUid ? SHARED_UID_NPROC_SLACK : NPROC_SLACK),
        cgroupProcsFiles: cgroup?.procsFiles ?? [],
        workspace: workspace?.folders ?? { privateBytes: run.limits.diskBytes },
        ...(byWrapper === undefined ? {} : { mountTmpfs: byWrapper.mount }),
        etc,
        mounts: run.mounts,
        env: run.env,
        cwd: run.cwd,
        argv: run.argv,
        infoFd: 3 + run.channels,
        seccompFd: seccompFd === undefined ? undefined : 4 + run.channels,
        closeFdsAbove: this.leakedFds.length === 0 ? undefined : 3 + run.channels + (seccompFd === undefined ? 0 : 1),
      };
      return { ...buildCommand(plan), seccompFd, seccompPath, workspace, cgroup };
    } catch (error) {
      if (seccompFd !== undefined) closeSync(seccompFd);
      await cgroup?.remove();
      const made = workspace ?? (await mountedIfAny(mounting));
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

/** The workspace a mount made, or undefined when the mount failed. */
async function mountedIfAny(mounting: Promise<Workspace | undefined>): Promise<Workspace | undefined> {
  try {
    return await mounting;
  } catch {
    // A mount that failed is the error being thrown (or follows from it): nothing more to tell.
    return undefined;
  }
}
