/**
 * The spawner (native/sandbox-spawn.c): a small program that starts each run's first process
 * for Node. Node's own spawn() forks Node: the fork copies the page tables of a process of a
 * hundred megabytes and more, on the main thread, and every page Node writes after it faults
 * once more (docs/architecture.md, "Where a warm verdict's time goes"). The spawner is a few
 * hundred kilobytes; it forks in a fraction of that, and not on Node's thread.
 *
 * A run's descriptors 0, 1, 2, its channels and bwrap's info descriptor are connections the
 * spawner opens to a Unix socket Node listens on, in a folder only this uid can enter; each
 * first says a random token and its index, so Node knows whose it is. (Node's own spawn gives
 * a child socket pairs too: the run sees no difference.) The spawner reaps what it started and
 * says how it ended; a signal goes through it, so it never reaches a pid used again.
 *
 * Without a C compiler there is no spawner, and runs are started by Node as before.
 */
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { constants as osConstants } from "node:os";
import { join } from "node:path";
import { silentLog, type Log } from "../../../log.js";
import { DeferredDuplex } from "./deferred-duplex.js";
import { signalName } from "./exit-status.js";

const TOKEN_LENGTH = 32;
const HELLO_LENGTH = TOKEN_LENGTH + 1;
/** A connection that has not said whose it is by then is dropped. */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * One of a process's descriptors as Node sees it: the connection, read from the moment it
 * said whose it is. Nothing it brings is lost before its reader listens (a process that
 * exits at once has written everything and closed before its start is even told): it is
 * buffered as any stream's, and its end is an end only once read. The other side's end ends
 * ours, as a pipe's would.
 */
function slotStream(socket: Socket, first: Buffer): DeferredDuplex {
  const stream = new DeferredDuplex({ allowHalfOpen: false });
  if (first.length > 0) stream.push(first);
  stream.attach(socket);
  return stream;
}

/** A process the spawner started: what run-process.ts uses of a ChildProcess. */
export class SpawnedChild extends EventEmitter {
  readonly stdin: DeferredDuplex;
  readonly stdout: DeferredDuplex;
  readonly stderr: DeferredDuplex;

  constructor(
    readonly pid: number,
    readonly stdio: readonly DeferredDuplex[],
    private readonly signal: (name: NodeJS.Signals) => void,
  ) {
    super();
    const [stdin, stdout, stderr] = stdio;
    if (stdin === undefined || stdout === undefined || stderr === undefined) throw new Error("a spawned run needs descriptors 0, 1 and 2");
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  kill(name: NodeJS.Signals = "SIGTERM"): boolean {
    this.signal(name);
    return true;
  }
}

/** A started process's "error" when the spawner that carried it ended: the run was lost. */
export class SpawnerLost extends Error {}

interface Pending {
  slots: Array<DeferredDuplex | undefined>;
  connected: number;
  pid: number | undefined;
  /** It ended before every descriptor was accepted (a process that exits at once). */
  exit: [number | null, NodeJS.Signals | null] | undefined;
  resolve: (child: SpawnedChild) => void;
  reject: (error: Error) => void;
}

export interface SpawnRequest {
  file: string;
  args: readonly string[];
  /** Descriptors 0..slots-1 of the process, each a connection to Node. */
  slots: number;
  /** A file opened as the next descriptor (bwrap's --seccomp). */
  openAfter?: string | undefined;
  /** The niceness it starts with, before its first instruction. */
  niceness?: number | undefined;
}

export class Spawner {
  private readonly pending = new Map<string, Pending>();
  private readonly tokens = new Map<string, string>();
  private readonly running = new Map<string, SpawnedChild>();
  private alive = true;
  private nextId = 0;
  private events = "";
  private holding: NodeJS.Timeout | undefined;
  /** Ends read and not yet told (tellLater). */
  private exiting = 0;

