/**
 * Warm starts of the learner's app. A restart used to cost a whole interpreter start and the
 * framework's import (`import flask` alone is ~150 ms, a Django start more) before the app's
 * own code ran. Once the app has been restarted, AppProcess keeps one process waiting in a
 * sandbox of the app's own (same identity, mounts, limits and environment): python/app/
 * app_start.py, with the framework already imported. The next start sends it the command line
 * and environment, and it becomes the app in place, as `python3 ARGV...` would have been
 * (docs/projects.md, "How your app is started").
 *
 * Only the framework's own modules are imported in advance, from Debian's packages: the app's
 * folder is not on sys.path until the go, so none of the learner's code runs before it.
 */
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";
import { sandboxReadableCopy } from "../../sandbox-readable-copy.js";
import type { Framework } from "../../content/project.js";
import type { Sandbox, SandboxIdentity, SandboxLimits, SandboxMount, SandboxProcess } from "../sandbox/types.js";
import { observed, type Log } from "../../log.js";

const PYTHON = "/usr/bin/python3";
const MOUNT_PATH = "/roadwork-app";

/** python/app, read-only inside the app's sandbox (as root, a copy every sandbox uid can read). */
export function appStartMount(): SandboxMount {
  return { hostPath: sandboxReadableCopy(join(PACKAGE_ROOT, "python", "app"), "app-start"), sandboxPath: MOUNT_PATH };
}

/** What a framework's apps import, whatever server runs them. */
const FRAMEWORK_MODULES: Readonly<Record<Framework, readonly string[]>> = {
  flask: ["flask", "werkzeug.security"],
  fastapi: ["fastapi"],
  django: ["django.core.management", "django.core.handlers.wsgi", "django.core.servers.basehttp", "django.db.models", "django.http"],
};

/**
 * What `python3 -m NAME` imports before the app's own code, for the servers project.yaml files
 * start apps with: its command-line module, and what that imports on the way (Flask's CLI
 * reads its plugins' entry points and .env files; gunicorn's arbiter imports its workers and
 * logging before it forks them). Each is ~10 ms of a restart that a waiting process has done.
 */
const SERVER_MODULES: Readonly<Record<string, readonly string[]>> = {
  flask: ["flask.cli", "importlib.metadata", "dotenv", "colorama", "encodings.idna"],
  gunicorn: ["gunicorn.app.wsgiapp", "gunicorn.arbiter", "gunicorn.glogging", "gunicorn.workers.sync", "gunicorn.http.wsgi", "logging.config"],
  uvicorn: ["uvicorn.main"],
};

/** Standard-library modules the projects' apps commonly import (sqlite, mail). */
const COMMON_MODULES = ["sqlite3", "smtplib", "email.message", "json", "secrets"];

/**
 * The modules to import in advance for `framework` started by `commands`: a fixed list of
 * Debian's packages, never a module named by the learner's roadwork.yaml.
 */
export function preloadModules(framework: Framework, commands: ReadonlyArray<readonly string[]>): string[] {
  const servers = commands.flatMap((argv) => {
    const rest = warmArgv(argv);
    return (rest?.[0] === "-m" ? SERVER_MODULES[rest[1] ?? ""] : undefined) ?? [];
  });
  return [...new Set([...FRAMEWORK_MODULES[framework], ...servers, ...COMMON_MODULES])];
}

/**
 * The command line after the interpreter when `argv` can be started warm: `python3 -m MODULE
 * ARGS...` or `python3 SCRIPT ARGS...`, with no interpreter option (those act as Python
 * starts, which has already happened). Undefined otherwise: that start is a cold one.
 */
export function warmArgv(argv: readonly string[]): string[] | undefined {
  if (argv[0] !== PYTHON) return undefined;
  const rest = argv.slice(1);
  const first = rest[0];
  if (first === "-m") return /^[A-Za-z_][\w.]*$/.test(rest[1] ?? "") ? rest : undefined;
  return first === undefined || first.startsWith("-") ? undefined : rest;
}

