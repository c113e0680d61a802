/**
 * One sandboxed run, from spawn to cleanup: streams, channels, limit watching (wall clock,
 * cgroup CPU and task counters, output bounds), the kill, and the result. The caller gets
 * streams at once; the process itself starts once its tmpfs and cgroups are ready
 * (prepare). Cleanup is in one place, so that every way a run can end leaves nothing
 * behind: no process of the run, no cgroup, no tmpfs, no forwarder, and the uid back in the
 * pool.
 */
import type { ChildProcess } from "node:child_process";
import { closeSync } from "node:fs";
import type { Duplex, Writable } from "node:stream";
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";
import { getPriority } from "node:os";
import { observed, silentLog, type Log } from "../../../log.js";
import type { LimitHit, LimitName } from "../../report.js";
import type { SandboxLimits, SandboxProcess, SandboxResult } from "../types.js";
import { limitHit } from "../limits.js";
import { startWallClock } from "../wall-clock.js";
import { longestRunQueueWaitMs } from "./cgroup-files.js";
import type { RunCgroup } from "./cgroups.js";
import { DeferredDuplex } from "./deferred-duplex.js";
import { decodeExit } from "./exit-status.js";
import { Forwarder } from "./forwarder.js";
import { OutputCollector } from "./output-collector.js";
import { SpawnedChild, SpawnerLost, type SpawnerHost } from "./spawner.js";
import { startChild } from "./start-child.js";
import { lowerPriority, restorePriority, setSessionNiceness, threadsOf, WAITING_NICENESS } from "./run-priority.js";
import { delay, FD_COUNTS_PER_ROUND, fullDescriptorTable, isSetupFailure, knownPid, limitsAtEnd, namespaceInitGone, readChildPid } from "./run-signs.js";
import type { Workspace } from "./workspace.js";

/** How often the cgroup counters are read while a run is alive. */
const WATCH_INTERVAL_MS = 25;
/** Forks and thread starts refused by the task limit after which the run is ended. */
const REFUSED_FORKS_BEFORE_KILL = 100;
/** How long to wait for the output pipes to close once the run is gone. */
const DRAIN_TIMEOUT_MS = 2_000;

export interface RunOptions {
  id: string;
  /** The command run inside (SandboxSpec.argv): named in the operator's log, never parsed. */
  argv: readonly string[];
  limits: Readonly<SandboxLimits>;
  channels: number;
  stdin: string | Buffer | undefined;
  loopback: boolean;
  /** Where the forwarder's sockets go (a folder named after the run is made in it). */
  socketDir: string;
  /** Gives the uid back (a no-op for an identity's uid); called once, at the very end. */
  release: () => void;
  /** Where a failed kill or clean-up step is told (with the run's id); default silentLog. */
  log?: Log;
  /** Read the cgroup counters only from the first input on (SandboxSpec.idleUntilInput). */
  idleUntilInput?: boolean;
  /** Niceness 19 until the first input (SandboxSpec.lowPriorityUntilInput, run-priority.ts). */
  lowPriorityUntilInput?: boolean;
  /** Starts the process instead of Node's own spawn (spawner.ts); undefined: Node's spawn. */
  spawners?: SpawnerHost | undefined;
}

/** What prepare() made ready: the command, and what must be cleaned up after. */
export interface Prepared {
  file: string;
  args: string[];
  /** Open descriptor of the seccomp filter, passed after the info pipe; closed here after spawn. */
  seccompFd: number | undefined;
  /** The filter's file, which the spawner opens itself. */
  seccompPath?: string | undefined;
  /** undefined: the run's tmpfs are private to it (scratch "private"), nothing to look at or remove. */
  workspace: Workspace | undefined;
  cgroup: RunCgroup | undefined;
}

export class RunProcess implements SandboxProcess {
  readonly stdin: Writable | null;
  readonly stdout;
  readonly stderr;
  readonly channels: readonly Duplex[];
  readonly result: Promise<SandboxResult>;
  readonly ended: Promise<SandboxResult>;

