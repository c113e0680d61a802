/**
 * The Sandbox contract. Learner code runs only through this interface. One implementation
 * today (bubblewrap on Linux, ./bwrap/); every implementation runs the shared contract suite
 * in test/sandbox/contract.ts.
 */
import type { Readable, Writable, Duplex } from "node:stream";
import type { LimitHit } from "../report.js";

/** Every bound a run has. Each has a default (DEFAULT_LIMITS) and can be set per exercise. */
export interface SandboxLimits {
  /**
   * Wall-clock time from start to kill. Time the run spent waiting for a CPU on a busy
   * machine is added (at most wallTimeMs more), so that a computing program ends at its
   * CPU-time limit whatever the load, and a waiting one at this limit.
   */
  wallTimeMs: number;
  /** CPU time (user + system) across every process of the run. */
  cpuTimeMs: number;
  /** Memory of every process of the run together (cgroup), in bytes. */
  memoryBytes: number;
  /** Processes and threads alive at once. */
  processes: number;
  /** Largest file the run may write, in bytes (RLIMIT_FSIZE), rounded down to whole KiB. */
  fileSizeBytes: number;
  /** Size of the private writable tmpfs, in bytes: bounds disk use, which RLIMIT_FSIZE alone does not. */
  diskBytes: number;
  /** Open file descriptors per process (RLIMIT_NOFILE). */
  openFiles: number;
  /** Bytes of stdout and stderr kept, each; the run is killed when it writes past this. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  wallTimeMs: 10_000,
  cpuTimeMs: 5_000,
  memoryBytes: 256 * 1024 * 1024,
  processes: 64,
  fileSizeBytes: 16 * 1024 * 1024,
  diskBytes: 64 * 1024 * 1024,
  openFiles: 256,
  outputBytes: 1024 * 1024,
});

/** A host folder made visible inside. The host side is always created by trusted code. */
export interface SandboxMount {
  hostPath: string;
  sandboxPath: string;
  /** Read-only unless set. A writable mount must be a folder the host never follows links in. */
  writable?: boolean;
}

export interface SandboxSpec {
  /** argv[0] must be an absolute path inside the sandbox (for example /usr/bin/python3). Never passed through a shell. */
  argv: readonly string[];
  /** Working folder inside the sandbox. Default /work (the private tmpfs). */
  cwd?: string;
  /** The whole environment of the process; nothing is inherited from the host. */
  env?: Readonly<Record<string, string>>;
  /** Files written into /work before the process starts (path relative to /work). */
  files?: Readonly<Record<string, string | Buffer>>;
  /**
   * Where the writable space (/work, /tmp, /dev/shm) lives. "inspected" (the default): one
   * tmpfs of diskBytes that the host mounts and looks at after the run, so that filling it
   * and reaching the file-size limit are reported by name. "private": a tmpfs of diskBytes
   * each, made inside the sandbox and gone with it: no mount on the host, so the run starts
   * sooner, but those two limits are only enforced, not named. For trusted code (the
   * harness), never for learner code; not with `files`. Where the sandbox cannot size a
   * private tmpfs (bubblewrap before 0.8) the run gets an inspected one.
   */
  scratch?: "inspected" | "private";
  mounts?: readonly SandboxMount[];
  limits?: Partial<SandboxLimits>;
  /** Extra bidirectional channels, visible inside as fd 3, 4, ... (for the harness protocol). */
  channels?: number;
  /** Data for stdin; stdin is closed after it. Omit to get a writable stdin stream instead. */
  stdin?: string | Buffer;
  /**
   * The process runs only trusted code until its first input arrives on stdin or a channel
   * (a warm process waiting for a submission): its cgroup counters are read from then on,
   * not every 25 ms while it waits. The wall clock, the rlimits and the cgroup limits
   * themselves apply from the start.
   */
  idleUntilInput?: boolean;
  /**
   * With idleUntilInput: until its first input the run has the lowest CPU priority (niceness
   * 19), so that getting ready in advance slows no run doing work; from its first input on,
   * the usual one. Where the sandbox could not give it back (without root), it is not lowered.
   */
  lowPriorityUntilInput?: boolean;
  /** Keep the loopback reachable from outside through connect()/expose(); used for web apps. */
  network?: "none" | "loopback";
  /**
   * Run as this identity (uid) instead of a fresh one. A project keeps one identity across
   * restarts of the app so that the files it wrote stay its own. Writable mounts are made
   * writable for the identity's uid.
   */
  identity?: SandboxIdentity;
}

/** An unprivileged uid reserved for one submission, possibly across several runs. */
export interface SandboxIdentity {
  readonly uid: number;
  release(): Promise<void>;
}

export interface SandboxResult {
  /** Exit code of the main process, or null when it was killed by a signal. */
  exitCode: number | null;
  signal: string | null;
  stdout: Buffer;
  stderr: Buffer;
  /** True when stdout or stderr was cut at outputBytes. */
  outputTruncated: boolean;
  /** Every limit that was reached, by name, with a sentence for the learner. */
  limitsHit: LimitHit[];
  wallTimeMs: number;
  cpuTimeMs: number;
  /** Peak memory of the run, when the platform can tell. */
  memoryPeakBytes?: number;
}

/** A sandboxed process that is still running. */
export interface SandboxProcess {
  readonly stdin: Writable | null;
  /** Live views of the output; everything is also collected into the result (bounded). */
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** channels[i] is fd 3+i inside. */
  readonly channels: readonly Duplex[];
  /** Resolves when the run has ended and everything it started is gone. */
  readonly result: Promise<SandboxResult>;
  /**
   * The same result, as soon as every process of the run is gone and its counters are read:
   * before its tmpfs, cgroups and uid are given back, which `result` waits for. A caller that
   * only needs the outcome (a verdict) takes this one and leaves the clean-up off its path;
   * the uid goes back to the pool only after the clean-up, so no later run can get it sooner.
   * Absent where a sandbox has nothing to clean up after its processes.
   */
  readonly ended?: Promise<SandboxResult>;
  /**
   * Opens a connection from the host to `port` on the sandbox's own loopback (network:
   * "loopback" only). The app can reach nothing but its loopback; this is the only way in.
   */
  connect(port: number): Promise<Duplex>;
  /**
   * Makes a host service reachable from inside: listens on 127.0.0.1:`port` inside the
   * sandbox and joins each connection to the host unix socket `hostSocketPath` (for the
   * SMTP catcher). Nothing else outside is reachable.
   */
  expose(port: number, hostSocketPath: string): Promise<void>;
  /** Ends the run: every process, daemons too. Resolves with the result. */
  kill(reason?: LimitHit): Promise<SandboxResult>;
  /**
   * Sends a signal to the run's main process only (a server's graceful stop), leaving the rest
   * to it. As the namespace's init, the process only gets signals it has a handler for.
   * Absent where a sandbox cannot.
   */
  signal?(name: "SIGTERM" | "SIGINT"): Promise<void>;
  /**
   * How long the run has waited for a CPU so far, in ms: the longest wait of any one of its
   * threads (0 where the platform cannot tell). A caller that bounds a run by a wall clock of
   * its own adds it, as the sandbox does for wallTimeMs (see wall-clock.ts).
   */
  cpuWaitMs(): number;
}

/** Which protections are active on this machine (what `roadwork doctor` prints). */
export interface ProtectionReport {
  name: string;
  active: boolean;
  essential: boolean;
  detail: string;
}

export interface Sandbox {
  readonly name: string;
  /** Checks the machine once; grading refuses to run when an essential protection is missing. */
  protections(): Promise<ProtectionReport[]>;
  spawn(spec: SandboxSpec): SandboxProcess;
  /** Reserves a uid for several runs of one submission (see SandboxSpec.identity). */
  acquireIdentity(): Promise<SandboxIdentity>;
  /** spawn() and wait for the result. */
  run(spec: SandboxSpec): Promise<SandboxResult>;
  /** Releases what the sandbox holds (cgroups, uids, temp folders). */
  close(): Promise<void>;
}
