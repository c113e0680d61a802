/**
 * `roadwork test`: copy the learner's app, start it in the sandbox with its services (a data
 * folder, an SMTP catcher), wait until it answers, and run stages 1..N in order, stopping at
 * the first stage that fails. The outcome is a GradeReport; only a broken machine or broken
 * input is an "error" — an app that crashes or answers wrongly is a "fail" with a message.
 */
import { mkdtempSync, chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import type { Project, ProjectStage } from "../../content/project.js";
import { isRoadworkError } from "../../errors.js";
import { errorReport, type GradeReport, type LimitHit, type TestResult } from "../report.js";
import type { Sandbox, SandboxIdentity, SandboxLimits } from "../sandbox/types.js";
import { AppLog } from "./app-log.js";
import { AppNotReady, AppProcess } from "./app-process.js";
import { copyAppFolder } from "./copy-app.js";
import { createDataDir, sweepStaleDataDirs, type DataDir } from "./data-dir.js";
import { formatFailure } from "./failure-message.js";
import { resolveAppCommands, type AppCommands, type DatabaseKind } from "./framework.js";
import { createAppDatabase, type AppDatabase } from "./postgres-db.js";
import { startPostgresRelay, type PostgresRelay } from "./postgres-relay.js";
import { sendOver, DEFAULT_TRANSPORT, NoAnswerError } from "./http-transport.js";
import { runHurlStage, runSignIn, signInNames } from "./hurl-stage.js";
import { startSmtpCatcher, type SmtpCatcher } from "./smtp-catcher.js";
import { querySqlite, sqliteHostPath } from "./sqlite-query.js";
import type { StageRuntime } from "./stage-context.js";
import type { JsonValue } from "./hurl/index.js";
import { StageFailure } from "./stage-api.js";
import { runTsStage } from "./ts-stage.js";
import { loadStageFunction, type StageFunction } from "./load-stage.js";

/** Inside the sandbox. */
const APP_PATH = "/app";
const DATA_PATH = "/data";
const APP_PORT = 8000;
const SMTP_PORT = 1025;
const PG_PORT = 5432;
const MIB = 1024 * 1024;
const WORK_PREFIX = "roadwork-test-";

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
  /** The database the app gets; default: what its roadwork.yaml asks for, else SQLite. */
  database?: DatabaseKind;
  onProgress?: (event: ProgressEvent) => void;
}

