/**
 * The StageContext a TypeScript stage gets (see stage-api.ts): requests with a cookie jar
 * per client, restarts, emails, read-only queries, and named checks that each become a test
 * in the report. A failing check stops the stage: later checks usually build on it.
 */
import { randomBytes } from "node:crypto";
import { isRoadworkError, RoadworkError } from "../../errors.js";
import type { TestResult } from "../report.js";
import type { HttpRequestSpec, HttpResponseData, HttpMethod } from "../../http/types.js";
import { HTTP_METHODS } from "../../http/types.js";
import { StageFailure, type CapturedEmail, type StageContext, type StageRequest, type StageResponse } from "./stage-api.js";
import { CookieJar } from "../../http/cookies.js";
import { encodeMultipart } from "../../http/multipart.js";
import { NoAnswerError } from "../../http/transport.js";
import { formatFailure, shownStageRequest, shownStageResponse } from "./failure-message.js";
import { readHtml } from "./stage-html.js";
import { checkLearnerTests, runAppPytest, type AppTestsRuntime } from "./learner-tests.js";
import { readPlan } from "./query-plan.js";
import type { AppControl } from "./app-control.js";
import { statementsBetween, type StatementSnapshot } from "./services/postgres-statements.js";

/** What the runner gives a stage: the app and the services around it. */
export interface StageRuntime {
  baseUrl: string;
  send(spec: HttpRequestSpec): Promise<HttpResponseData>;
  restartApp(): Promise<void>;
  emails(): CapturedEmail[];
  query(sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
  /** PostgreSQL only: a snapshot of the statements the app's database ran so far (see services/postgres-statements.ts). */
  statements(): Promise<StatementSnapshot>;
  /** PostgreSQL only: EXPLAIN as the app's role. */
  explain(sql: string, params: readonly unknown[], options: { seqscan?: boolean }): Promise<{ json: unknown; text: string }>;
  logTail(): string;
  /** How the app stopped, when it stopped on its own. */
  appExited(): string | undefined;
  /** pytest on the app's folder (t.pytest, t.checkLearnerTests); absent where the runner cannot. */
  appTests?: AppTestsRuntime;
  /** The app's process (t.tryRestartApp, t.signalApp...); absent where the runner cannot. */
  app?: AppControl;
}

/** Collects the tests of one stage; shared by every client of the stage. */
export class StageRecorder {
  readonly tests: TestResult[] = [];
  /** Errors already reported as a failed check, so the runner does not report them twice. */
  readonly reported = new WeakSet<object>();
  private counter = 0;
  /**
   * The last request any client of the stage made within the current check: shown with a
   * failure that names no request itself. Cleared when a check starts, so a failure never
   * shows an exchange from an earlier check that has nothing to do with it.
   */
  last: Exchange | undefined;
  readonly runId = randomBytes(3).toString("hex");

  constructor(readonly stage: { n: number; title: string }) {}

