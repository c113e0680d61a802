/**
 * The learner's app as a sandboxed process: setup commands, start, readiness, restart, stop.
 * One identity for the whole test run, so the database and uploads the app wrote before a
 * restart are still its own after it. "Ready" means it answered an HTTP request; when it
 * exits or never answers, the error says so with the end of its log, not "timeout".
 */
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { isRoadworkError, RoadworkError } from "../../errors.js";
import type { LimitHit } from "../report.js";
import type { Sandbox, SandboxIdentity, SandboxLimits, SandboxMount, SandboxProcess, SandboxResult } from "../sandbox/types.js";
import { observed, type Log } from "../../log.js";
import type { AppLog } from "./app-log.js";
import { exposeServices, WarmStarts, type WarmProcess } from "./warm-start.js";

export interface AppProcessOptions {
  sandbox: Sandbox;
  identity: SandboxIdentity;
  start: readonly string[];
  setup: ReadonlyArray<readonly string[]>;
  mounts: readonly SandboxMount[];
  cwd: string;
  env: Readonly<Record<string, string>>;
  port: number;
  /** Host services exposed inside at 127.0.0.1:port, each joined to its host unix socket (the SMTP catcher). */
  services: ReadonlyArray<{ port: number; socketPath: string }>;
  limits: Partial<SandboxLimits>;
  setupLimits: Partial<SandboxLimits>;
  bootTimeMs: number;
  /** What the app printed, shown to the learner. */
  log: AppLog;
  /** The runner's own warnings. */
  runnerLog: Log;
  /**
   * Modules a process waiting to become the app imports in advance (warm-start.ts); none:
   * every start is cold.
   */
  preload?: readonly string[];
}

/** The app could not be brought up; the message is for the learner and ends with the log tail. */
export class AppNotReady extends Error {
  override readonly name = "AppNotReady";
  constructor(
    message: string,
    readonly limitsHit: LimitHit[] = [],
  ) {
    super(message);
  }
}

/** How a start differs from the usual one (a production server, an environment without a variable). */
export interface StartOverride {
  argv?: readonly string[];
  /** A string sets the variable, null removes it. */
  env?: Readonly<Record<string, string | null>>;
}

/** What the app wrote on each stream since it last started is kept up to this many characters (the start). */
const OUTPUT_KEPT_CHARS = 256 * 1024;
const POLL_INTERVAL_MS = 4;
const PROBE_ANSWER_MS = 2_000;

export class AppProcess {
  private current: SandboxProcess | undefined;
  private exit: SandboxResult | undefined;
  /**
   * The sandbox failed under the app (its cgroup could not be written, bubblewrap is gone):
   * the machine's fault, never the app's, so it is thrown instead of reported as an app
   * that did not answer.
   */
  private fault: RoadworkError | undefined;
  /** Every limit any run of the app reached. */
  readonly limitsHit: LimitHit[] = [];
  /** The app's stdout and stderr since it last started, apart: stages read its logs there. */
  private output = { stdout: "", stderr: "" };
  /** How the running app was started (its argv and environment), once it answered; see runningAs(). */
  private startedAs: string | undefined;
  /** Processes waiting to become the app (see expectStarts()). */
  private readonly warm: WarmStarts;

  constructor(private readonly options: AppProcessOptions) {
    this.warm = new WarmStarts(options);
  }

  /** Runs the setup commands (Django's migrate) one after another; any failure stops. */
  async setup(): Promise<void> {
    const o = this.options;
    for (const argv of o.setup) {
      o.log.note(`$ ${argv.join(" ")}`);
      // Through spawn, not run: migrate may need the database, which is an exposed service.
      const proc = o.sandbox.spawn({
        argv,
        cwd: o.cwd,
        env: o.env,
        mounts: o.mounts,
        identity: o.identity,
        limits: o.setupLimits,
        network: "loopback",
      });
      // A setup command that needs a service it cannot reach fails on its own, with its own message.
      await exposeServices(proc, o.services).catch((error: unknown) =>
        o.runnerLog.warn({ err: error, argv }, "a service could not be exposed to the setup command"),
      );
      const result = await proc.result;
      o.log.append(result.stdout);
      o.log.append(result.stderr);
      this.limitsHit.push(...result.limitsHit);
      if (result.exitCode !== 0 || result.limitsHit.length > 0) {
        const why = result.limitsHit[0]?.message ?? describeExit(result);
        throw new AppNotReady(`The setup command \`${argv.join(" ")}\` failed: ${why}.`, result.limitsHit);
      }
    }
  }

