/**
 * One sandboxed run, from spawn to cleanup: streams, channels, limit watching (wall clock,
 * cgroup CPU and task counters, output bounds), the kill, and the result. Cleanup is in
 * one place (finish), so that every way a run can end leaves nothing behind: no process of
 * the run, no cgroup, no tmpfs, no forwarder, and the uid back in the pool.
 */
import { spawn } from "node:child_process";
import type { ChildProcess, StdioOptions } from "node:child_process";
import type { Duplex, Writable } from "node:stream";
import { join } from "node:path";
import { RoadworkError } from "../../../errors.js";
import type { LimitHit, LimitName } from "../../report.js";
import type { SandboxLimits, SandboxProcess, SandboxResult } from "../types.js";
import { limitHit } from "../limits.js";
import type { RunCgroup } from "./cgroups.js";
import { decodeExit } from "./exit-status.js";
import { Forwarder } from "./forwarder.js";
import { OutputCollector } from "./output-collector.js";
import type { Workspace } from "./workspace.js";

/** How often the cgroup counters are read while a run is alive. */
const WATCH_INTERVAL_MS = 25;
/** How long to wait for the output pipes to close once the run is gone. */
const DRAIN_TIMEOUT_MS = 2_000;

export interface RunResources {
  id: string;
  limits: Readonly<SandboxLimits>;
  workspace: Workspace;
  cgroup: RunCgroup | undefined;
  /** Where the forwarder's sockets go. */
  socketDir: string;
  loopback: boolean;
  /** Gives the uid back (a no-op for an identity's uid) and anything else the run held. */
  release: () => void;
}

export interface Launch {
  file: string;
  args: string[];
  /** Descriptors beyond stdin/stdout/stderr and the channels: [info pipe, seccomp file?]. */
  channels: number;
  seccompFd: number | undefined;
  stdin: string | Buffer | undefined;
}

export class RunProcess implements SandboxProcess {
  readonly stdin: Writable | null;
  readonly stdout;
  readonly stderr;
  readonly channels: readonly Duplex[];
  readonly result: Promise<SandboxResult>;

  private readonly child: ChildProcess;
  private readonly out: OutputCollector;
  private readonly err: OutputCollector;
  private readonly hits = new Map<LimitName, LimitHit>();
  private readonly started = performance.now();
  private sandboxPid: Promise<number>;
  private forwarder: Forwarder | undefined;
  private finished: SandboxResult | undefined;
  private killing: Promise<void> | undefined;
  private wallTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;