  nextUnique(): number {
    return ++this.counter;
  }
}

export interface Exchange {
  request: StageRequest;
  response?: StageResponse;
}

export function createStageContext(runtime: StageRuntime, recorder: StageRecorder): StageContext {
  const jar = new CookieJar();

  const context: StageContext = {
    async request(req) {
      const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
      const spec = await toSpec(runtime.baseUrl, req, jar.header(path));
      recorder.last = { request: req };
      let data: HttpResponseData;
      try {
        data = await runtime.send(spec);
      } catch (error) {
        if (isRoadworkError(error)) throw error;
        const exited = runtime.appExited();
        const why = error instanceof NoAnswerError ? error.message : `the request failed: ${error instanceof Error ? error.message : String(error)}`;
        throw new StageFailure(exited === undefined ? `${capitalise(why)}.` : `${capitalise(why)}: the app has stopped (${exited}).`, { request: req });
      }
      jar.update(data.headers, new URL(spec.url).pathname);
      const response = toStageResponse(data);
      recorder.last = { request: req, response };
      return response;
    },
    newClient() {
      return createStageContext(runtime, recorder);
    },
    async restartApp(start) {
      if (start === undefined) await runtime.restartApp();
      else await appOf(runtime).restart(start);
    },
    tryRestartApp: (start) => appOf(runtime).tryRestart(start),
    ensureApp: (start) => appOf(runtime).ensure(start),
    signalApp: (name = "SIGTERM") => appOf(runtime).signal(name),
    waitForAppExit: (ms) => appOf(runtime).waitForExit(ms),
    appOutput: () => appOf(runtime).output(),
    emails() {
      return Promise.resolve(runtime.emails());
    },
    async query(sql, params = []) {
      try {
        return await runtime.query(sql, params);
      } catch (error) {
        if (isRoadworkError(error)) throw error;
        // A missing database or a refused file is the app's doing: a failure with a reason, not a crash.
        throw new StageFailure(`Reading the app's database failed: ${(error as Error).message}.`);
      }
    },
    async countStatements(body) {
      const before = await runtime.statements();
      const value = await body();
      const statements = statementsBetween(before, await runtime.statements());
      return { value, count: statements.reduce((sum, s) => sum + s.calls, 0), statements };
    },
    async explain(sql, params = [], options = {}) {
      try {
        const plan = await runtime.explain(sql, params, options);
        return readPlan(plan.json, plan.text);
      } catch (error) {
        if (isRoadworkError(error)) throw error;
        // A table the app has not made yet is the app's doing.
        throw new StageFailure(`Planning the query on the app's database failed: ${(error as Error).message}.`);
      }
    },
    fail(message, details = {}) {
      const withExchange = { ...details };
      const last = recorder.last;
      if (withExchange.request === undefined && last !== undefined) {
        withExchange.request = last.request;
        if (withExchange.response === undefined && last.response !== undefined) withExchange.response = last.response;
      }
      throw new StageFailure(message, withExchange);
    },
    async check(name, body) {
      const started = Date.now();
      recorder.last = undefined;
      try {
        await body();
        recorder.tests.push({ name: `stage ${recorder.stage.n}: ${name}`, status: "pass", stage: recorder.stage.n, duration_ms: Date.now() - started });
      } catch (error) {
        // Only a check that does not hold is a failed test; anything else is not the app's doing (see ts-stage.ts).
        if (isStageFailure(error) && !recorder.reported.has(error)) {
          recorder.tests.push(failedTest(recorder.stage, name, error, runtime.logTail(), Date.now() - started, recorder.last));
          recorder.reported.add(error);
        }
        throw error;
      }
    },
    html(body) {
      return readHtml(body);
    },
    unique(prefix) {
      return `${prefix}-${recorder.runId}-${recorder.nextUnique()}`;
    },
    pytest(request) {
      return runAppPytest(appTestsOf(runtime), request);
    },
    async checkLearnerTests(spec) {
      const started = Date.now();
      const outcome = await checkLearnerTests(appTestsOf(runtime), spec);
      const { n, title } = recorder.stage;
      // The runs overlap, so no check has a time of its own: each gets its share, and they add up.
      const share = Math.round((Date.now() - started) / Math.max(1, outcome.tests.length));
      for (const test of outcome.tests) {
        const named = { ...test, name: `stage ${n}: ${test.name}`, stage: n, duration_ms: share };
        if (test.status === "fail") named.message = `Stage ${n} (${title}): ${test.message ?? ""}`;
        recorder.tests.push(named);
      }
      if (outcome.failure !== undefined) {
        recorder.reported.add(outcome.failure);
        throw outcome.failure;
      }
    },
  };
  return context;
}

function appOf(runtime: StageRuntime): AppControl {
  if (runtime.app === undefined) throw new RoadworkError("INFRASTRUCTURE", "this runner cannot control the app's process");
  return runtime.app;
}

/** A failed test from whatever a stage threw: a StageFailure carries its details; anything else is a bug or a crash. */
function appTestsOf(runtime: StageRuntime): AppTestsRuntime {
  if (runtime.appTests === undefined) throw new RoadworkError("INFRASTRUCTURE", "this runner cannot run pytest on the app's folder");
  return runtime.appTests;
}

export function failedTest(stage: { n: number; title: string }, name: string, error: unknown, logTail: string, durationMs: number, last?: Exchange): TestResult {
  const failure = isStageFailure(error) ? error : undefined;
  const details = failure?.details ?? {};
  const request = details.request ?? last?.request;
  const response = details.response ?? (details.request === undefined ? last?.response : undefined);
  const message = failure?.message ?? `The check stopped with an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  const text = formatFailure({
    stage,
    message,
    ...(request ? { request: shownStageRequest(request) } : {}),
    ...(details.expected ? { expected: details.expected } : {}),
    ...(response ? { response: shownStageResponse(response) } : {}),
    logTail,
  });
  return { name: `stage ${stage.n}: ${name}`, status: "fail", message: text, stage: stage.n, duration_ms: durationMs };
}

/**
 * By shape, not instanceof: a stage file loaded through tsx from src/ has its own copy of
 * the StageFailure class when the CLI runs from dist/.
 */
export function isStageFailure(error: unknown): error is StageFailure {
  return error instanceof Error && error.name === "StageFailure" && typeof (error as { details?: unknown }).details === "object";
}

async function toSpec(baseUrl: string, req: StageRequest, cookie: string | undefined): Promise<HttpRequestSpec> {
  const method = req.method.toUpperCase();
  if (!(HTTP_METHODS as readonly string[]).includes(method)) throw new StageFailure(`unknown HTTP method ${req.method} in the stage's test`);
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  let body: Buffer | undefined;
  if (req.json !== undefined) {
    body = Buffer.from(JSON.stringify(req.json));
    setDefaultHeader(headers, "Content-Type", "application/json");
  } else if (req.form !== undefined) {
    body = Buffer.from(new URLSearchParams(req.form).toString());
    setDefaultHeader(headers, "Content-Type", "application/x-www-form-urlencoded");
  } else if (req.multipart !== undefined) {
    const encoded = await encodeMultipart(
      req.multipart.map((part) =>
        part.filename === undefined && part.contentType === undefined
          ? { kind: "text" as const, name: part.name, value: part.value ?? part.data?.toString("utf8") ?? "" }
          : { kind: "file" as const, name: part.name, filename: part.filename ?? "blob", contentType: part.contentType ?? "application/octet-stream", data: part.data ?? Buffer.from(part.value ?? "") },
      ),
    );
    body = encoded.body;
    // The boundary is the encoder's: a Content-Type the stage set would not match it.
    for (const key of Object.keys(headers)) if (key.toLowerCase() === "content-type") delete headers[key];
    headers["Content-Type"] = encoded.contentType;
  } else if (req.body !== undefined) {
    body = typeof req.body === "string" ? Buffer.from(req.body) : req.body;
  }
  if (cookie !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "cookie")) headers["Cookie"] = cookie;
  const path = req.path.startsWith("/") ? req.path : `/${req.path}`;
  const spec: HttpRequestSpec = { method: method as HttpMethod, url: `${baseUrl}${path}`, headers };
  if (body !== undefined) spec.body = body;
  if (req.holdBody !== undefined) spec.holdBody = req.holdBody;
  if (req.onContinue !== undefined) {
    setDefaultHeader(headers, "Expect", "100-continue");
    spec.onContinue = req.onContinue;
  }
  return spec;
}

/** Sets a header unless the stage already set it, in any letter case. */
function setDefaultHeader(headers: Record<string, string>, name: string, value: string): void {
  if (!Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase())) headers[name] = value;
}

export function toStageResponse(data: HttpResponseData): StageResponse {
  const headers: Record<string, string> = {};
  for (const [rawName, value] of data.headers) {
    const name = rawName.toLowerCase();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}${name === "set-cookie" ? "\n" : ", "}${value}`;
  }
  const text = data.body.toString("utf8");
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // Not JSON: `json` stays undefined, which is what a stage checks for.
    json = undefined;
  }
  return { status: data.status, headers, body: data.body, text, json };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
