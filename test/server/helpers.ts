/**
 * Test factories for the server: an app over a fresh SQLite file with a small in-memory
 * track, a fake grader, and helpers to sign up, log in and send multipart uploads.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { resolveConfig, type ConfigInput, type Config } from "../../src/config.js";
import { openDatabase, Store, type OpenDatabase, type Role, type UserRow } from "../../src/store/index.js";
import { DatabaseQueue } from "../../src/queue/database-queue.js";
import { Signals } from "../../src/queue/signals.js";
import { Worker } from "../../src/queue/worker.js";
import type { JobGrader } from "../../src/worker/grade-job.js";
import { fakeJobGrader } from "../worker/fakes.js";
import { Catalog } from "../../src/server/catalog.js";
import { buildApp } from "../../src/server/app.js";
import type { AppDeps } from "../../src/server/deps.js";
import { hashPassword } from "../../src/server/auth/passwords.js";
import type { Track } from "../../src/content/track.js";
import type { Exercise } from "../../src/content/exercise.js";
import type { Project } from "../../src/content/project.js";
import type { GradeReport } from "../../src/grading/report.js";
import type { DialectUnderTest } from "../store/dialects.js";
import type { GradingHealth } from "../../src/server/grading-health.js";

/** Passes when the source contains "return", fails otherwise: enough to drive the server. */
export const fakeGrader: JobGrader = fakeJobGrader((job) => {
    const ok = (job.source ?? "").includes("return") || job.itemKind === "project";
    const report: GradeReport = {
      version: 3,
      status: ok ? "pass" : "fail",
      tests: [
        { name: "test_greets_ada", status: "pass" },
        { name: "test_greets_nobody", status: ok ? "pass" : "fail", ...(ok ? {} : { message: "expected 'Hello, World!' but got None" }) },
      ],
    };
    return report;
});

function exercise(dir: string, id: string, step: string, readme: string): Exercise {
  return {
    kind: "function",
    dir,
    config: { id, title: `Exercise ${id}`, step, kind: "function", mode: "tamper-proof", ordered: false, difficulty: 1, hints: [`Look at the *first* line of ${id}.`, "Then <b>the rest</b>."] },
    readme,
    starter: `def ${id.replace(/-/g, "_")}():\n    pass\n`,
    solution: "",
    bad: [],
    tests: "",
  };
}

/** Two steps: basics (greet-user, running-total) -> web (slugify + project tiny-api). */
export function testTracks(dir: string): Track[] {
  const instructions = join(dir, "stage-1.md");
  writeFileSync(instructions, "# Stage 1\n\nAnswer `GET /` with 200.\n");
  mkdirSync(join(dir, "starter", "__pycache__"), { recursive: true });
  writeFileSync(join(dir, "starter", "app.py"), "from flask import Flask\n");
  writeFileSync(join(dir, "starter", "__pycache__", "app.cpython-311.pyc"), "");
  const project: Project = {
    id: "tiny-api",
    title: "A tiny API",
    step: "web",
    summary: "One route.",
    dir,
    file: join(dir, "project.yaml"),
    frameworks: {},
    stages: [{ n: 1, slug: "hello", title: "Hello", instructionsPath: instructions, testsPath: join(dir, "none.hurl"), kind: "hurl", hurl: { file: join(dir, "none.hurl"), entries: [], variables: [] } }],
    references: {},
    starters: { flask: join(dir, "starter") },
    bad: [],
    limits: {},
    env: {},
  };
  return [
    {
      dir,
      config: {
        id: "test-track",
        title: "Test track",
        steps: [
          { id: "basics", title: "Basics", requires: [], exercises: ["greet-user", "running-total"], projects: [] },
          { id: "web", title: "Web", requires: ["basics"], exercises: ["slugify"], projects: ["tiny-api"] },
        ],
      },
      steps: [
        { id: "basics", title: "Basics", summary: "Start here.", requires: [], exercises: ["greet-user", "running-total"], projects: [], lesson: { file: "lessons/basics.md", markdown: "# Basics\n\nValues <script>alert(1)</script>" } },
        { id: "web", title: "Web", requires: ["basics"], exercises: ["slugify"], projects: ["tiny-api"] },
      ],
      exercises: [
        exercise(dir, "greet-user", "basics", "# Greet\n\nWrite `greet(name)`.\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))"),
        exercise(dir, "running-total", "basics", "# Running total"),
        exercise(dir, "slugify", "web", "# Slugify"),
      ],
      projects: [project],
    },
  ];
}

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  queue: DatabaseQueue;
  signals: Signals;
  config: Config;
  opened: OpenDatabase;
  dir: string;
  /** A worker over the same queue, driven by the test with runOnce(). */
  worker: Worker;
  close(): Promise<void>;
}

