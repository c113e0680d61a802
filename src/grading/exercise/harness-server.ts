/**
 * The pre-forked harness (python/harness/harness_server.py), for the server's warm path: one
 * sandboxed process imports the harness once and forks a child for each grading, so a
 * verdict no longer pays for a second interpreter and a second sandbox start
 * (docs/architecture.md, "Where a warm verdict's time goes").
 *
 * Only the harness is shared this way: it runs trusted code (tests.py), and the server
 * process never reads a byte of a grading. The learner's solution keeps a sandbox of its own
 * per submission (spawn.ts).
 *
 * Each child is handed out as a SandboxProcess: its connection is channels[0] (fd 3 inside,
 * as for a harness started alone), its result comes from the server's `exit` frame.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { observed, silentLog, warnOnReject, type Log } from "../../log.js";
import { processGone } from "../../process-gone.js";
import { SANDBOX_FILES_ROOT } from "../../sandbox-readable-copy.js";
import { DeferredDuplex } from "../sandbox/bwrap/deferred-duplex.js";
import { signalName } from "../sandbox/bwrap/exit-status.js";
import type { Sandbox, SandboxLimits, SandboxProcess, SandboxResult } from "../sandbox/types.js";
import { FrameReader, encodeFrame } from "./frames.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "./paths.js";
import { pythonModule, spawnFunctionProcesses, spawnSolutionHost, type FunctionProcesses } from "./spawn.js";

export interface HarnessServerOptions {
  sandbox: Sandbox;
  /** The longest one child lives, its wait for a submission included. */
  maxChildAgeMs: number;
  /** Each child's own CPU-time limit (RLIMIT_CPU), in whole seconds. */
  childCpuSeconds: number;
  /** How long the server itself may run (its sandbox's wall time). */
  lifetimeMs: number;
  log?: Log;
}

export interface HarnessServer {
  /** Settles once the server listens (or could not start). */
  readonly ready: Promise<void>;
  /** True until the server ended or was closed. */
  alive(): boolean;
  /** A harness for one grading: a forked child, its connection as channels[0]. */
  open(): SandboxProcess;
  /**
   * Has the server compile these tests for the children it forks from now on, which then
   * skip the parse and the assert rewriting (python/harness/testing.py, remember_compiled).
   * Sent once per server; a child forked before it compiles the tests itself.
   */
  compileAhead(tests: string): void;
  /** Children handed out and not yet ended. */
  busy(): number;
  /** Ends the server and every child it forked. */
  close(): Promise<void>;
}

const SOCKET_MOUNT = "/socket";
const HELLO_LIMIT = 256;
/** The server's frames: an exit carries up to 4000 bytes of stderr, up to six times that escaped. */
const CONTROL_FRAME_LIMIT = 1024 * 1024;
const EMPTY = Buffer.alloc(0);
/** Tests files the server keeps compiled, oldest first out: testing.py's COMPILED_KEPT. */
const COMPILED_KEPT = 128;
/** How long a child's result waits for its channel's end after the child exited. */
const CHANNEL_END_WAIT_MS = 1_000;

type ExitFrame = { t: "exit"; pid: number; code?: number; signal?: number; stderr?: string };

/**
 * Where the socket's folder is made: bwrap binds it as the server's uid, so every folder above
 * it must be passable by others. As root, a folder of ours under /run/roadwork-sandbox (as
 * the harness's own copy is, sandbox-readable-copy.ts), never the caller's TMPDIR, which may
 * be private; without root the sandbox runs as the caller.
 */
function socketParent(): string {
  if (process.getuid?.() !== 0) return tmpdir();
  const parent = join(dirname(SANDBOX_FILES_ROOT), "harness");
  mkdirSync(parent, { recursive: true, mode: 0o711 });
  sweepDeadFolders(parent);
  return parent;
}