  private constructor(
    private readonly proc: ChildProcess,
    private readonly server: Server,
    private readonly socketPath: string,
    private readonly log: Log,
  ) {
    proc.stdout!.setEncoding("utf8");
    proc.stdout!.on("data", (chunk: string) => this.read(chunk));
    proc.stdin!.on("error", (error) => log.warn({ err: error }, "the sandbox spawner's input failed"));
    proc.once("exit", (code, signal) => this.ended(`the sandbox spawner ended (${signal ?? `exit code ${String(code)}`})`));
    proc.once("error", (error) => this.ended(`the sandbox spawner failed: ${error.message}`));
    server.on("connection", (socket) => this.accept(socket));
    proc.unref();
    (proc.stdout as Socket).unref();
    (proc.stdin as Socket).unref();
    server.unref();
  }

  /** Starts a spawner listening in `socketDir` (a folder only this uid can enter). */
  static async start(program: string, socketDir: string, log: Log = silentLog): Promise<Spawner> {
        // Named after this process, as run folders are: a dead process's socket is swept (sweep.ts).
    const socketPath = join(socketDir, `${process.pid}-${randomBytes(4).toString("hex")}.sock`);
    const server = createServer({ allowHalfOpen: false });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => {
        server.off("error", reject);
        resolve();
      });
    });
    server.on("error", (error) => log.warn({ err: error }, "the sandbox spawner's socket failed"));
    const proc = spawn(program, [socketPath], { stdio: ["pipe", "pipe", "inherit"], cwd: "/", env: {} });
    return new Spawner(proc, server, socketPath, log);
  }

  isAlive(): boolean {
    return this.alive;
  }

  /** Starts a process; resolves once it runs with every descriptor connected, rejects when it could not start. */
  spawn(request: SpawnRequest): Promise<SpawnedChild> {
    if (!this.alive) return Promise.reject(new Error("the sandbox spawner has ended"));
    const id = String(this.nextId++);
    const token = randomBytes(TOKEN_LENGTH / 2).toString("hex");
    const fields = ["S", id, token, String(request.slots), request.openAfter ?? "", request.niceness === undefined ? "" : String(request.niceness), request.file, request.file, ...request.args];
    return new Promise<SpawnedChild>((resolve, reject) => {
      this.pending.set(id, { slots: Array.from({ length: request.slots }, () => undefined), connected: 0, pid: undefined, exit: undefined, resolve, reject });
      this.tokens.set(token, id);
      this.busy();
      this.send(fields);
    });
  }

  async close(): Promise<void> {
    this.alive = false;
    this.proc.stdin!.end();
    this.proc.kill("SIGKILL");
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.socketPath, { force: true });
  }

  /** One request: its length (4 bytes, little-endian), then each field ended by NUL. */
  private send(fields: readonly string[]): void {
    if (!this.alive) return;
    const body = Buffer.from(fields.map((field) => `${field}\0`).join(""), "utf8");
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length);
    this.proc.stdin!.write(Buffer.concat([header, body]));
  }

  private accept(socket: Socket): void {
    let head = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), HELLO_TIMEOUT_MS);
    timer.unref();
    socket.on("error", () => undefined);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      if (head.length < HELLO_LENGTH) return;
      socket.off("data", onData);
      clearTimeout(timer);
      const id = this.tokens.get(head.subarray(0, TOKEN_LENGTH).toString("latin1"));
      const index = head[TOKEN_LENGTH] ?? -1;
      const pending = id === undefined ? undefined : this.pending.get(id);
      if (id === undefined || pending === undefined || index >= pending.slots.length || pending.slots[index] !== undefined) {
        socket.destroy();
        return;
      }
      pending.slots[index] = slotStream(socket, head.subarray(HELLO_LENGTH));
      pending.connected += 1;
      this.settleIfReady(id, pending);
    };
    socket.on("data", onData);
  }

  private read(chunk: string): void {
    this.events += chunk;
    for (let end = this.events.indexOf("\n"); end >= 0; end = this.events.indexOf("\n")) {
      const line = this.events.slice(0, end);
      this.events = this.events.slice(end + 1);
      this.event(line.split(" "));
    }
  }

  private event([kind, id = "", a = "", b = ""]: string[]): void {
    if (kind === "P") {
      const pending = this.pending.get(id);
      if (pending === undefined) return;
      pending.pid = Number(a);
      this.settleIfReady(id, pending);
    } else if (kind === "F") {
      const pending = this.pending.get(id);
      if (pending === undefined) return;
      this.forget(id);
      for (const socket of pending.slots) socket?.destroy();
      const code = Object.entries(osConstants.errno).find(([, value]) => value === Number(a))?.[0] ?? `errno ${a}`;
      pending.reject(Object.assign(new Error(`spawn failed: ${code}`), { code }));
      this.idle();
    } else if (kind === "X") {
      const code = Number(a);
      const signal = Number(b);
      const how: [number | null, NodeJS.Signals | null] = [code >= 0 ? code : null, signal > 0 ? (signalName(signal) ?? null) : null];
      const pending = this.pending.get(id);
      if (pending !== undefined) pending.exit = how;
      const child = this.running.get(id);
      if (child === undefined) return;
      this.running.delete(id);
      this.tellLater(child, "exit", ...how);
    }
  }

  private settleIfReady(id: string, pending: Pending): void {
    if (pending.pid === undefined || pending.connected < pending.slots.length) return;
    this.forget(id);
    const child = new SpawnedChild(pending.pid, pending.slots as DeferredDuplex[], (name) => this.send(["K", id, String(osConstants.signals[name])]));
    pending.resolve(child);
    if (pending.exit === undefined) this.running.set(id, child);
    else this.tellLater(child, "exit", ...pending.exit);
  }

  /**
   * Its end (an exit, or its loss with the spawner) is told after the caller, resumed from its
   * await, listens: the start and the end of a process that exits at once can come in one read.
   */
  private tellLater(child: SpawnedChild, ...event: ["exit", number | null, NodeJS.Signals | null] | ["error", SpawnerLost]): void {
    this.exiting += 1;
    setImmediate(() => {
      this.exiting -= 1;
      const [name, ...args] = event;
      child.emit(name, ...args);
      this.idle();
    });
  }

  private forget(id: string): void {
    this.pending.delete(id);
    for (const [token, owner] of this.tokens) if (owner === id) this.tokens.delete(token);
  }

  /** Everything it started dies with it (bubblewrap's --die-with-parent). */
  private ended(why: string): void {
    if (!this.alive && this.pending.size === 0 && this.running.size === 0) return;
    this.alive = false;
    this.log.warn({}, why);
    for (const [id, pending] of this.pending) {
      this.forget(id);
      for (const socket of pending.slots) socket?.destroy();
      pending.reject(new Error(why));
    }
    // Their processes died with it (--die-with-parent): lost to the machine, not ended by
    // anything they did, so they are told an error rather than a SIGKILL of their own.
    for (const child of this.running.values()) this.tellLater(child, "error", new SpawnerLost(why));
    this.running.clear();
    this.server.close();
    rmSync(this.socketPath, { force: true });
  }

  /**
   * Node may exit while nothing is asked of the spawner: its process, pipes and socket never
   * hold Node; a timer does while a start or a process of its own is under way.
   */
  private idle(): void {
    if (this.pending.size > 0 || this.running.size > 0 || this.exiting > 0) return;
    clearInterval(this.holding);
    this.holding = undefined;
  }

  private busy(): void {
    this.holding ??= setInterval(() => undefined, 1 << 30);
  }
}

/**
 * The one spawner of this process for a program and socket folder: started at the first run,
 * started again after it ended. undefined while none can start (logged): runs are then
 * started by Node itself.
 */
export class SpawnerHost {
  private current: Promise<Spawner | undefined> | undefined;
  private failedAt = -Infinity;

  constructor(
    private readonly program: string,
    private readonly socketDir: string,
    private readonly log: Log = silentLog,
  ) {}

  async get(): Promise<Spawner | undefined> {
    const spawner = await this.current;
    if (spawner?.isAlive() === true) return spawner;
    // One that failed to start is tried again only after a while: runs go on meanwhile.
    if (this.current !== undefined && spawner === undefined && performance.now() - this.failedAt < RETRY_MS) return undefined;
    this.current = Spawner.start(this.program, this.socketDir, this.log).then(undefined, (error: unknown) => {
      this.failedAt = performance.now();
      this.log.warn({ err: error }, "the sandbox spawner could not start; Node starts runs itself for a while");
      return undefined;
    });
    return this.current;
  }
}

const RETRY_MS = 60_000;