export async function buildTestApp(options: { config?: ConfigInput; grader?: JobGrader; webRoot?: string; catalog?: Catalog; gradingHealth?: GradingHealth; git?: Pick<AppDeps, "gitSandbox" | "pushWaitMs"> } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-server-"));
  const config = resolveConfig({ dataDir: join(dir, "data"), databaseUrl: `sqlite:${join(dir, "test.db")}`, builtinTrack: false, workers: 0, logLevel: "silent", ...options.config });
  const opened = await openDatabase(config.databaseUrl);
  const store = Store.from(opened);
  const signals = new Signals();
  const queue = new DatabaseQueue(store, { maxAttempts: config.limits.maxAttempts, signals });
  const catalog = options.catalog ?? new Catalog(testTracks(dir));
  const app = await buildApp({ config, store, queue, signals, catalog, webRoot: options.webRoot ?? join(dir, "no-web"), ...(options.gradingHealth === undefined ? {} : { gradingHealth: options.gradingHealth }), ...options.git });
  const worker = new Worker({ queue, store, grader: options.grader ?? fakeGrader, signals, leaseMs: 5000 });
  return {
    app,
    store,
    queue,
    signals,
    config,
    opened,
    dir,
    worker,
    async close() {
      await worker.stop();
      await app.close();
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The same app over a fresh database of the given dialect (for suites that loop over DIALECTS). */
export async function buildTestAppOn(dialect: DialectUnderTest, options: Parameters<typeof buildTestApp>[0] = {}): Promise<TestApp> {
  const database = await dialect.create();
  // The app opens its own connection; the suite's is not needed.
  await database.opened.close();
  const t = await buildTestApp({ ...options, config: { ...options.config, databaseUrl: database.url } });
  return {
    ...t,
    async close() {
      await t.close();
      await database.drop().catch(() => undefined);
    },
  };
}

export interface Client {
  user: { id: string; email: string; role: Role };
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

let counter = 0;
export function uniqueEmail(prefix = "learner"): string {
  return `${prefix}-${process.pid}-${++counter}@example.org`;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === "rw_session");
  if (cookie === undefined) throw new Error(`no session cookie in the response (${response.statusCode} ${response.body})`);
  return `rw_session=${cookie.value}`;
}

export async function signUp(app: FastifyInstance, email = uniqueEmail(), password = "correct horse battery"): Promise<Client> {
  const response = await app.inject({ method: "POST", url: "/api/auth/signup", payload: { email, name: "Test Learner", password } });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const body = response.json<{ user: Client["user"]; csrfToken: string }>();
  const cookie = sessionCookie(response);
  return { user: body.user, cookie, csrf: body.csrfToken, headers: { cookie, "x-csrf-token": body.csrfToken } };
}

/** A user with a role, created in the store directly, then logged in. */
export async function userWithRole(t: TestApp, role: Role): Promise<Client & { row: UserRow }> {
  const email = uniqueEmail(role);
  const row = await t.store.users.create({ email, name: role, passwordHash: await hashPassword("correct horse battery"), role });
  const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "correct horse battery" } });
  const body = response.json<{ csrfToken: string }>();
  const cookie = sessionCookie(response);
  return { row, user: { id: row.id, email, role }, cookie, csrf: body.csrfToken, headers: { cookie, "x-csrf-token": body.csrfToken } };
}

/** A multipart/form-data body with one file field. */
export function multipart(field: string, filename: string, data: Uint8Array, extra: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----roadwork${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(extra)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(Buffer.from(data));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A .tar.gz built by hand, so tests can write names and types no well-behaved tool would. */
export function tarGz(entries: Array<{ name: string; data?: string; type?: "0" | "1" | "2" | "5"; linkname?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? "");
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, "utf8");
    header.write("0000644\0", 100);
    header.write("0000000\0", 108);
    header.write("0000000\0", 116);
    header.write(`${(entry.type === "0" || entry.type === undefined ? data.length : 0).toString(8).padStart(11, "0")}\0`, 124);
    header.write("00000000000\0", 136);
    header.write("        ", 148);
    header.write(entry.type ?? "0", 156);
    if (entry.linkname) header.write(entry.linkname, 157, 100);
    header.write("ustar\0", 257);
    header.write("00", 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(header);
    if (entry.type === "0" || entry.type === undefined) {
      blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export function writeWebDist(dir: string): string {
  const root = join(dir, "web-dist");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), '<!doctype html><div id="app"></div><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(root, "assets", "app.js"), "console.log('roadwork')");
  return root;
}

/** Parses a text/event-stream body into events (`id` only where the event has one). */
export function parseEvents(body: string): Array<{ event: string; data: unknown; id?: string }> {
  return body
    .split("\n\n")
    .filter((block) => block.includes("event: "))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "null";
      const id = /^id: (.*)$/m.exec(block)?.[1];
      return { event, data: JSON.parse(data) as unknown, ...(id === undefined ? {} : { id }) };
    });
}