/** Folders left by a process that was killed (they are named after its pid) go at the next start. */
function sweepDeadFolders(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(/^roadwork-harness-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || !processGone(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
  }
}

/** A grading's two processes: the harness a child of `server` while it lives, else started as usual. */
export function functionProcesses(sandbox: Sandbox, limits: SandboxLimits, server: HarnessServer | undefined): FunctionProcesses {
  if (server?.alive() !== true) return spawnFunctionProcesses(sandbox, limits);
  return { solution: spawnSolutionHost(sandbox, limits), harness: server.open() };
}

/** Throws when the server cannot even be started (its folder, its mount); callers go on without it. */
export function startHarnessServer(options: HarnessServerOptions): HarnessServer {
  const log = options.log ?? silentLog;
  const dir = mkdtempSync(join(socketParent(), `roadwork-harness-${process.pid}-`));
  const socketPath = join(dir, "harness.sock");
  let proc: SandboxProcess;
  try {
    proc = spawnServer(options, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return serve(proc, dir, socketPath, log);
}

function spawnServer(options: HarnessServerOptions, dir: string): SandboxProcess {
  return options.sandbox.spawn({
    argv: pythonModule("harness_server"),
    mounts: [
      { hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT },
      { hostPath: dir, sandboxPath: SOCKET_MOUNT, writable: true },
    ],
    scratch: "private",
    idleUntilInput: true,
    channels: 1,
    stdin: "",
    env: {
      RW_SOCKET: `${SOCKET_MOUNT}/harness.sock`,
      RW_MAX_AGE_S: String(options.maxChildAgeMs / 1000),
      RW_CPU_S: String(Math.max(1, Math.ceil(options.childCpuSeconds))),
    },
    limits: {
      wallTimeMs: options.lifetimeMs,
      // Every child's CPU counts in the server's cgroup; each child has its own RLIMIT_CPU.
      cpuTimeMs: 2 * options.lifetimeMs,
      memoryBytes: 2 * 1024 * 1024 * 1024,
      processes: 256,
    },
  });
}

function serve(proc: SandboxProcess, dir: string, socketPath: string, log: Log): HarnessServer {
  const control = proc.channels[0];
  if (control === undefined) throw new Error("the harness server needs channel fd 3");

  let alive = true;
  let closing = false;
  let readyResolve!: () => void;
  let readyReject!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  // Read by every open(); a server that never listens is logged where it ends (below).
  observed(ready);
  const waiters = new Map<number, (frame: ExitFrame) => void>();
  const early = new Map<number, { frame: ExitFrame; at: number }>();
  const children = new Set<HarnessChild>();

  const reader = new FrameReader(CONTROL_FRAME_LIMIT, {
    frame(body) {
      const frame = parsed(body) as { t?: unknown } | undefined;
      if (frame?.t === "ready") readyResolve();
      else if (frame?.t === "exit") {
        const exit = frame as ExitFrame;
        const waiter = waiters.get(exit.pid);
        if (waiter !== undefined) waiter(exit);
        else early.set(exit.pid, { frame: exit, at: Date.now() });
        for (const [pid, kept] of early) if (Date.now() - kept.at > 60_000) early.delete(pid);
      }
    },
    tooLarge() {
      log.warn({}, "the harness server sent a frame that is too large; stopping it");
      void stop();
    },
  });
  reader.attach(control);
  control.on("error", (error) => log.warn({ err: error }, "the harness server's control channel failed"));

  const serverEnded = proc.result.then(
    (result) => {
      alive = false;
      readyReject(new Error(`the harness server ended (${result.signal ?? `exit code ${String(result.exitCode)}`}): ${result.stderr.toString("utf8").trim().split("\n").slice(-5).join("\n")}`));
      if (!closing) log.warn({ exitCode: result.exitCode, signal: result.signal, limitsHit: result.limitsHit.map((hit) => hit.limit), children: waiters.size }, "the harness server ended");
      return result;
    },
    (error: unknown) => {
      alive = false;
      readyReject(error instanceof Error ? error : new Error(String(error)));
      log.warn({ err: error }, "the harness server failed");
      return undefined;
    },
  );
  void serverEnded.finally(() => {
    for (const child of children) child.serverEnded();
    rmSync(dir, { recursive: true, force: true });
  });

  const stop = async (): Promise<void> => {
    closing = true;
    alive = false;
    await proc.kill().catch(warnOnReject(log, "stopping the harness server"));
    await serverEnded;
  };

  const killChild = (pid: number): void => {
    if (alive && !control.destroyed) control.write(encodeFrame({ t: "kill", pid }, true));
  };

  // The tests the server holds compiled, in the order it evicts them (the same cap and order).
  const compiled = new Set<string>();
  const compileAhead = (tests: string): void => {
    if (!alive || control.destroyed || compiled.has(tests)) return;
    compiled.add(tests);
    for (const oldest of compiled) {
      if (compiled.size <= COMPILED_KEPT) break;
      compiled.delete(oldest);
    }
    control.write(encodeFrame({ t: "compile", source: tests }, true));
  };

  return {
    ready,
    alive: () => alive,
    compileAhead,
    busy: () => children.size,
    open() {
      const child = new HarnessChild(killChild, (pid, onExit) => {
        const kept = early.get(pid);
        if (kept !== undefined) {
          early.delete(pid);
          onExit(kept.frame);
        } else waiters.set(pid, onExit);
      }, (pid) => waiters.delete(pid));
      children.add(child);
      void child.result.finally(() => children.delete(child));
      if (!alive) child.serverEnded();
      else
        ready.then(
          () => child.start(socketPath),
          () => child.serverEnded(),
        );
      return child;
    },
    close: stop,
  };
}

/** One forked child, as the session sees a harness process. */
class HarnessChild implements SandboxProcess {
  readonly stdin = null;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly channels: readonly DeferredDuplex[];
  readonly result: Promise<SandboxResult>;
  private settle!: (result: SandboxResult) => void;
  private readonly channel = new DeferredDuplex();
  private readonly started = performance.now();
  private socket: Socket | undefined;
  private pid: number | undefined;
  private settled = false;

  constructor(
    private readonly killPid: (pid: number) => void,
    private readonly onExit: (pid: number, handler: (frame: ExitFrame) => void) => void,
    private readonly forget: (pid: number) => void,
  ) {
    this.channels = [this.channel];
    this.result = new Promise((resolve) => (this.settle = resolve));
    this.stdout.end();
    this.stderr.end();
  }

  /** Connects once the server listens: the server forks the child, which says hello with its pid. */
  start(path: string): void {
    if (this.settled) return;
    const socket = connect(path);
    this.socket = socket;
    let head = EMPTY;
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) return;
      const size = head.readUInt32BE(0) & 0x7fffffff;
      if (size > HELLO_LIMIT) return this.fail(socket, "the harness child's first frame is too large");
      if (head.length < 4 + size) return;
      socket.off("data", onData);
      const hello = parsed(head.subarray(4, 4 + size)) as { t?: unknown; pid?: unknown } | undefined;
      if (hello?.t !== "hello" || typeof hello.pid !== "number") return this.fail(socket, "the harness child did not say hello");
      const rest = head.subarray(4 + size);
      if (rest.length > 0) socket.unshift(rest);
      this.pid = hello.pid;
      this.onExit(hello.pid, (frame) => this.exited(frame));
      this.channel.attach(socket);
    };
    socket.on("data", onData);
    socket.once("error", (error) => {
      if (this.pid === undefined) this.fail(socket, `could not reach the harness server: ${error.message}`);
    });
    socket.once("close", () => {
      if (this.pid === undefined) this.fail(socket, "the harness server closed the connection before the child said hello");
    });
  }

  private fail(socket: Socket, why: string): void {
    socket.destroy();
    this.channel.destroy();
    this.finish({ exitCode: null, signal: "SIGKILL", stderr: Buffer.from(why) });
  }

  /**
   * The server's word that the child ended travels on another socket than the child's own
   * frames, and may come first: the result waits until the child's channel has ended too (all
   * it wrote was read), or a moment more where a process it left holds the connection open.
   */
  private exited(frame: ExitFrame): void {
    const signal = frame.signal === undefined ? null : (signalName(frame.signal) ?? `signal ${frame.signal}`);
    const how = { exitCode: frame.code ?? null, signal, stderr: Buffer.from(frame.stderr ?? "") };
    if (this.channel.readableEnded || this.channel.destroyed) return this.finish(how);
    const timer = setTimeout(() => this.finish(how), CHANNEL_END_WAIT_MS);
    const done = (): void => {
      clearTimeout(timer);
      this.finish(how);
    };
    this.channel.once("end", done);
    this.channel.once("close", done);
  }

  /** The server is gone, and with it every child. */
  serverEnded(): void {
    this.channel.abandon();
    this.socket?.destroy();
    this.finish({ exitCode: null, signal: "SIGKILL", stderr: Buffer.from("the harness server ended") });
  }

  private finish(how: Pick<SandboxResult, "exitCode" | "signal" | "stderr">): void {
    if (this.settled) return;
    this.settled = true;
    if (this.pid !== undefined) this.forget(this.pid);
    this.settle({ ...how, stdout: EMPTY, outputTruncated: false, limitsHit: [], wallTimeMs: performance.now() - this.started, cpuTimeMs: 0 });
  }

  kill(): Promise<SandboxResult> {
    if (!this.settled) {
      if (this.pid !== undefined) this.killPid(this.pid);
      else this.finish({ exitCode: null, signal: "SIGKILL", stderr: EMPTY });
      // Its end of the connection too: a child still waiting for its tests reads the end and exits.
      this.channel.destroy();
    }
    return this.result;
  }

  connect(): Promise<never> {
    return Promise.reject(new Error("a harness child has no loopback"));
  }

  expose(): Promise<void> {
    return Promise.reject(new Error("a harness child has no loopback"));
  }

  cpuWaitMs(): number {
    return 0;
  }
}

/** A frame's JSON, or undefined when it is not JSON (the server and its children are trusted code: a bug). */
function parsed(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined; // the caller reports a frame it cannot use
  }
}