export async function testProject(options: TestProjectOptions): Promise<GradeReport> {
  const started = Date.now();
  const { project } = options;
  const last = Math.min(options.upToStage ?? project.stages.length, project.stages.length);
  if (last < 1) return errorReport(`stage ${options.upToStage ?? 0} does not exist: ${project.id} has stages 1 to ${project.stages.length}`);

  sweepStaleDataDirs(tmpdir(), WORK_PREFIX);
  const work = mkdtempSync(join(tmpdir(), WORK_PREFIX));
  // The sandbox enters these folders as an unprivileged uid: it must be able to traverse.
  chmodSync(work, 0o711);
  writeFileSync(join(work, "owner.pid"), String(process.pid));
  let identity: SandboxIdentity | undefined;
  let data: DataDir | undefined;
  let catcherStarting: Promise<SmtpCatcher> | undefined;
  let app: AppProcess | undefined;
  let postgres: AppDatabase | undefined;
  let relay: PostgresRelay | undefined;
  try {
    const appCopy = join(work, "app");
    let commands: AppCommands;
    let skipped: string[];
    try {
      skipped = copyAppFolder(options.appDir, appCopy).skipped;
      commands = resolveAppCommands(appCopy, project);
    } catch (error) {
      if (isRoadworkError(error)) return errorReport(error.toString(), { duration_ms: Date.now() - started });
      throw error;
    }
    options.onProgress?.({ kind: "starting", framework: commands.framework });

    catcherStarting = startSmtpCatcher(join(work, "smtp.sock"));
    catcherStarting.catch(() => undefined);
    identity = await options.sandbox.acquireIdentity();
    data = createDataDir(join(work, "data"), (project.limits.disk_mib ?? 64) * MIB, identity.uid);
    const smtp = await catcherStarting;
    const services = [{ port: SMTP_PORT, socketPath: smtp.socketPath }];
    let databaseUrl = `sqlite:///${DATA_PATH}/app.db`;
    if ((options.database ?? commands.database ?? "sqlite") === "postgresql") {
      postgres = await createAppDatabase();
      relay = await startPostgresRelay(join(work, "pg.sock"), { user: postgres.role, database: postgres.database, host: postgres.host, port: postgres.port });
      services.push({ port: PG_PORT, socketPath: relay.socketPath });
      databaseUrl = `postgresql://${postgres.role}:${postgres.password}@127.0.0.1:${PG_PORT}/${postgres.database}`;
    }

    const log = new AppLog();
    // Shown with the log when the app fails: a file it imports may be one of these.
    if (skipped.length > 0) log.note(`left out of the copy (links and special files are never copied): ${skipped.slice(0, 10).join(", ")}${skipped.length > 10 ? ", ..." : ""}`);
    const env = appEnvironment(databaseUrl);
    app = new AppProcess({
      sandbox: options.sandbox,
      identity,
      start: commands.start,
      setup: commands.setup,
      mounts: [
        { hostPath: appCopy, sandboxPath: APP_PATH, writable: true },
        { hostPath: data.path, sandboxPath: DATA_PATH, writable: true },
      ],
      cwd: APP_PATH,
      env,
      port: APP_PORT,
      services,
      limits: appLimits(project),
      setupLimits: { ...appLimits(project), wallTimeMs: 120_000, cpuTimeMs: 60_000 },
      bootTimeMs: project.limits.boot_time_ms ?? 15_000,
      log,
    });

    // Compiling TypeScript stages takes a few hundred ms the first time: do it while the app boots.
    const preloaded = new Map<number, Promise<StageFunction>>();
    for (const stage of project.stages.slice(0, last)) {
      if (stage.kind !== "ts") continue;
      const loading = loadStageFunction(stage.testsPath);
      loading.catch(() => undefined);
      preloaded.set(stage.n, loading);
    }

    const firstStage = project.stages[0] as ProjectStage;
    const bootStarted = Date.now();
    try {
      await app.setup();
      await app.start();
    } catch (error) {
      if (!(error instanceof AppNotReady)) throw error;
      return notReadyReport(firstStage, error, log.tail(), Date.now() - started, app.limitsHit);
    }
    options.onProgress?.({ kind: "ready", bootMs: Date.now() - bootStarted });

    const runId = randomBytes(4).toString("hex");
    const running = app;
    const smtpCatcher = smtp;
    const dataDir = data;
    const appDatabase = postgres;
    const runtime: StageRuntime = {
      baseUrl: `http://127.0.0.1:${APP_PORT}`,
      send: async (spec) => {
        try {
          return await sendOver(() => running.connect(), spec, DEFAULT_TRANSPORT);
        } catch (error) {
          if (error instanceof NoAnswerError) await running.settleExit(300);
          throw error;
        }
      },
      restartApp: async () => {
        restarts += 1;
        try {
          const restartStarted = Date.now();
          await running.restart();
          options.onProgress?.({ kind: "restarted", ms: Date.now() - restartStarted });
        } catch (error) {
          if (error instanceof AppNotReady) throw new StageFailure(`After the restart: ${error.message}`);
          throw error;
        }
      },
      emails: () => smtpCatcher.emails(),
      query: (sql, params) => {
        if (appDatabase !== undefined) return appDatabase.query(sql, params);
        const path = sqliteHostPath(env["DATABASE_URL"] ?? "", DATA_PATH, dataDir.path);
        if (path === undefined) return Promise.reject(new Error("the app's database is not a SQLite file under /data"));
        return Promise.resolve(querySqlite(path, sql, params));
      },
      logTail: () => log.tail(),
      appExited: () => running.exited(),
    };

    // Signing in costs a password hash or two: do it once, and again only after a restart
    // (an app may keep its tokens in memory) or while it does not succeed yet.
    let restarts = 0;
    let signedIn: { restarts: number; variables: Record<string, JsonValue> } | undefined;
    const signInVariables = async (): Promise<Record<string, JsonValue>> => {
      if (project.signIn === undefined) return {};
      if (signedIn !== undefined && signedIn.restarts === restarts) return signedIn.variables;
      const signInStarted = Date.now();
      const outcome = await runSignIn(project.signIn, runtime, runId);
      options.onProgress?.({ kind: "signed-in", ms: Date.now() - signInStarted, signedIn: outcome.signedIn });
      signedIn = outcome.signedIn ? { restarts, variables: outcome.variables } : undefined;
      return outcome.variables;
    };

    const names = project.signIn === undefined ? [] : signInNames(project.signIn);
    const tests: TestResult[] = [];
    let failedStage: number | undefined;
    let ranStage = 0;
    for (const stage of project.stages.slice(0, last)) {
      options.onProgress?.({ kind: "stage-start", stage });
      ranStage = stage.n;
      const stageTests =
        stage.kind === "hurl"
          ? await runHurlStage(stage, runtime, { runId, signIn: signInVariables, signInNames: names })
          : await runTsStage(stage, runtime, preloaded.get(stage.n));
      tests.push(...stageTests);
      const passed = stageTests.every((test) => test.status === "pass");
      options.onProgress?.({ kind: "stage-end", stage, status: passed ? "pass" : "fail", tests: stageTests });
      if (!passed) {
        failedStage = stage.n;
        break;
      }
    }

    await app.stop();
    const limitsHit = uniqueLimits(app.limitsHit);
    const report: GradeReport = {
      version: 3,
      status: failedStage === undefined ? "pass" : "fail",
      message:
        failedStage === undefined
          ? ranStage === 1
            ? "Stage 1 passes."
            : `Stages 1 to ${ranStage} pass.`
          : `Stage ${failedStage} (${project.stages[failedStage - 1]?.title ?? ""}) does not pass yet; stages before it pass.`,
      tests,
      duration_ms: Date.now() - started,
      stage: ranStage,
    };
    if (failedStage !== undefined) report.failed_stage = failedStage;
    if (limitsHit.length > 0) report.limits_hit = limitsHit;
    return report;
  } catch (error) {
    if (isRoadworkError(error)) return errorReport(error.toString(), { duration_ms: Date.now() - started });
    return errorReport(`roadwork could not run the tests: ${(error as Error).message}`, { duration_ms: Date.now() - started });
  } finally {
    await app?.stop().catch(() => undefined);
    await catcherStarting?.then((catcher) => catcher.close()).catch(() => undefined);
    data?.remove();
    await relay?.close().catch(() => undefined);
    await postgres?.drop().catch(() => undefined);
    await identity?.release().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

function appEnvironment(databaseUrl: string): Record<string, string> {
  return {
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
    tests: [{ name: `stage ${stage.n}: the app starts and answers HTTP`, status: "fail", message, stage: stage.n }],
    duration_ms: durationMs,
    stage: stage.n,
    failed_stage: stage.n,
  };
  if (limits.length > 0) report.limits_hit = limits;
  return report;
}

function uniqueLimits(hits: LimitHit[]): LimitHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => (seen.has(hit.limit) ? false : (seen.add(hit.limit), true)));
}
