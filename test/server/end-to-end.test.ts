/**
 * End to end in one process with the real pieces: the built-in track, the sandbox and the
 * exercise grader (warm pool). Sign up, submit, an in-process worker grades, and the SSE
 * stream delivers the verdict.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { buildTestApp, multipart, parseEvents, signUp, type TestApp } from "./helpers.js";
import { loadCatalog } from "../../src/server/catalog.js";
import { BUILTIN_TRACK } from "../../src/server/runtime.js";
import { gradingConfigFromEnv } from "../../src/grading-config.js";
import { createSandboxBackend, type GradingBackend } from "../../src/worker/backend.js";
import { createJobGrader } from "../../src/worker/grade-job.js";
import { startWorkers } from "../../src/queue/worker.js";

let backend: GradingBackend | undefined;
let skip: string | undefined;
try {
  backend = await createSandboxBackend({ warm: 1, grading: gradingConfigFromEnv(process.env) });
} catch (error) {
  skip = `the sandbox is not available on this machine: ${(error as Error).message}`;
}

const exerciseDir = join(BUILTIN_TRACK, "exercises", "running-total");

void describe("end to end: sign up, submit, grade in the sandbox, verdict over SSE", { skip }, () => {
  let t: TestApp;
  let stop: () => Promise<void>;
  before(async () => {
    const catalog = await loadCatalog([BUILTIN_TRACK]);
    t = await buildTestApp({ catalog });
    const grader = createJobGrader({ items: catalog, backend: backend! });
    ({ stop } = startWorkers(1, { queue: t.queue, store: t.store, grader, signals: t.signals, leaseMs: 30_000 }));
  });
  after(async () => {
    await stop?.();
    await backend?.close();
    await t?.close();
  });

  async function submitAndFollow(source: string): Promise<{ events: Array<{ event: string; data: unknown }>; id: string }> {
    const client = await signUp(t.app);
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/running-total/submissions", headers: client.headers, payload: { source } });
    assert.equal(response.statusCode, 202, response.body);
    const { id, eventsUrl } = response.json<{ id: string; eventsUrl: string }>();
    const stream = await t.app.inject({ method: "GET", url: eventsUrl, headers: { cookie: client.cookie } });
    return { events: parseEvents(stream.body), id };
  }

  void it("should pass the reference solution, streaming each test before done", async () => {
    const { events, id } = await submitAndFollow(readFileSync(join(exerciseDir, "solution.py"), "utf8"));
    const names = events.map((e) => e.event);
    assert.equal(names[0], "queued");
    assert.equal(names.at(-1), "done");
    const tests = events.filter((e) => e.event === "test");
    assert.ok(tests.length >= 1);
    assert.ok(tests.every((e) => (e.data as { status: string }).status === "pass"));
    const done = events.at(-1)?.data as { status: string; report: { tests: unknown[] } };
    assert.equal(done.status, "pass", JSON.stringify(done));
    assert.equal(done.report.tests.length, tests.length);
    assert.equal((await t.store.submissions.byId(id))?.status, "pass");
  });

  void it("should fail a wrong solution with a message for the learner", async () => {
    const bad = readdirSync(join(exerciseDir, "bad")).filter((f) => f.endsWith(".py"))[0];
    assert.ok(bad, "running-total has bad solutions");
    const { events } = await submitAndFollow(readFileSync(join(exerciseDir, "bad", bad), "utf8"));
    const done = events.at(-1)?.data as { status: string; report: { tests: Array<{ status: string; message?: string }> } };
    assert.equal(done.status, "fail");
    assert.ok(done.report.tests.some((test) => test.status !== "pass" && (test.message ?? "").length > 0));
  });
});

void describe("end to end: a project upload graded stage by stage by the project runner", { skip }, () => {
  let t: TestApp;
  let stop: () => Promise<void>;
  let projectBackend: GradingBackend | undefined;
  before(async () => {
    const catalog = await loadCatalog([BUILTIN_TRACK]);
    t = await buildTestApp({ catalog });
    projectBackend = await createSandboxBackend({ warm: 0, grading: gradingConfigFromEnv(process.env) });
    ({ stop } = startWorkers(1, { queue: t.queue, store: t.store, grader: createJobGrader({ items: catalog, backend: projectBackend }), signals: t.signals, leaseMs: 60_000 }));
  });
  after(async () => {
    await stop?.();
    await projectBackend?.close();
    await t?.close();
  });

  void it("should pass the Flask reference app of task-tracker uploaded as a .zip, with a test event per check", async () => {
    const { zipSync } = await import("fflate");
    const appDir = join(BUILTIN_TRACK, "projects", "task-tracker", "reference", "flask");
    const files: Record<string, Uint8Array> = {};
    const walk = (dir: string, prefix: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "__pycache__") continue;
        if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        else files[`task-tracker/${prefix}${entry.name}`] = readFileSync(join(dir, entry.name));
      }
    };
    walk(appDir, "");
    const client = await signUp(t.app);
    const body = multipart("archive", "task-tracker.zip", zipSync(files));
    const response = await t.app.inject({ method: "POST", url: "/api/projects/task-tracker/submissions", headers: { ...client.headers, ...body.headers }, payload: body.payload });
    assert.equal(response.statusCode, 202, response.body);
    const stream = await t.app.inject({ method: "GET", url: response.json<{ eventsUrl: string }>().eventsUrl, headers: { cookie: client.cookie } });
    const events = parseEvents(stream.body);
    const done = events.at(-1)?.data as { status: string; report: { tests: unknown[]; message?: string } };
    assert.equal(events.at(-1)?.event, "done");
    assert.equal(done.status, "pass", JSON.stringify(done.report).slice(0, 2000));
    assert.equal(events.filter((e) => e.event === "test").length, done.report.tests.length);
    const track = (await t.app.inject({ method: "GET", url: "/api/track", headers: { cookie: client.cookie } })).json<{ steps: Array<{ projects: Array<{ id: string; passed: boolean }> }> }>();
    assert.ok(track.steps.some((s) => s.projects.some((p) => p.id === "task-tracker" && p.passed)));
  });
});
