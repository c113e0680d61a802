import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestAppOn, signUp, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

for (const dialect of DIALECTS) void describe(`track, steps, exercises and projects on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  before(async () => {
    t = await buildTestAppOn(dialect);
    ada = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  void it("should fail with status 401 unauthorized when the session is missing", async () => {
    for (const url of ["/api/track", "/api/tracks", "/api/exercises/greet-user", "/api/projects/tiny-api", "/api/steps/basics"]) {
      const response = await t.app.inject({ method: "GET", url });
      assert.equal(response.statusCode, 401, url);
      assert.equal(response.json().error.code, "UNAUTHORIZED");
    }
  });

  void it("should show visitors the track outline without a session and without progress", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/track/outline" });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.track.id, "test-track");
    assert.deepEqual(body.steps.map((s: { id: string; exercises: number; projects: number }) => [s.id, s.exercises, s.projects]), [["basics", 2, 0], ["web", 1, 1]]);
    assert.equal(JSON.stringify(body).includes("status"), false);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/track/outline?track=nope" })).statusCode, 404);
  });

  void it("should list the steps with upcoming and available status and suggest the first exercise", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/track", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.track.id, "test-track");
    assert.deepEqual(body.steps.map((s: { id: string; status: string }) => [s.id, s.status]), [["basics", "available"], ["web", "upcoming"]]);
    assert.deepEqual(body.steps[0].exercises.map((e: { id: string; passed: boolean }) => [e.id, e.passed]), [["greet-user", false], ["running-total", false]]);
    assert.deepEqual(body.steps[1].projects, [{ id: "tiny-api", title: "A tiny API", stages: 1, passed: false }]);
    assert.deepEqual(body.next, { stepId: "basics", item: { kind: "exercise", id: "greet-user" } });
    assert.equal(response.headers["cache-control"], "no-store");
  });

  void it("should mark a step done only from passing submissions and move the suggestion on", async () => {
    const bob = await signUp(t.app);
    for (const [item, status] of [["greet-user", "pass"], ["running-total", "fail"]] as const) {
      const s = await t.store.submissions.create({ userId: bob.user.id, itemKind: "exercise", itemId: item, source: "" });
      await t.store.submissions.recordVerdict(s.id, { version: 3, status, tests: [] });
    }
    let body = (await t.app.inject({ method: "GET", url: "/api/track", headers: { cookie: bob.cookie } })).json();
    assert.equal(body.steps[0].status, "available");
    assert.deepEqual(body.next, { stepId: "basics", item: { kind: "exercise", id: "running-total" } });
    const s = await t.store.submissions.create({ userId: bob.user.id, itemKind: "exercise", itemId: "running-total", source: "" });
    await t.store.submissions.recordVerdict(s.id, { version: 3, status: "pass", tests: [] });
    body = (await t.app.inject({ method: "GET", url: "/api/track", headers: { cookie: bob.cookie } })).json();
    assert.deepEqual(body.steps.map((x: { status: string }) => x.status), ["done", "available"]);
    assert.deepEqual(body.next, { stepId: "web", item: { kind: "exercise", id: "slugify" } });
  });

  void it("should reveal an exercise's hints one at a time, only after a first attempt", async () => {
    const carol = await signUp(t.app);
    const page = (await t.app.inject({ method: "GET", url: "/api/exercises/greet-user", headers: { cookie: carol.cookie } })).json();
    assert.equal(page.hintCount, 2);
    assert.equal(JSON.stringify(page).includes("first"), false, "the exercise page itself carries no hint text");
    const before = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/hints/1", headers: { cookie: carol.cookie } });
    assert.equal(before.statusCode, 403);
    assert.match(before.json().error.message, /after your first attempt/);
    const s = await t.store.submissions.create({ userId: carol.user.id, itemKind: "exercise", itemId: "greet-user", source: "" });
    await t.store.submissions.recordVerdict(s.id, { version: 3, status: "fail", tests: [] });
    const first = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/hints/1", headers: { cookie: carol.cookie } });
    assert.equal(first.statusCode, 200);
    assert.deepEqual(first.json(), { n: 1, of: 2, hintHtml: "<p>Look at the <em>first</em> line of greet-user.</p>\n" });
    const second = (await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/hints/2", headers: { cookie: carol.cookie } })).json();
    assert.doesNotMatch(second.hintHtml, /<b>/, "raw HTML in a hint is escaped");
    for (const n of ["3", "0", "x"]) assert.equal((await t.app.inject({ method: "GET", url: `/api/exercises/greet-user/hints/${n}`, headers: { cookie: carol.cookie } })).statusCode, 404, n);
    // An attempt at another exercise does not open these hints.
    assert.equal((await t.app.inject({ method: "GET", url: "/api/exercises/running-total/hints/1", headers: { cookie: carol.cookie } })).statusCode, 403);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/hints/1" })).statusCode, 401);
  });

  void it("should answer 404 for an unknown track", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/track?track=nope", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 404);
  });

  void it("should render an exercise README with raw HTML escaped and javascript: links dropped, plus the starter", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.match(body.readmeHtml, /<h1>Greet<\/h1>/);
    assert.match(body.readmeHtml, /<code>greet\(name\)<\/code>/);
    assert.doesNotMatch(body.readmeHtml, /<img/);
    assert.match(body.readmeHtml, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(body.readmeHtml, /javascript:/);
    assert.equal(body.starter, "def greet_user():\n    pass\n");
    assert.equal(body.stepId, "basics");
    assert.equal(body.solutionFile, "solution.py");
  });

  void it("should answer 404 for an unknown exercise or project", async () => {
    for (const url of ["/api/exercises/nope", "/api/projects/nope", "/api/steps/nope"]) {
      const response = await t.app.inject({ method: "GET", url, headers: { cookie: ada.cookie } });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().error.code, "NOT_FOUND");
    }
  });

  void it("should serve a step's lesson with raw HTML escaped", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/steps/basics", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    assert.match(response.json().lessonHtml, /&lt;script&gt;/);
    assert.doesNotMatch(response.json().lessonHtml, /<script>/);
  });

  void it("should serve a project with its stages' instructions rendered", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/projects/tiny-api", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.title, "A tiny API");
    assert.equal(body.stages[0].title, "Hello");
    assert.match(body.stages[0].instructionsHtml, /<code>GET \/<\/code>/);
  });

  void it("should offer a project's starter code as a .tar.gz under the project's name, without caches", async () => {
    const project = await t.app.inject({ method: "GET", url: "/api/projects/tiny-api", headers: { cookie: ada.cookie } });
    assert.deepEqual(project.json().starters, ["flask"]);
    const response = await t.app.inject({ method: "GET", url: "/api/projects/tiny-api/starter/flask.tar.gz", headers: { cookie: ada.cookie } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "application/gzip");
    assert.match(String(response.headers["content-disposition"]), /filename="tiny-api-flask\.tar\.gz"/);
    const names: string[] = [];
    const { Parser } = await import("tar");
    await new Promise<void>((resolve, reject) => {
      const parser = new Parser({ onReadEntry: (entry) => { names.push(entry.path); entry.resume(); } });
      parser.on("end", () => resolve());
      parser.on("error", reject);
      parser.end(response.rawPayload);
    });
    assert.ok(names.includes("tiny-api/app.py"), names.join(", "));
    assert.ok(!names.some((name) => name.includes("__pycache__")), names.join(", "));
    assert.equal((await t.app.inject({ method: "GET", url: "/api/projects/tiny-api/starter/django.tar.gz", headers: { cookie: ada.cookie } })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/projects/tiny-api/starter/flask.tar.gz" })).statusCode, 401);
  });

  void it("should list the loaded tracks", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/tracks", headers: { cookie: ada.cookie } });
    assert.deepEqual(response.json().tracks, [{ id: "test-track", title: "Test track", description: null, steps: 2 }]);
  });
});