/**
 * True when `a` and `b` agree on every variable Python reads as it starts (PYTHON*, and the
 * locale, which sets the encoding of its streams and file names): a warm start can change the
 * rest of the environment, not those.
 */
export function sameStartUp(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const readAtStartUp = (name: string): boolean => name.startsWith("PYTHON") || name === "LANG" || name.startsWith("LC_");
  const names = new Set([...Object.keys(a), ...Object.keys(b)].filter(readAtStartUp));
  return [...names].every((name) => a[name] === b[name]);
}

/**
 * How many times a TypeScript stage's source starts the app again: its calls of t.restartApp
 * and t.tryRestartApp. t.ensureApp does not count: after the stage before, the app usually
 * runs as it asks already. Processes are kept waiting only for starts counted so. Read as
 * text, from the project's own trusted stages; a start it misses (a call in a helper, a loop)
 * is cold, nothing worse.
 */
export function startsIn(source: string): number {
  return source.match(/\b(?:restartApp|tryRestartApp)\s*\(/g)?.length ?? 0;
}

/** The waiting process's command line. */
export function launcherArgv(modules: readonly string[]): string[] {
  return [PYTHON, `${MOUNT_PATH}/app_start.py`, ...modules];
}

/**
 * The line that turns the waiting process into the app (see python/app/app_start.py): the
 * command line, and how `env` differs from `startedWith`, the environment the waiting process
 * was started with. Sent as a difference, so that what the sandbox adds itself (PWD) stays.
 */
export function goLine(rest: readonly string[], startedWith: Readonly<Record<string, string>>, env: Readonly<Record<string, string>>): string {
  const set = Object.fromEntries(Object.entries(env).filter(([name, value]) => startedWith[name] !== value));
  const unset = Object.keys(startedWith).filter((name) => !(name in env));
  return `${JSON.stringify({ argv: rest, set, unset })}\n`;
}

export interface WaitingStartOptions {
  sandbox: Sandbox;
  identity: SandboxIdentity;
  cwd: string;
  /** The app's usual environment; a start may change it, except what Python reads as it starts. */
  env: Readonly<Record<string, string>>;
  mounts: readonly SandboxMount[];
  limits: Partial<SandboxLimits>;
  services: ReadonlyArray<{ port: number; socketPath: string }>;
  preload: readonly string[];
  runnerLog: Log;
}

/** Makes the run's services (the SMTP catcher) reachable inside the app's sandbox. */
export async function exposeServices(proc: SandboxProcess, services: ReadonlyArray<{ port: number; socketPath: string }>): Promise<void> {
  await Promise.all(services.map((service) => proc.expose(service.port, service.socketPath)));
}

/** A waiting process that has been told to become the app, and the services exposed to it. */
export interface WarmProcess {
  proc: SandboxProcess;
  exposed: Promise<void>;
}

/** One process waiting, with the framework imported, to become the app. */
export class WaitingStart {
  private readonly proc: SandboxProcess;
  private readonly exposed: Promise<void>;
  private ended = false;

  constructor(private readonly options: WaitingStartOptions) {
    const o = options;
    this.proc = o.sandbox.spawn({
      argv: launcherArgv(o.preload),
      cwd: o.cwd,
      env: o.env,
      mounts: [...o.mounts, appStartMount()],
      identity: o.identity,
      limits: o.limits,
      network: "loopback",
      // Its limits are watched from the go on: until then it runs only Debian's framework,
      // and gives way to the app and the grader, which are working.
      idleUntilInput: true,
      lowPriorityUntilInput: true,
    });
    const proc = this.proc;
    this.exposed = exposeServices(proc, o.services);
    // Awaited by the start that takes it; the failure of one never taken is of no interest.
    observed(this.exposed);
    proc.result.then(
      () => void (this.ended = true),
      (error: unknown) => {
        this.ended = true;
        o.runnerLog.warn({ err: error }, "the sandbox failed under the process waiting to become the app");
      },
    );
  }

  /** Still waiting: a start can take it. */
  usable(): boolean {
    return !this.ended && this.proc.stdin !== null;
  }

  /**
   * Tells it to become the app started with `argv` and `env`, and gives it to the caller as
   * the app's process. Undefined when that start cannot be warm (it stays as it is).
   */
  take(argv: readonly string[], env: Readonly<Record<string, string>>): WarmProcess | undefined {
    const rest = warmArgv(argv);
    const stdin = this.proc.stdin;
    if (rest === undefined || !sameStartUp(this.options.env, env) || this.ended || stdin === null) return undefined;
    stdin.write(goLine(rest, this.options.env, env));
    return { proc: this.proc, exposed: this.exposed };
  }

  async discard(): Promise<void> {
    // Not while the services are being exposed: the forwarder entering the sandbox's network
    // would find it gone and say so on the grader's stderr.
    await Promise.allSettled([this.exposed]);
    await this.proc.kill().catch((error: unknown) => this.options.runnerLog.warn({ err: error }, "stopping the process waiting to become the app failed"));
  }
}

/**
 * At most this many processes wait at once: stage 12 of task-tracker starts the app four times
 * in a row, and one takes ~250 ms of CPU to get ready (a sandbox, Python, the framework's import).
 */
const WARM_STARTS = 4;

/**
 * The app's waiting processes, oldest first. fill() keeps as many waiting as the next stage
 * that starts the app will start it (expect()), at most WARM_STARTS. Each needs ~250 ms of CPU
 * at niceness 19, on the core the grader and the app leave idle, so they are started early,
 * one per fill() (each stage's start and each start of the app) while the stage that needs them
 * is still ahead: four at once slow the stage they start in. None waits for a start that never
 * comes (that would cost two cores a framework import for nothing).
 */
export class WarmStarts {
  private waiting: WaitingStart[] = [];
  /** The starts still to come, one entry per stage, the running stage first. */
  private expected: number[] = [];

  constructor(private readonly options: Omit<WaitingStartOptions, "preload"> & { preload?: readonly string[] | undefined }) {}

  /** The starts still to come in this run, one entry per stage, the running one first (as far as the stages show). */
  expect(startsByStage: readonly number[]): void {
    this.expected = [...startsByStage];
  }

  /**
   * A start of the app: the oldest waiting process that can become the app started so, told
   * to, or undefined (a cold start).
   */
  take(argv: readonly string[], env: Readonly<Record<string, string>>): WarmProcess | undefined {
    // One of the running stage's starts; a start it did not announce (t.ensureApp's) leaves the later stages' alone.
    const running = this.expected[0] ?? 0;
    if (running > 0) this.expected[0] = running - 1;
    let taken: WarmProcess | undefined;
    const index = this.waiting.findIndex((waiting) => (taken = waiting.take(argv, env)) !== undefined);
    if (index >= 0) this.waiting.splice(index, 1);
    return taken;
  }

  /** Replaces the ones that ended and starts new ones, up to the next stage's starts (at most WARM_STARTS). */
  fill(): void {
    const preload = this.options.preload ?? [];
    for (const gone of this.waiting.filter((waiting) => !waiting.usable())) void gone.discard();
    this.waiting = this.waiting.filter((waiting) => waiting.usable());
    if (preload.length === 0) return;
    const wanted = Math.min(WARM_STARTS, this.expected.find((starts) => starts > 0) ?? 0);
    // All at once only when the running stage itself starts the app.
    const urgent = (this.expected[0] ?? 0) > 0;
    for (let added = 0; this.waiting.length < wanted && (urgent || added < 1); added++) this.waiting.push(new WaitingStart({ ...this.options, preload }));
  }

  /** Ends every waiting process; none is started again. */
  async close(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    this.expected = [];
    await Promise.all(waiting.map((each) => each.discard()));
  }
}