  private readonly out: OutputCollector;
  private readonly err: OutputCollector;
  private readonly stdinProxy: DeferredDuplex | undefined;
  private readonly channelProxies: DeferredDuplex[];
  private readonly hits = new Map<LimitName, LimitHit>();
  private prepared: Prepared | undefined;
  private child: ChildProcess | SpawnedChild | undefined;
  private started = 0;
  private sandboxPid: Promise<number> | undefined;
  private forwarder: Forwarder | undefined;
  private finished = false;
  private killRequested = false;
  private killing: Promise<void> | undefined;
  private stopWallClock: (() => void) | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  /** The longest CPU wait seen, kept once the run's threads are gone. */
  private cpuWaitSeenMs = 0;
  /** The CPU total last read while the run was watched: the final read may fail. */
  private lastCpuTimeMs: number | undefined;
  /** Where the descriptor count resumes in the list of the run's processes (see countDescriptors). */
  private fdRound = 0;
  /** Input has arrived (or the run watches from the start): the counters are read. */
  private watching: boolean;
  /** Runs at niceness 19 until its first input (run-priority.ts). */
  private lowered = false;
  private settleEnded: ((result: SandboxResult) => void) | undefined;

  constructor(
    private readonly options: RunOptions,
    prepare: () => Promise<Prepared>,
  ) {
    const limits = options.limits;
    this.out = new OutputCollector(limits.outputBytes, () => this.hitAndKill("output"));
    this.err = new OutputCollector(limits.outputBytes, () => this.hitAndKill("output"));
    this.stdout = this.out.view;
    this.stderr = this.err.view;
    this.stdinProxy = options.stdin === undefined ? new DeferredDuplex() : undefined;
    this.stdin = this.stdinProxy ?? null;
    this.channelProxies = Array.from({ length: options.channels }, () => new DeferredDuplex());
    this.channels = this.channelProxies;
    this.watching = options.idleUntilInput !== true;
    if (!this.watching) for (const proxy of [...this.channelProxies, ...(this.stdinProxy ? [this.stdinProxy] : [])]) proxy.onFirstInput = () => this.startWatching();
    const early = new Promise<SandboxResult>((resolve) => (this.settleEnded = resolve));
    this.result = this.run(prepare);
    // The result before the clean-up (finish), or the result itself (any other way a run ends).
    this.ended = Promise.race([early, this.result]);
    // Callers that only use kill() must not see an unhandled rejection; the result's reader gets the error.
    for (const outcome of [this.result, this.ended]) observed(outcome);
  }

  /** From the first input on, the counters are read every WATCH_INTERVAL_MS. */
  private startWatching(): void {
    this.watching = true;
    if (this.lowered) {
      const log = this.options.log ?? silentLog;
      restorePriority([...(this.prepared?.cgroup?.threads() ?? []), ...threadsOf(this.forwarder?.pid)], log);
      observed(this.sandboxPid?.then((pid) => setSessionNiceness(pid, getPriority(), () => !this.lowered, log)) ?? Promise.resolve());
    }
    this.lowered = false;
    if (this.child !== undefined && this.prepared?.cgroup !== undefined && this.watchTimer === undefined && !this.finished) {
      this.watchTimer = setInterval(() => this.watch(), WATCH_INTERVAL_MS);
    }
  }

  connect = async (port: number): Promise<Duplex> => (await this.openForwarder()).connect(port);
  expose = async (port: number, hostSocketPath: string): Promise<void> => (await this.openForwarder()).expose(port, hostSocketPath);

  async signal(name: "SIGTERM" | "SIGINT"): Promise<void> {
    const pid = await this.waitForPid();
    if (!this.finished) process.kill(pid, name);
  }

  async kill(reason?: LimitHit): Promise<SandboxResult> {
    if (reason !== undefined && !this.finished && !this.hits.has(reason.limit)) this.hits.set(reason.limit, reason);
    this.killRequested = true;
    if (this.child !== undefined) this.killAllLogged();
    return this.result;
  }

