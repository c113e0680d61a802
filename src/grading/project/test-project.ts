/**
 * `roadwork test`: copy the learner's app, start it in the sandbox with its services (a data
 * folder, an SMTP catcher), wait until it answers, and run stages 1..N in order, stopping at
 * the first stage that fails. The outcome is a GradeReport; only a broken machine or broken
 * input is an "error" — an app that crashes or answers wrongly is a "fail" with a message.
 */
import { addExplanations } from "../explain/index.js";
import { mkdtempSync, chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import type { Project, ProjectStage } from "../../content/project.js";
import { isRoadworkError } from "../../errors.js";
import { observed, silentLog, type Log } from "../../log.js";
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import { errorReport } from "../report-values.js";
import type { Sandbox, SandboxIdentity, SandboxLimits } from "../sandbox/types.js";
import { AppLog } from "./app-log.js";
import { AppNotReady, AppProcess } from "./app-process.js";
import { appControl, machineFault } from "./app-control.js";
import { preloadModules, startsIn } from "./warm-start.js";
import { copyAppFolder, DEFAULT_COPY_LIMITS, readAppFolder } from "./copy-app.js";
import type { AppTestsRuntime } from "./learner-tests.js";
import { runPytest } from "../exercise/pytest-run.js";
import { createRunDisk, sweepStaleRunDisks, type RunDisk } from "./run-disk.js";
import { formatFailure } from "./failure-message.js";
import { resolveAppCommands, type AppCommands, type DatabaseKind } from "./framework.js";
import { DATA_PATH, SMTP_PORT, startAppServices, type AppServices } from "./app-services.js";
import { runStages, SignInCache, startsByStage, type StageLoopOutcome } from "./stage-loop.js";
import { createHttpSend, NoAnswerError } from "../../http/transport.js";
import type { StageRuntime } from "./stage-context.js";
import { loadStageFunction, type StageFunction } from "./load-stage.js";
import { QueryError } from "./sqlite-query.js";
import { STATEMENT_TIME_LIMIT_MS } from "./services/postgres-database.js";
import type { RunDatabaseLimits } from "./services/postgres-watchdog.js";

/** Inside the sandbox. */
const APP_PATH = "/app";
const APP_PORT = 8000;
const MIB = 1024 * 1024;
const WORK_PREFIX = "roadwork-test-";
/** The check an app that never answered fails (the content check tells it from the stage's own checks). */
export const APP_STARTS_CHECK = "the app starts and answers HTTP";

export type ProgressEvent =
  | { kind: "starting"; framework: string }
  | { kind: "ready"; bootMs: number }
  /** The project's sign-in file ran (before a Hurl stage that uses its captures). */
  | { kind: "signed-in"; ms: number; signedIn: boolean }
  /** The app was restarted at a stage's request and answers again. */
  | { kind: "restarted"; ms: number }
  | { kind: "stage-start"; stage: ProjectStage }
  | { kind: "stage-end"; stage: ProjectStage; status: "pass" | "fail"; tests: TestResult[] };

export interface TestProjectOptions {
  sandbox: Sandbox;
  project: Project;
  /** The learner's app folder on the host (copied before anything runs). */
  appDir: string;
  /** Run stages 1..upToStage; default: every stage. */
  upToStage?: number;
  /** The database the app gets; default: project.yaml's `database:`, else what its roadwork.yaml asks for, else SQLite. */
  database?: DatabaseKind;
  onProgress?: (event: ProgressEvent) => void;
  /** Run every stage even after one fails, and report each (for educators checking a suite). */
  keepGoing?: boolean;
  /** Where the runner's own warnings go (a clean-up that failed, say); never the learner's output. */
  log?: Log;
  /** The grading PostgreSQL cluster's folder (GradingConfig's postgresDir), for apps that ask for PostgreSQL. */
  postgresDir?: string;
}

/** Runs the stages, then adds the beginner explanations once (app tracebacks name app files). */
export async function testProject(options: TestProjectOptions): Promise<GradeReport> {
  return addExplanations(await testProjectRaw(options));
}

async function testProjectRaw(options: TestProjectOptions): Promise<GradeReport> {
  const started = Date.now();
  const { project } = options;
  const last = Math.min(options.upToStage ?? project.stages.length, project.stages.length);
  if (last < 1) return errorReport(`stage ${options.upToStage ?? 0} does not exist: ${project.id} has stages 1 to ${project.stages.length}`);

  const log = options.log ?? silentLog;
  sweepStaleRunDisks(tmpdir(), WORK_PREFIX, log);
  const work = mkdtempSync(join(tmpdir(), WORK_PREFIX));
  // The sandbox enters these folders as an unprivileged uid: it must be able to traverse.
  chmodSync(work, 0o711);
  writeFileSync(join(work, "owner.pid"), String(process.pid));
  let identity: SandboxIdentity | undefined;
  let services: AppServices | undefined;
  let app: AppProcess | undefined;
  let disk: RunDisk | undefined;
  try {
    disk = createRunDisk(join(work, "disk"), { limitBytes: (project.limits.disk_mib ?? 64) * MIB, maxAppBytes: DEFAULT_COPY_LIMITS.maxBytes, log });
    let commands: AppCommands;
    let skipped: string[];
    try {
      skipped = copyAppFolder(options.appDir, disk.app).skipped;
      commands = await resolveAppCommands(disk.app, project);
    } catch (error) {
      // The learner's folder cannot be graded (too large, no framework): a verdict, not a retry.
      if (isRoadworkError(error) && error.code === "BAD_INPUT") return errorReport(error.toString(), { duration_ms: Date.now() - started });
      throw error;
    }
    disk.fitToContents();
    options.onProgress?.({ kind: "starting", framework: commands.framework });

    identity = await options.sandbox.acquireIdentity();
    disk.giveDataTo(identity.uid);
    services = await startAppServices({ work, dataPath: disk.data, database: options.database ?? project.database ?? commands.database ?? "sqlite", sandbox: options.sandbox, limits: databaseLimits(project), log, ...(options.postgresDir === undefined ? {} : { postgresDir: options.postgresDir }) });

    const appLog = new AppLog();
    // Shown with the log when the app fails: a file it imports may be one of these.
    if (skipped.length > 0) appLog.note(`left out of the copy (links and special files are never copied): ${skipped.slice(0, 10).join(", ")}${skipped.length > 10 ? ", ..." : ""}`);
    app = new AppProcess({
      sandbox: options.sandbox,
      identity,
      start: commands.start,
      setup: commands.setup,
      mounts: [
        { hostPath: disk.app, sandboxPath: APP_PATH, writable: true },
        { hostPath: disk.data, sandboxPath: DATA_PATH, writable: true },
        ...services.mounts,
      ],
      cwd: APP_PATH,
      env: appEnvironment(services.databaseUrl, project.env),
      port: APP_PORT,
      services: services.services,
      limits: appLimits(project),
      setupLimits: { ...appLimits(project), wallTimeMs: 120_000, cpuTimeMs: 60_000 },
      bootTimeMs: project.limits.boot_time_ms ?? 15_000,
      log: appLog,
      runnerLog: log,
      preload: preloadModules(commands.framework, [commands.start, ...(commands.production === undefined ? [] : [commands.production])]),
    });

    const stages = project.stages.slice(0, last);
    // Compiling TypeScript stages takes a few hundred ms the first time: do it while the app boots.
    const preloaded = new Map<number, Promise<StageFunction>>();
    const starts = new Map<number, number>();
    for (const stage of stages) {
      if (stage.kind !== "ts") continue;
      starts.set(stage.n, startsIn(readFileSync(stage.testsPath, "utf8")));
      const loading = loadStageFunction(stage.testsPath);
      // Awaited when the stage runs, which reports the error; this only keeps it from being unhandled meanwhile.
      observed(loading);
      preloaded.set(stage.n, loading);
    }

    const bootStarted = Date.now();
    // This start, then the stages' restarts: processes ready to become the app start once it
    // answers, in time for the first restart.
    app.expectStarts([1, ...startsByStage(stages, starts)]);
    try {
      await app.setup();
      await app.start();
    } catch (error) {
      if (!(error instanceof AppNotReady)) throw error;
      return notReadyReport(project.stages[0] as ProjectStage, error, appLog.tail(), Date.now() - started, runLimits(app, services, disk));
    }
    options.onProgress?.({ kind: "ready", bootMs: Date.now() - bootStarted });
    // Only TypeScript stages read the app's database: its reader gets ready meanwhile, at low priority.
    if (stages.some((stage) => stage.kind === "ts")) services.prepareQueries();

    const runId = randomBytes(4).toString("hex");
    const runtime: StageRuntime = { ...stageRuntime(app, services, appLog, commands.production, () => signIn.invalidate(), options.onProgress), appTests: appTestsRuntime(options.sandbox, project, options.appDir) };
    const signIn = new SignInCache(project.signIn, runtime, runId, (ms, signedIn) => options.onProgress?.({ kind: "signed-in", ms, signedIn }));
    const outcome = await runStages({
      project,
      stages,
      runtime,
      runId,
      preloaded,
      starts,
      signIn,
      keepGoing: options.keepGoing === true,
      onStageStart: (stage) => options.onProgress?.({ kind: "stage-start", stage }),
      onStageEnd: (stage, passed, tests) => options.onProgress?.({ kind: "stage-end", stage, status: passed ? "pass" : "fail", tests }),
    });
    await app.stop();
    const limits = runLimits(app, services, disk);
    // Reached outside the app's own process (its disk, its database sessions), so its exit does
    // not tell: the failed test says so itself.
    const outside = [...limitsOutsideTheApp(services, disk)];
    const failed = [...outcome.tests].reverse().find((test) => test.status === "fail");
    if (outside.length > 0 && failed !== undefined) failed.message = `${failed.message ?? ""}\n\n${outside.join("\n")}`;
    return stagesReport(project, outcome, limits, Date.now() - started);
  } catch (error) {
    throw machineFault(error);
  } finally {
    await app?.stop().catch((error: unknown) => log.warn({ err: error }, "stopping the app after the run failed"));
    await services?.dispose();
    await identity?.release().catch((error: unknown) => log.warn({ err: error }, "releasing the sandbox identity failed"));
    disk?.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

/** How stages reach the app and its services. */
function stageRuntime(app: AppProcess, services: AppServices, log: AppLog, production: readonly string[] | undefined, onRestart: () => void, onProgress: TestProjectOptions["onProgress"]): StageRuntime {
  const send = createHttpSend({ connect: () => app.connect() });
  const control = appControl(app, { production, onRestart, onRestarted: (ms) => onProgress?.({ kind: "restarted", ms }) });
  return {
    baseUrl: `http://127.0.0.1:${APP_PORT}`,
    send: async (spec) => {
      try {
        return await send(spec);
      } catch (error) {
        // A crash explains a missing answer better than "connection closed": give it a moment to show.
        if (error instanceof NoAnswerError) await app.settleExit(300);
        // No answer because the sandbox failed under the app is the machine's fault, not the app's.
        app.throwIfSandboxFailed();
        throw error;
      }
    },
    restartApp: () => control.restart(),
    app: control,
    emails: () => services.emails(),
    query: async (sql, params) => {
      try {
        return await services.query(sql, params);
      } catch (error) {
        // The app's database being missing, locked or too large is the app's; anything else is ours.
        if (error instanceof QueryError) throw error;
        throw machineFault(error);
      }
    },
    statements: () => services.statements().catch((error: unknown) => Promise.reject(machineFault(error))),
    explain: async (sql, params, explainOptions) => {
      try {
        return await services.explain(sql, params, explainOptions);
      } catch (error) {
        if (error instanceof QueryError) throw error;
        throw machineFault(error);
      }
    },
    logTail: () => log.tail(),
    appExited: () => app.exited(),
  };
}

/**
 * Bounds of one pytest run on the app's folder (t.pytest, t.checkLearnerTests): a small app's
 * suite takes a second or two; a test that hangs or floods is stopped and named.
 */
const APP_PYTEST_LIMITS: Partial<SandboxLimits> = { wallTimeMs: 60_000, cpuTimeMs: 30_000, memoryBytes: 512 * MIB, diskBytes: 128 * MIB, processes: 64 };
const APP_PYTEST_ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/work", TMPDIR: "/tmp", LANG: "C.UTF-8", PYTHONDONTWRITEBYTECODE: "1" };

/** pytest runs in sandboxes of their own, on the app folder as handed in (read once, when first needed). */
function appTestsRuntime(sandbox: Sandbox, project: Project, appDir: string): AppTestsRuntime {
  let files: Map<string, Buffer> | undefined;
  return {
    projectDir: project.dir,
    appFiles: () => (files ??= readAppFolder(appDir)),
    pytest: (runFiles, targets) => runPytest(sandbox, { files: Object.fromEntries(runFiles), targets, limits: APP_PYTEST_LIMITS, env: APP_PYTEST_ENV }),
  };
}

function stagesReport(project: Project, outcome: StageLoopOutcome, limitsHit: LimitHit[], durationMs: number): GradeReport {
  const { failedStage, ranStage, failedStages } = outcome;
  const report: GradeReport = {
    version: 3,
    status: failedStage === undefined ? "pass" : "fail",
    message:
      failedStage === undefined
        ? ranStage === 1
          ? "Stage 1 passes."
          : `Stages 1 to ${ranStage} pass.`
        : failedStages.length > 1
          ? `Stages ${failedStages.join(", ")} do not pass yet; every other stage up to ${ranStage} passes.`
          : failedStage < ranStage
            ? `Stage ${failedStage} (${project.stages[failedStage - 1]?.title ?? ""}) does not pass yet; every other stage up to ${ranStage} passes.`
            : `Stage ${failedStage} (${project.stages[failedStage - 1]?.title ?? ""}) does not pass yet; stages before it pass.`,
    tests: outcome.tests,
    duration_ms: durationMs,
    stage: ranStage,
  };
  if (failedStage !== undefined) report.failed_stage = failedStage;
  if (limitsHit.length > 0) report.limits_hit = limitsHit;
  return report;
}

function appEnvironment(databaseUrl: string, projectEnv: Readonly<Record<string, string>>): Record<string, string> {
  return {
    // First, so that what roadwork sets below always wins (the schema refuses those names too).
    ...projectEnv,
    PATH: "/usr/local/bin:/usr/bin:/bin",
    HOME: "/work",
    TMPDIR: "/work",
    LANG: "C.UTF-8",
    PYTHONUNBUFFERED: "1",
    PORT: String(APP_PORT),
    DATABASE_URL: databaseUrl,
    UPLOAD_DIR: `${DATA_PATH}/uploads`,
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(SMTP_PORT),
    SECRET_KEY: randomBytes(24).toString("hex"),
  };
}

/** The app's own limits, for its PostgreSQL sessions, which run outside its sandbox. */
function databaseLimits(project: Project): RunDatabaseLimits {
  const l = project.limits;
  return { statementMs: STATEMENT_TIME_LIMIT_MS, memoryBytes: (l.memory_mib ?? 512) * MIB, cpuMs: l.cpu_time_ms ?? 120_000, diskBytes: (l.disk_mib ?? 64) * MIB };
}

function appLimits(project: Project): Partial<SandboxLimits> {
  const l = project.limits;
  return {
    wallTimeMs: 30 * 60_000,
    cpuTimeMs: l.cpu_time_ms ?? 120_000,
    memoryBytes: (l.memory_mib ?? 512) * MIB,
    processes: l.processes ?? 64,
    fileSizeBytes: (l.upload_mib ?? 16) * MIB,
    diskBytes: 64 * MIB,
    outputBytes: 8 * MIB,
  };
}

function notReadyReport(stage: ProjectStage, error: AppNotReady, logTail: string, durationMs: number, limitsHit: LimitHit[]): GradeReport {
  const message = formatFailure({ stage: { n: stage.n, title: stage.title }, message: error.message, logTail: logTail || "(the app printed nothing)" });
  const limits = uniqueLimits([...limitsHit, ...error.limitsHit]);
  const report: GradeReport = {
    version: 3,
    status: "fail",
    message: `No stage could run. ${error.message}`,
    tests: [{ name: `stage ${stage.n}: ${APP_STARTS_CHECK}`, status: "fail", message, stage: stage.n }],
    duration_ms: durationMs,
    stage: stage.n,
    failed_stage: stage.n,
  };
  if (limits.length > 0) report.limits_hit = limits;
  return report;
}

/**
 * What escapes a run is never the learner's doing (that is a report): a RoadworkError keeps
 * its code (CONTENT_INVALID for a broken project, SANDBOX_UNAVAILABLE, INFRASTRUCTURE), and
 * anything else is this machine failing, so the queue retries it.
 */
function* limitsOutsideTheApp(services: AppServices, disk: RunDisk): Generator<string> {
  const full = disk.limitHit();
  if (full !== undefined) yield `The app's disk is full: ${full.message}.`;
  for (const hit of services.limitsHit()) yield `A limit was reached: ${hit.message}.`;
}

/** Every limit the run reached: the app's, its database sessions', and the disk's when the app filled it. */
function runLimits(app: AppProcess, services: AppServices, disk: RunDisk): LimitHit[] {
  const full = disk.limitHit();
  return uniqueLimits([...app.limitsHit, ...services.limitsHit(), ...(full === undefined ? [] : [full])]);
}

function uniqueLimits(hits: LimitHit[]): LimitHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => (seen.has(hit.limit) ? false : (seen.add(hit.limit), true)));
}
