/**
 * What a stage written in TypeScript gets: `stages/NN-name.ts` in a project exports
 *
 *   export default async function stage(t: StageContext): Promise<void>
 *
 * and calls t.check(...) / t.request(...) etc. A check that does not hold throws a
 * StageFailure (via t.fail or a failed t.expect*), which the runner turns into a failed test
 * with the request, the expectation, the response and the app's log tail.
 */

export interface StageRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  multipart?: Array<{ name: string; value?: string; filename?: string; contentType?: string; data?: Buffer }>;
  body?: string | Buffer;
  /**
   * Keeps the request in flight: its headers and the first half of its body are sent at once,
   * the rest once this resolves (a slow upload while the app is being stopped).
   */
  holdBody?: Promise<void>;
  /**
   * Sends `Expect: 100-continue` and calls this when the app answers `100 Continue`: with a
   * held body, the sign that a worker has taken the request and waits for the rest (gunicorn
   * sends it once a worker has read the headers). A server that does not send it never calls
   * this, so wait for it with a bound.
   */
  onContinue?: () => void;
}

/** How to start the app again (t.restartApp, t.tryRestartApp). */
export interface AppStart {
  /**
   * Served as in production: project.yaml's `production:` command of the app's framework
   * (several workers). Without it, the usual start command.
   */
  production?: boolean;
  /** Changes to the app's environment for this start only: a string sets a variable, null removes it. */
  env?: Record<string, string | null>;
}

/** How the app's process ended. */
export interface AppEnd {
  exitCode: number | null;
  /** The signal that ended it ("SIGKILL"), or null when it exited. */
  signal: string | null;
}

export type StartOutcome = { started: true } | { started: false; why: string; end?: AppEnd };

export interface StageResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface CapturedEmail {
  from: string;
  to: string[];
  subject: string;
  /** The text of the message (text/plain part when there is one). */
  text: string;
  raw: string;
}

/** An HTML page read as a browser reads it (parse5), queried with XPath 1.0 (see t.html). */
export interface HtmlPage {
  /** The expression's value: a node-set as the text of each node, in document order, or a string, number or boolean. */
  xpath(expression: string): string[] | string | number | boolean;
  /** How many nodes the expression selects. */
  count(expression: string): number;
  /** The text of the first node selected, spaces tidied as normalize-space does; undefined when none is. */
  text(expression: string): string | undefined;
}

/** A pytest run on the learner's app folder (t.pytest). */
export interface PytestRequest {
  /** What pytest collects, relative to the app's folder: test files or folders ("tests", "tests/test_export.py"). */
  tests: string[];
  /**
   * Files of the project copied into the app's folder for this run, app path -> project
   * path: `{ "tests/test_contract.py": "contract/test_contract.py" }`. An app file of the
   * same name is replaced.
   */
  add?: Record<string, string>;
}

export interface PytestReport {
  /** At least one test ran and every test passed (or was skipped). */
  passed: boolean;
  /** As pytest ran them; `name` is pytest's node id ("tests/test_export.py::test_header"). */
  tests: Array<{ name: string; outcome: "passed" | "failed" | "error" | "skipped"; message?: string }>;
  /** Why the run says nothing test by test (a file that does not load, a crash, a limit), for the learner. */
  problem?: string;
}

/** The learner's own tests of a feature, checked against mutants of it (t.checkLearnerTests). */
export interface LearnerTestsCheck {
  /** The learner's tests, relative to the app's folder: test files or folders. */
  tests: string[];
  /** The file of the app that holds the feature and that each mutant replaces: "tickets/export.py". */
  replaces: string;
  /**
   * A folder of the project: each .py file is a whole version of `replaces` with one bug,
   * whose module docstring names the behaviour it breaks (the learner sees that, never the code).
   */
  mutants: string;
  /** Optional folder of correct versions written differently: the tests must pass on each. */
  equivalents?: string;
}

/** What the app's database ran while a stage's requests were answered (t.countStatements). */
export interface StatementCount<T> {
  /** What the body returned. */
  value: T;
  /** SELECT, INSERT, UPDATE and DELETE statements run (BEGIN, COMMIT, SET and DDL are not counted). */
  count: number;
  /** Each distinct statement, constants shown as $1, $2..., with how many times it ran; most run first. */
  statements: Array<{ query: string; calls: number }>;
}