  private async run(prepare: () => Promise<Prepared>): Promise<SandboxResult> {
    let prepared: Prepared;
    try {
      prepared = await prepare();
    } catch (error) {
      this.abandonStreams();
      this.options.release();
      throw error;
    }
    this.prepared = prepared;
    if (this.killRequested) {
      // Killed before it started: nothing ran.
      if (prepared.seccompFd !== undefined) closeSync(prepared.seccompFd);
      this.abandonStreams();
      await this.cleanup();
      return this.makeResult(null, "SIGKILL", undefined, 0);
    }
    let exit: Awaited<ReturnType<RunProcess["start"]>>;
    try {
      exit = await this.start(prepared);
    } catch (error) {
      // spawn() itself threw (out of descriptors, say): nothing runs, everything goes.
      this.abandonStreams();
      await this.cleanup();
      throw error;
    }
    return this.finish(exit.code, exit.signal, exit.error);
  }

  /** Spawns the command and resolves when it has exited (or could not be spawned). */
  private async start(prepared: Prepared): Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }> {
    const { channels, limits } = this.options;
    // Only where startWatching() can undo it.
    const canRestore = prepared.cgroup !== undefined && process.getuid?.() === 0;
    const lower = this.options.lowPriorityUntilInput === true && !this.watching && canRestore;
    const child = await startChild(prepared, channels, this.options.spawners, lower ? WAITING_NICENESS : undefined);
    this.child = child;
    this.started = performance.now();
    // Node's spawn: before bwrap forks the program, which then inherits it (the spawner set it before the start).
    if (lower) this.lowered = child instanceof SpawnedChild || (child.pid !== undefined && lowerPriority(child.pid, this.options.log ?? silentLog));

    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      // "exit", not "close": "close" waits for every stdio stream, and a channel the caller
      // never reads would hold it open forever.
      child.once("exit", (code, signal) => resolve({ code, signal }));
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
    });

    this.out.attach(child.stdout!);
    this.err.attach(child.stderr!);
    const stdin = child.stdin!;
    // A run that exits without reading its input must not crash the grader with EPIPE.
    stdin.on("error", () => undefined);
    if (this.options.stdin !== undefined) stdin.end(this.options.stdin);
    else this.stdinProxy?.attach(stdin as unknown as Duplex);
    this.channelProxies.forEach((proxy, i) => {
      const channel = child.stdio[3 + i] as Duplex;
      channel.on("error", () => undefined);
      proxy.on("error", () => undefined);
      proxy.attach(channel);
    });
    this.sandboxPid = readChildPid(child.stdio[3 + channels] as Duplex);
    observed(this.sandboxPid); // read by the forwarder (its caller gets the error) and by finish()
    if (this.lowered) {
      // Its session is a scheduling group of its own (run-priority.ts): the group waits too.
      const log = this.options.log ?? silentLog;
      observed(this.sandboxPid.then((pid) => setSessionNiceness(pid, WAITING_NICENESS, () => this.lowered, log)));
    }

    this.stopWallClock = startWallClock(limits.wallTimeMs, () => this.cpuWaitMs(), () => this.hitAndKill("wall-time")).stop;
    if (prepared.cgroup !== undefined && this.watching) this.watchTimer = setInterval(() => this.watch(), WATCH_INTERVAL_MS);
    if (this.killRequested) this.killAllLogged();
    return exited;
  }

  cpuWaitMs(): number {
    const cgroup = this.prepared?.cgroup;
    if (cgroup !== undefined && !this.finished) this.cpuWaitSeenMs = Math.max(this.cpuWaitSeenMs, longestRunQueueWaitMs(cgroup.threads()));
    return this.cpuWaitSeenMs;
  }

  private hitAndKill(limit: LimitName): void {
    if (this.finished) return;
    this.note(limit);
    this.killRequested = true;
    if (this.child !== undefined) this.killAllLogged();
  }

  /** killAll for callers that do not wait: its failure is logged, and the run's result still comes. */
  private killAllLogged(): void {
    this.killAll().catch((error: unknown) => (this.options.log ?? silentLog).warn({ err: error, run: this.options.id }, "killing a sandbox run's processes failed"));
  }

  /**
   * SIGKILLs every process of the run: through the cgroup, or bwrap itself (--die-with-parent
   * takes the rest). Calls while a kill is under way share it; a call after it finished kills
   * again, because the wrapper may have joined the cgroup only after an early kill found it
   * empty (a kill right after spawn), and the final kill in finish() must see every process.
   */
  private killAll(): Promise<void> {
    if (this.killing === undefined) {
      const cgroup = this.prepared?.cgroup;
      this.killing = (async () => {
        // bwrap's monitor (our child) goes last, so that it reaps the program itself.
        if (cgroup !== undefined) await cgroup.killAll(this.child?.pid);
        else this.child?.kill("SIGKILL");
      })().finally(() => {
        this.killing = undefined;
      });
    }
    return this.killing;
  }

  private watch(): void {
    const cgroup = this.prepared?.cgroup;
    if (cgroup === undefined || this.finished) return;
    const stats = cgroup.stats();
    if (stats.cpuTimeMs !== undefined) this.lastCpuTimeMs = stats.cpuTimeMs;
    if (stats.cpuTimeMs !== undefined && stats.cpuTimeMs > this.options.limits.cpuTimeMs) this.hitAndKill("cpu-time");
    // One refused fork is reported and left to the program to handle; a stream of them is a
    // fork bomb spinning on the limit, and ends the run.
    if (stats.taskLimitHits >= REFUSED_FORKS_BEFORE_KILL) this.hitAndKill("processes");
    else if (stats.taskLimitHits > 0) this.note("processes");
    if (stats.oomKills > 0) this.note("memory");
    if (!this.hits.has("open-files")) {
      const pids = cgroup.pids();
      if (fullDescriptorTable(pids, this.fdRound, this.options.limits.openFiles)) this.note("open-files");
      this.fdRound += Math.min(pids.length, FD_COUNTS_PER_ROUND);
    }
  }

  private async openForwarder(): Promise<Forwarder> {
    if (!this.options.loopback) {
      throw new RoadworkError("BAD_INPUT", 'connect() and expose() need a run started with network: "loopback"');
    }
    const pid = await this.waitForPid();
    if (this.finished) throw new Error("the run has ended");
    if (this.forwarder === undefined) {
      this.forwarder = new Forwarder(pid, join(this.options.socketDir, this.options.id), this.options.log);
      // It serves a run that waits (an exposed service): it waits with it.
      if (this.lowered && this.forwarder.pid !== undefined) lowerPriority(this.forwarder.pid, this.options.log ?? silentLog);
    }
    return this.forwarder;
  }

  /** The sandbox's pid on the host, once the process has started. */
  private async waitForPid(): Promise<number> {
    while (this.sandboxPid === undefined) {
      if (this.finished) throw new Error("the run has ended");
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return this.sandboxPid;
  }

  private async finish(code: number | null, signal: NodeJS.Signals | null, spawnError: Error | undefined): Promise<SandboxResult> {
    const wallTimeMs = performance.now() - this.started;
    this.stopWallClock?.();
    clearInterval(this.watchTimer);
    const { limits } = this.options;
    const { cgroup, workspace } = this.prepared!;
    try {
      // Daemons the run left behind go now, before anything is read or removed.
      await this.killAll();
      // Without a cgroup to empty, wait for the namespace's pid 1 instead: it exits only
      // once every other process of its namespace is gone.
      if (cgroup === undefined) await namespaceInitGone(this.sandboxPid);
      await Promise.race([Promise.all([this.out.done, this.err.done]), delay(DRAIN_TIMEOUT_MS)]);
      for (const channel of this.channels) channel.destroy();
      const stats = cgroup?.stats();
      const exit = decodeExit(code, signal);
      const counters = stats === undefined ? undefined : { ...stats, cpuTimeMs: stats.cpuTimeMs ?? this.lastCpuTimeMs };
      const files = { fileSize: workspace?.hasFileOfAtLeast(limits.fileSizeBytes) === true, diskFull: workspace?.isFull() === true };
      for (const limit of limitsAtEnd(counters, exit.signal, limits, files, this.err.bytes())) this.note(limit);
      if (exit.signal === "SIGKILL" && !this.killRequested && this.hits.size === 0) {
        // Nothing here sent it and no counter explains it: whatever did must be findable.
        const seen = { run: this.options.id, pid: await knownPid(this.sandboxPid), program: this.options.argv.join(" ").slice(0, 200) };
        (this.options.log ?? silentLog).warn({ ...seen, cpuTimeMs: counters?.cpuTimeMs, wallTimeMs: Math.round(wallTimeMs), memoryPeakBytes: stats?.memoryPeakBytes }, "a sandboxed run was killed by SIGKILL that the grader did not send");
      }
      if (spawnError instanceof SpawnerLost) throw new RoadworkError("INFRASTRUCTURE", `the sandboxed run was lost: ${spawnError.message}`, { cause: spawnError });
      if (spawnError !== undefined) throw new RoadworkError("SANDBOX_UNAVAILABLE", `cannot start the sandbox: ${spawnError.message}`, { cause: spawnError });
      const stderr = this.err.bytes();
      if (this.hits.size === 0 && isSetupFailure(exit.exitCode, stderr)) {
        const why = stderr.toString("utf8").trim().slice(0, 500);
        // A program or working folder that does not exist inside is the spec's fault, not the machine's.
        const code = /^bwrap: (execvp|Can't chdir)/.test(why) ? "BAD_INPUT" : "INFRASTRUCTURE";
        throw new RoadworkError(code, `the sandbox could not start: ${why}`);
      }
      const result = this.makeResult(exit.exitCode, exit.signal, counters?.cpuTimeMs, wallTimeMs, stats?.memoryPeakBytes);
      // Every process is gone and every counter read: the outcome is known before the clean-up.
      this.settleEnded?.(result);
      return result;
    } finally {
      await this.cleanup();
    }
  }

  private makeResult(exitCode: number | null, signal: string | null, cpuTimeMs: number | undefined, wallTimeMs: number, memoryPeakBytes?: number): SandboxResult {
    this.finished = true;
    return {
      exitCode,
      signal,
      stdout: this.out.bytes(),
      stderr: this.err.bytes(),
      outputTruncated: this.out.truncated || this.err.truncated,
      limitsHit: [...this.hits.values()],
      wallTimeMs: Math.round(wallTimeMs),
      cpuTimeMs: Math.round(cpuTimeMs ?? 0),
      ...(memoryPeakBytes === undefined ? {} : { memoryPeakBytes }),
    };
  }

  private note(limit: LimitName): void {
    if (!this.hits.has(limit)) this.hits.set(limit, limitHit(limit, this.options.limits));
  }

  private abandonStreams(): void {
    this.finished = true;
    this.out.end();
    this.err.end();
    this.stdinProxy?.abandon();
    for (const proxy of this.channelProxies) proxy.abandon();
  }

  private async cleanup(): Promise<void> {
    this.finished = true;
    const prepared = this.prepared;
    // The tmpfs before the cgroup: its pages are charged to the run's memory cgroup.
    const steps: Array<[string, () => Promise<void> | void]> = [["forwarder", () => this.forwarder?.stop()], ["workspace", () => prepared?.workspace?.destroy()], ["cgroup", () => prepared?.cgroup?.remove()], ["uid", () => this.options.release()]];
    for (const [step, run] of steps) {
      try {
        await run();
      } catch (error) {
        // Keep cleaning: one failed step must not leave the others undone; what is left behind is logged.
        (this.options.log ?? silentLog).warn({ err: error, run: this.options.id, step }, "cleaning up after a sandbox run failed");
      }
    }
  }
}