  /** Starts the app and resolves once it answers HTTP on its port. */
  async start(override: StartOverride = {}): Promise<void> {
    const o = this.options;
    const argv = (override.argv ?? o.start).map((arg) => arg.replaceAll("{PORT}", String(o.port)));
    o.log.note(`$ ${argv.join(" ")}`);
    this.exit = undefined;
    this.fault = undefined;
    this.output = { stdout: "", stderr: "" };
    this.startedAs = undefined;
    const env = this.environment(override);
    const warm = this.warm.take(argv, env);
    try {
      await this.run(argv, env, warm);
    } finally {
      // Not sooner: on two cores, a process getting ready slows the start it would replace.
      this.warm.fill();
    }
  }

  /**
   * The starts of the app still to come, one entry per stage (the running one first): keep as
   * many processes waiting to become it as the next stage that starts it needs, so that a
   * restart costs the app's own start-up only (warm-start.ts). Called before the first start
   * and before each stage.
   */
  expectStarts(startsByStage: readonly number[]): void {
    this.warm.expect(startsByStage);
    // Before the first start, the processes are started after it (start() fills).
    if (this.current !== undefined) this.warm.fill();
  }

  private async run(argv: readonly string[], env: Record<string, string>, warm: WarmProcess | undefined): Promise<void> {
    const o = this.options;
    const proc =
      warm?.proc ??
      o.sandbox.spawn({
        argv,
        cwd: o.cwd,
        env,
        mounts: o.mounts,
        identity: o.identity,
        limits: o.limits,
        network: "loopback",
      });
    this.current = proc;
    // One decoder per stream: a chunk may end in the middle of a UTF-8 character.
    const out = new StringDecoder("utf8");
    const err = new StringDecoder("utf8");
    const keep = (stream: "stdout" | "stderr", text: string): void => {
      o.log.append(text);
      const kept = this.output[stream];
      if (this.current === proc && kept.length < OUTPUT_KEPT_CHARS) this.output[stream] = kept + text.slice(0, OUTPUT_KEPT_CHARS - kept.length);
    };
    proc.stdout.on("data", (chunk: Buffer) => keep("stdout", out.write(chunk)));
    proc.stderr.on("data", (chunk: Buffer) => keep("stderr", err.write(chunk)));
    // `ended`: the app's exit is news as soon as its processes are gone, before the sandbox's clean-up.
    void (proc.ended ?? proc.result).then(
      (result) => {
        if (this.current !== proc) return;
        this.exit = result;
        this.limitsHit.push(...result.limitsHit);
      },
      (error: unknown) => {
        if (this.current !== proc) return;
        o.runnerLog.warn({ err: error }, "the sandbox failed under the app's process");
        this.fault = isRoadworkError(error) ? error : new RoadworkError("INFRASTRUCTURE", `the sandbox failed under the app: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      },
    );
    // Exposing the services and booting overlap; an app that dies at once can make expose
    // fail, and then its exit is the news, not the failed expose.
    const exposed = warm?.exposed ?? exposeServices(proc, o.services);
    // Awaited below, once the app is up; this only keeps the rejection from being unhandled meanwhile.
    observed(exposed);
    await this.waitReady(proc);
    try {
      await exposed;
    } catch (error) {
      if (await this.settleExit(500)) throw new AppNotReady(`The app stopped right after it started: ${this.exited() ?? "it exited"}.`, (this.exit as SandboxResult | undefined)?.limitsHit ?? []);
      throw error;
    }
    this.startedAs = startKey(argv, env);
  }

  /**
   * True when the app is running, started exactly as `override` asks (same command, same
   * environment), has answered, and has neither exited nor been signalled since.
   */
  runningAs(override: StartOverride = {}): boolean {
    if (this.current === undefined || this.exit !== undefined || this.fault !== undefined || this.startedAs === undefined) return false;
    const argv = (override.argv ?? this.options.start).map((arg) => arg.replaceAll("{PORT}", String(this.options.port)));
    return this.startedAs === startKey(argv, this.environment(override));
  }

  private environment(override: StartOverride): Record<string, string> {
    const env: Record<string, string> = { ...this.options.env };
    for (const [name, value] of Object.entries(override.env ?? {})) {
      if (value === null) delete env[name];
      else env[name] = value;
    }
    return env;
  }

  /**
   * Waits up to `ms` for the app to end, when a request just got no answer: if it crashed,
   * its exit code and limits make a better message than "connection closed". True when it ended.
   */
  async settleExit(ms: number): Promise<boolean> {
    const proc = this.current;
    if (proc === undefined || this.exit !== undefined) return this.exit !== undefined;
    let timer: NodeJS.Timeout | undefined;
    // Only whether the app has ended matters here; how is read from this.exit (a failure is logged by start()'s handler).
    await Promise.race([Promise.allSettled([proc.ended ?? proc.result]), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    // The result handler set in start() runs first: it was attached earlier.
    await Promise.resolve();
    return this.exit !== undefined;
  }

  /** Stops the app and starts it again with the same identity and data. */
  async restart(override: StartOverride = {}): Promise<void> {
    await this.stopApp({ cleanedUp: false });
    this.options.log.note("restarting the app");
    await this.start(override);
  }

  /** Sends the app's main process a signal (a graceful stop); how it ends is read with exitStatus(). */
  async signal(name: "SIGTERM" | "SIGINT"): Promise<void> {
    const proc = this.current;
    if (proc === undefined || this.exit !== undefined) return;
    if (proc.signal === undefined) throw new RoadworkError("INFRASTRUCTURE", "this sandbox cannot send a signal to the app");
    this.options.log.note(`sending ${name} to the app`);
    // Stopping, or in a state of the signal's making: no longer the app as it was started.
    this.startedAs = undefined;
    await proc.signal(name);
  }

  /** How the app ended, once it has ended on its own. */
  exitStatus(): { exitCode: number | null; signal: string | null } | undefined {
    return this.exit === undefined ? undefined : { exitCode: this.exit.exitCode, signal: this.exit.signal };
  }

  /** What the app wrote on stdout and stderr since it last started (at most OUTPUT_KEPT_CHARS each). */
  outputSinceStart(): { stdout: string; stderr: string } {
    return { ...this.output };
  }

  /** Stops the app and the process waiting to become it, at the end of a run. */
  async stop(): Promise<void> {
    await Promise.all([this.stopApp(), this.warm.close()]);
  }

  /**
   * Kills the app. A restart waits only until its processes are gone (`ended`), not for its
   * sandbox's clean-up, which touches nothing the next start uses; the end of a run waits for both.
   */
  private async stopApp(options = { cleanedUp: true }): Promise<void> {
    const proc = this.current;
    if (proc === undefined) return;
    this.current = undefined;
    this.startedAs = undefined;
    const killed = proc.kill();
    observed(killed);
    const result = await (options.cleanedUp ? killed : (proc.ended ?? killed));
    this.limitsHit.push(...result.limitsHit.filter((hit) => !this.limitsHit.some((known) => known.limit === hit.limit)));
  }

  /** A new connection to the app's port, for one HTTP request. */
  connect(): Promise<Duplex> {
    const proc = this.current;
    if (proc === undefined) return Promise.reject(new Error("the app is not running"));
    return proc.connect(this.options.port);
  }

  /** Throws the sandbox's failure under the app, when there was one (see `fault`). */
  throwIfSandboxFailed(): void {
    if (this.fault !== undefined) throw this.fault;
  }

  /** When the app has exited on its own: how, in words; else undefined. */
  exited(): string | undefined {
    return this.exit === undefined ? undefined : (this.exit.limitsHit[0]?.message ?? describeExit(this.exit));
  }

  private async waitReady(proc: SandboxProcess): Promise<void> {
    const o = this.options;
    const deadline = Date.now() + o.bootTimeMs;
    let accepted = false;
    while (Date.now() < deadline) {
      this.throwIfSandboxFailed();
      if (this.exit !== undefined) {
        throw new AppNotReady(`The app stopped before it answered any request: ${this.exited() ?? "it exited"}.`, this.exit.limitsHit);
      }
      const answer = await probe(proc, o.port, Math.min(PROBE_ANSWER_MS, Math.max(1, deadline - Date.now())));
      if (answer === "answered") return;
      if (answer === "silent") accepted = true;
      else await sleep(POLL_INTERVAL_MS);
    }
    this.throwIfSandboxFailed();
    if (this.exit !== undefined) {
      throw new AppNotReady(`The app stopped before it answered any request: ${this.exited() ?? "it exited"}.`, this.exit.limitsHit);
    }
    const seconds = (o.bootTimeMs / 1000).toFixed(o.bootTimeMs % 1000 === 0 ? 0 : 1);
    const hit: LimitHit = {
      limit: "boot-time",
      message: accepted
        ? `boot time limit ${seconds} s reached: the app accepted connections on port ${o.port} but never answered an HTTP request`
        : `boot time limit ${seconds} s reached: the app was still running but never listened on port ${o.port} (it must listen on the port given in $PORT${otherPortHint(o.log.tail(), o.port)})`,
    };
    this.limitsHit.push(hit);
    throw new AppNotReady(`The app did not start: ${hit.message}.`, [hit]);
  }
}

type ProbeAnswer = "answered" | "refused" | "silent";

/** One readiness probe: connect, send a GET, and see whether anything comes back. */
async function probe(proc: SandboxProcess, port: number, waitMs: number): Promise<ProbeAnswer> {
  let socket: Duplex;
  let timer: NodeJS.Timeout | undefined;
  // Bounded: a connect that never settles must not outlast the boot limit; one that settles
  // after we gave up is closed.
  const connecting = proc.connect(port);
  let abandoned = false;
  // Its failure is read by the race below.
  observed(connecting.then((late) => void (abandoned && late.destroy())));
  try {
    const gaveUp = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error("connect timed out")), waitMs)));
    socket = await Promise.race([connecting, gaveUp]);
  } catch {
    // Not listening yet (or the connect timed out): the next probe tries again.
    abandoned = true;
    return "refused";
  } finally {
    clearTimeout(timer);
  }
  return new Promise<ProbeAnswer>((resolve) => {
    let settled = false;
    let gotConnected = false;
    const finish = (answer: ProbeAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(gotConnected ? "silent" : "refused"), waitMs);
    socket.once("data", () => finish("answered"));
    socket.once("error", () => finish("refused"));
    socket.once("end", () => finish("refused"));
    socket.once("close", () => finish("refused"));
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, () => {
      gotConnected = true;
    });
  });
}

/** ", but its log says it listens on 5000": the usual cause, said when the log shows it. */
function otherPortHint(log: string, port: number): string {
  const announced = /(?:Running on|running on|server at|Listening at|listening on)\s+https?:\/\/[^\s:/]+:(\d+)/.exec(log);
  const other = announced?.[1];
  return other !== undefined && Number(other) !== port ? `, but its log says it listens on ${other}` : "";
}

/** One string for a start's command and environment, names sorted. */
function startKey(argv: readonly string[], env: Readonly<Record<string, string>>): string {
  return JSON.stringify([argv, Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

export function describeExit(result: SandboxResult): string {
  if (result.signal !== null) return `it was stopped by signal ${result.signal}`;
  return `it exited with code ${result.exitCode ?? "?"}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
