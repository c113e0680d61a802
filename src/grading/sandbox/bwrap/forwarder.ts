/**
 * The host side of python/sandbox/forwarder.py: one trusted forwarder per run, started on
 * first use inside the run's network namespace (nsenter --net), talking JSON lines over
 * its stdin/stdout. connect() gives a socket joined to 127.0.0.1:port inside; expose()
 * makes a host unix socket reachable at 127.0.0.1:port inside.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { connect as netConnect } from "node:net";
import type { Socket } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { silentLog, type Log } from "../../../log.js";
import { FORWARDER_SCRIPT, SYSTEM_PYTHON } from "./python-files.js";

interface Answer {
  id: number;
  ok: boolean;
  error?: string;
}

/** How long stop() lets the forwarder drain before killing it (its own limit is 2 s). */
const STOP_GRACE_MS = 3000;

export class Forwarder {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<number, Promise<string>>();
  private exited = false;

  constructor(
    sandboxPid: number,
    private readonly socketDir: string,
    private readonly log: Log = silentLog,
  ) {
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    this.child = spawn("/usr/bin/nsenter", [`--net=/proc/${sandboxPid}/ns/net`, "--", SYSTEM_PYTHON, "-I", FORWARDER_SCRIPT], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { PATH: "/usr/bin:/bin" },
      cwd: "/",
    });
    this.child.stdin?.on("error", () => undefined);
    const lines = createInterface({ input: this.child.stdout! });
    lines.on("line", (line) => this.onAnswer(line));
    const fail = (error: Error): void => {
      this.exited = true;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.child.once("error", fail);
    this.child.once("exit", (code, signal) => fail(new Error(`the forwarder exited (${signal ?? `code ${code}`})`)));
  }

  /** The forwarder's pid on the host (for its priority: run-priority.ts). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** A connection to 127.0.0.1:port inside; rejects (ECONNREFUSED) when nothing listens there. */
  async connect(port: number): Promise<Socket> {
    let listening = this.listeners.get(port);
    if (listening === undefined) {
      const path = join(this.socketDir, `${port}.sock`);
      listening = this.command({ op: "connect", port, socket: path }).then(() => path);
      this.listeners.set(port, listening);
      listening.catch(() => this.listeners.delete(port));
    }
    return openJoined(await listening, port);
  }

  async expose(port: number, hostSocketPath: string): Promise<void> {
    await this.command({ op: "expose", port, target: hostSocketPath });
  }

  /**
   * Called once the run's processes are gone. Closing stdin rather than killing at once lets
   * the forwarder pass on what an app sent just before it exited (it exits when that is done,
   * at most its DRAIN_SECONDS later); SIGKILL is the backstop.
   */
  async stop(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
      this.child.stdin?.end();
      const backstop = setTimeout(() => this.child.kill("SIGKILL"), STOP_GRACE_MS);
      await gone;
      clearTimeout(backstop);
    }
    rmSync(this.socketDir, { recursive: true, force: true });
  }

  private command(body: Record<string, unknown>): Promise<void> {
    if (this.exited) return Promise.reject(new Error("the forwarder is not running"));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin?.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  private onAnswer(line: string): void {
    let answer: Answer;
    try {
      answer = JSON.parse(line) as Answer;
    } catch (error) {
      // Our own forwarder speaks JSON lines only: anything else is a bug to hear of.
      this.log.warn({ err: error, line: line.slice(0, 200), socketDir: this.socketDir }, "the sandbox's forwarder sent a line that is not JSON");
      return;
    }
    const waiter = this.waiting.get(answer.id);
    if (waiter === undefined) return;
    this.waiting.delete(answer.id);
    if (answer.ok) waiter.resolve();
    else waiter.reject(new Error(answer.error ?? "the forwarder refused"));
  }
}

/**
 * Connects to the forwarder's unix socket and waits for its verdict byte (1 joined, 0
 * refused). The byte is taken with read(1) from a 'readable' listener rather than a 'data'
 * listener: once that listener is gone the socket is back in its initial mode, so the caller
 * can read it any way it likes without losing the bytes that came with the verdict.
 */
function openJoined(path: string, port: number): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = netConnect(path);
    const refused = (): void => {
      socket.destroy();
      const error = new Error(`connect ECONNREFUSED 127.0.0.1:${port} (inside the sandbox)`) as NodeJS.ErrnoException;
      error.code = "ECONNREFUSED";
      reject(error);
    };
    const onError = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    const onReadable = (): void => {
      const verdict = socket.read(1) as Buffer | null;
      if (verdict === null) {
        if (socket.readableEnded || socket.destroyed) return refused();
        socket.once("readable", onReadable);
        return;
      }
      socket.off("error", onError);
      socket.off("end", refused);
      if (verdict[0] !== 1) return refused();
      resolve(socket);
    };
    socket.once("readable", onReadable);
    socket.once("end", refused);
    socket.once("error", onError);
  });
}