  constructor(
    launch: Launch,
    private readonly res: RunResources,
  ) {
    const stdio: StdioOptions = ["pipe", "pipe", "pipe"];
    for (let i = 0; i < launch.channels; i++) stdio.push("pipe");
    stdio.push("pipe"); // bwrap --info-fd
    if (launch.seccompFd !== undefined) stdio.push(launch.seccompFd);
    this.child = spawn(launch.file, launch.args, { stdio, env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" }, cwd: "/" });

    const limits = res.limits;
    this.out = new OutputCollector(this.child.stdout!, limits.outputBytes, () => this.hitAndKill("output"));
    this.err = new OutputCollector(this.child.stderr!, limits.outputBytes, () => this.hitAndKill("output"));
    this.stdout = this.out.view;
    this.stderr = this.err.view;

    const stdin = this.child.stdin!;
    // A run that exits without reading its input must not crash the grader with EPIPE.
    stdin.on("error", () => undefined);
    if (launch.stdin !== undefined) {
      stdin.end(launch.stdin);
      this.stdin = null;
    } else {
      this.stdin = stdin;
    }

    this.channels = Array.from({ length: launch.channels }, (_, i) => {
      const channel = this.child.stdio[3 + i] as Duplex;
      channel.on("error", () => undefined);
      return channel;
    });
    this.sandboxPid = readChildPid(this.child.stdio[3 + launch.channels] as Duplex);
    this.sandboxPid.catch(() => undefined);

    this.wallTimer = setTimeout(() => this.hitAndKill("wall-time"), limits.wallTimeMs);
    if (res.cgroup !== undefined) this.watchTimer = setInterval(() => this.watch(), WATCH_INTERVAL_MS);

    this.result = new Promise<SandboxResult>((resolve, reject) => {
      let ended = false;
      const end = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
        if (ended) return;
        ended = true;
        this.finish(code, signal, error).then(resolve, reject);
      };
      // "exit", not "close": "close" waits for every stdio stream, and a channel the caller
      // never reads would hold it open forever.
      this.child.once("exit", (code, signal) => end(code, signal));
      this.child.once("error", (error) => end(null, null, error));
    });
    // Callers that only use kill() must not see an unhandled rejection.
    this.result.catch(() => undefined);
  }

  async connect(port: number): Promise<Duplex> {
    return (await this.openForwarder()).connect(port);
  }

  async expose(port: number, hostSocketPath: string): Promise<void> {
    await (await this.openForwarder()).expose(port, hostSocketPath);
  }

  async kill(reason?: LimitHit): Promise<SandboxResult> {
    if (reason !== undefined && this.finished === undefined && !this.hits.has(reason.limit)) this.hits.set(reason.limit, reason);
    void this.killAll();
    return this.result;
  }

  private hitAndKill(limit: LimitName): void {
    if (this.finished !== undefined) return;
    if (!this.hits.has(limit)) this.hits.set(limit, limitHit(limit, this.res.limits));
    void this.killAll();
  }

  /** SIGKILLs every process of the run: through the cgroup, or bwrap itself (--die-with-parent takes the rest). */
  private killAll(): Promise<void> {
    if (this.killing === undefined) {
      this.killing = (async () => {
        if (this.res.cgroup !== undefined) await this.res.cgroup.killAll();
        else this.child.kill("SIGKILL");
      })();
    }
    return this.killing;
  }

  private watch(): void {
    const cgroup = this.res.cgroup;
    if (cgroup === undefined || this.finished !== undefined) return;
    const stats = cgroup.stats();
    if (stats.cpuTimeMs !== undefined && stats.cpuTimeMs > this.res.limits.cpuTimeMs) this.hitAndKill("cpu-time");
    if (stats.taskLimitHits > 0) this.hitAndKill("processes");
    if (stats.oomKills > 0 && !this.hits.has("memory")) this.hits.set("memory", limitHit("memory", this.res.limits));
  }

  private async openForwarder(): Promise<Forwarder> {
    if (!this.res.loopback) {
      throw new RoadworkError("BAD_INPUT", 'connect() and expose() need a run started with network: "loopback"');
    }
    if (this.finished !== undefined) throw new Error("the run has ended");
    const pid = await this.sandboxPid;
    this.forwarder ??= new Forwarder(pid, join(this.res.socketDir, this.res.id));
    return this.forwarder;
  }

  private async finish(code: number | null, signal: NodeJS.Signals | null, spawnError: Error | undefined): Promise<SandboxResult> {
    const wallTimeMs = performance.now() - this.started;
    clearTimeout(this.wallTimer);
    clearInterval(this.watchTimer);
    const { limits, cgroup, workspace } = this.res;
    try {
      // Daemons the run left behind go now, before anything is read or removed.
      await this.killAll();
      await Promise.race([Promise.all([this.out.done, this.err.done]), delay(DRAIN_TIMEOUT_MS)]);
      for (const channel of this.channels) channel.destroy();
      const stats = cgroup?.stats();
      const exit = decodeExit(code, signal);

      if (stats !== undefined) {
        if (stats.oomKills > 0) this.note("memory");
        if (stats.taskLimitHits > 0) this.note("processes");
        if (stats.cpuTimeMs !== undefined && stats.cpuTimeMs >= limits.cpuTimeMs) this.note("cpu-time");
      }
      if (exit.signal === "SIGXCPU") this.note("cpu-time");
      if (exit.signal === "SIGXFSZ" || workspace.hasFileOfAtLeast(limits.fileSizeBytes)) this.note("file-size");
      if (workspace.isFull()) this.note("disk");

      const stderr = this.err.bytes();
      if (spawnError !== undefined) throw new RoadworkError("SANDBOX_UNAVAILABLE", `cannot start the sandbox: ${spawnError.message}`, { cause: spawnError });
      if (this.hits.size === 0 && isSetupFailure(exit.exitCode, stderr)) {
        throw new RoadworkError("INFRASTRUCTURE", `the sandbox could not start: ${stderr.toString("utf8").trim().slice(0, 500)}`);
      }
      this.finished = {
        exitCode: exit.exitCode,
        signal: exit.signal,
        stdout: this.out.bytes(),
        stderr,
        outputTruncated: this.out.truncated || this.err.truncated,
        limitsHit: [...this.hits.values()],
        wallTimeMs: Math.round(wallTimeMs),
        cpuTimeMs: Math.round(stats?.cpuTimeMs ?? 0),
        ...(stats?.memoryPeakBytes === undefined ? {} : { memoryPeakBytes: stats.memoryPeakBytes }),
      };
      return this.finished;
    } finally {
      await this.cleanup();
    }
  }

  private note(limit: LimitName): void {
    if (!this.hits.has(limit)) this.hits.set(limit, limitHit(limit, this.res.limits));
  }

  private async cleanup(): Promise<void> {
    const steps: Array<() => Promise<void> | void> = [
      () => this.forwarder?.stop(),
      () => this.res.cgroup?.remove(),
      () => this.res.workspace.destroy(),
      () => this.res.release(),
    ];
    for (const step of steps) {
      try {
        await step();
      } catch {
        // Keep cleaning: one failed step must not leave the others undone.
      }
    }
  }
}

/** bwrap (or the cgroup wrapper) failed before the program ran: exit 1 with "bwrap: ..." or 125. */
function isSetupFailure(exitCode: number | null, stderr: Buffer): boolean {
  const text = stderr.subarray(0, 200).toString("utf8");
  return (exitCode === 1 && text.startsWith("bwrap: ")) || (exitCode === 125 && text.startsWith("roadwork-sandbox: "));
}

/** The pid (on the host) of the sandbox's init, from bwrap --info-fd. */
function readChildPid(info: Duplex): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let text = "";
    info.setEncoding("utf8");
    info.on("data", (chunk: string) => {
      text += chunk;
      const match = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    info.on("error", () => undefined);
    info.once("close", () => reject(new Error("the sandbox ended before it reported its pid")));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