/** One table or index read in a plan. */
export interface PlanScan {
  /** "Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Index Scan" or "Bitmap Heap Scan". */
  node: string;
  relation?: string;
  index?: string;
  /** What narrows the index (Index Cond, or a bitmap heap scan's Recheck Cond). */
  indexCondition?: string;
  /** Rows read and then thrown away. */
  filter?: string;
}

/** A query's plan as PostgreSQL chose it (t.explain). */
export interface QueryPlan {
  /** The plan as psql's EXPLAIN prints it: show it to learners. */
  text: string;
  /** EXPLAIN (FORMAT JSON)'s value. */
  json: unknown;
  scans: PlanScan[];
  /** Indexes the plan searches with a condition (an Index Cond): those that serve the query. */
  indexesUsed: string[];
  /** Tables the plan reads from end to end. */
  seqScans: string[];
}

export interface StageContext {
  /** Sends a request to the learner's app; cookies are kept per client (see newClient). */
  request(req: StageRequest): Promise<StageResponse>;
  /** A fresh client with its own cookie jar (a second user). */
  newClient(): StageContext;
  /** Stops the app and starts it again with the same data; resolves when it answers again. */
  restartApp(start?: AppStart): Promise<void>;
  /**
   * Like restartApp, but an app that does not start is an outcome rather than a failure: for
   * checks that it refuses to start (a missing SECRET_KEY). Restart it properly afterwards.
   */
  tryRestartApp(start?: AppStart): Promise<StartOutcome>;
  /**
   * The app served as `start` asks: when it already runs so, started by an earlier stage (or
   * check) that passed, it is used as it is, with what it holds in memory and its output since
   * that start; otherwise it is restarted as restartApp does. Each start of a production
   * server costs the learner about a second; a stage that needs the app served some way, but
   * not a fresh process, asks for it with this.
   */
  ensureApp(start?: AppStart): Promise<void>;
  /** Sends the app's main process a signal, as a platform does to stop it (SIGTERM by default). */
  signalApp(name?: "SIGTERM" | "SIGINT"): Promise<void>;
  /** Waits up to `ms` for the app's process to end: how it ended, or undefined when it still runs. */
  waitForAppExit(ms: number): Promise<AppEnd | undefined>;
  /** What the app wrote on stdout and on stderr since it last started (each apart, at most 256 KiB). */
  appOutput(): { stdout: string; stderr: string };
  /** Every email the app has sent during this run, oldest first. */
  emails(): Promise<CapturedEmail[]>;
  /** Runs a read-only SQL query against the app's database (SQLite or PostgreSQL). */
  query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /**
   * Counts the statements the app's PostgreSQL database runs while `body` runs (its requests
   * answered). Needs `database: postgresql` in project.yaml. Every statement of the run's
   * database counts, t.query's included: do not query inside the body.
   */
  countStatements<T>(body: () => Promise<T>): Promise<StatementCount<T>>;
  /**
   * EXPLAIN (without ANALYZE: planned, not run) of one statement on the app's PostgreSQL
   * database, as the app's role. `{ seqscan: false }` discourages reading tables end to end,
   * so that the plan uses an index whenever one can serve the query, whatever the table's size.
   */
  explain(sql: string, params?: unknown[], options?: { seqscan?: boolean }): Promise<QueryPlan>;
  /** Fails the current check with a message written for the learner. */
  fail(message: string, details?: { request?: StageRequest; response?: StageResponse; expected?: string }): never;
  /** Runs one named check; every check is reported as its own test. */
  check(name: string, body: () => Promise<void>): Promise<void>;
  /** Reads an HTML body as a page to query with XPath: `(await t.html(res.text)).count("//li")`. */
  html(body: string): Promise<HtmlPage>;
  /** Unique strings for test data, so that reruns never collide. */
  unique(prefix: string): string;
  /**
   * Runs pytest on the app's folder as the learner handed it in, in a sandbox of its own (the
   * app keeps running). The report is data: the stage decides what must hold.
   */
  pytest(request: PytestRequest): Promise<PytestReport>;
  /**
   * The learner's tests must pass on their app and fail on every mutant of `replaces`. Reports
   * its own checks (one per test on the app, one per mutant: "catches: <behaviour>"), and
   * stops the stage when one fails; call it at the stage's top level, not inside t.check.
   */
  checkLearnerTests(spec: LearnerTestsCheck): Promise<void>;
}

export class StageFailure extends Error {
  readonly details: { request?: StageRequest; response?: StageResponse; expected?: string };
  constructor(message: string, details: StageFailure["details"] = {}) {
    super(message);
    this.name = "StageFailure";
    this.details = details;
  }
}
