import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { fakeJobGrader } from "../worker/fakes.js";
import { buildTestApp, buildTestAppOn, parseEvents, signUp, userWithRole, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

for (const dialect of DIALECTS) void describe(`exercise submissions on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  let bob: Client;
  before(async () => {
    t = await buildTestAppOn(dialect, { config: { limits: { sourceBytes: 1024 } } });
    ada = await signUp(t.app);
    bob = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  async function submit(client: Client, source: string, exercise = "greet-user"): Promise<string> {
    const response = await t.app.inject({ method: "POST", url: `/api/exercises/${exercise}/submissions`, headers: client.headers, payload: { source } });
    assert.equal(response.statusCode, 202, response.body);
    return response.json<{ id: string }>().id;
  }

  void it("should queue a submission with 202 and grade it through a worker", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "def greet(n):\n    return 1\n" } });
    assert.equal(response.statusCode, 202);
    const { id, status, eventsUrl } = response.json();
    assert.equal(status, "queued");
    assert.equal(eventsUrl, `/api/submissions/${id}/events`);
    const before = (await t.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: { cookie: ada.cookie } })).json();
    assert.equal(before.status, "queued");
    assert.equal(before.report, null);
    assert.equal(await t.worker.runOnce(), true);
    const after = (await t.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: { cookie: ada.cookie } })).json();
    assert.equal(after.status, "pass");
    assert.equal(after.report.tests.length, 2);
    assert.equal(after.source, "def greet(n):\n    return 1\n");
    assert.ok(after.gradedAt);
  });

  void it("should fail with 401 without a session and 403 without the CSRF token", async () => {
    const anonymous = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", payload: { source: "x" } });
    assert.equal(anonymous.statusCode, 401);
    const forged = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: { cookie: ada.cookie }, payload: { source: "x" } });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().error.code, "FORBIDDEN");
  });

  void it("should refuse a source over the limit with 413 and a missing source with 400", async () => {
    const big = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "x".repeat(1025) } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, "PAYLOAD_TOO_LARGE");
    const missing = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: {} });
    assert.equal(missing.statusCode, 400);
  });

  void it("should answer 404 when submitting to an unknown exercise", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/nope/submissions", headers: ada.headers, payload: { source: "x" } });
    assert.equal(response.statusCode, 404);
  });

  void it("should not let a learner read another learner's submission (404), but a mentor may", async () => {
    const id = await submit(ada, "secret solution");
    const other = await t.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: { cookie: bob.cookie } });
    assert.equal(other.statusCode, 404);
    assert.doesNotMatch(other.body, /secret solution/);
    const events = await t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: bob.cookie } });
    assert.equal(events.statusCode, 404);
    const mentor = await userWithRole(t, "mentor");
    const seen = await t.app.inject({ method: "GET", url: `/api/submissions/${id}`, headers: { cookie: mentor.cookie } });
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.json().source, "secret solution");
    while (await t.worker.runOnce());
  });

  void it("should list a learner's own attempt history only, newest first", async () => {
    const carol = await signUp(t.app);
    const first = await submit(carol, "first", "running-total");
    const second = await submit(carol, "second", "running-total");
    await submit(bob, "bob's", "running-total");
    const response = await t.app.inject({ method: "GET", url: "/api/exercises/running-total/submissions", headers: { cookie: carol.cookie } });
    assert.equal(response.statusCode, 200);
    const ids = response.json().submissions.map((s: { id: string }) => s.id);
    assert.deepEqual(new Set(ids), new Set([first, second]));
    assert.equal(ids.length, 2);
    while (await t.worker.runOnce());
  });

  void it("should stream queued, running, one event per test and done over SSE", async () => {
    const id = await submit(ada, "def greet(n): pass");
    // The worker grades while the stream is open; the in-process signal wakes the stream.
    const stream = t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: ada.cookie } });
    setTimeout(() => void t.worker.runOnce(), 50);
    const response = await stream;
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^text\/event-stream/);
    const events = parseEvents(response.body);
    assert.deepEqual(events.map((e) => e.event), ["queued", "running", "test", "test", "done"]);
    assert.deepEqual(events[2]?.data, { index: 0, name: "test_greets_ada", status: "pass" });
    assert.equal((events[3]?.data as { status: string }).status, "fail");
    assert.match((events[3]?.data as { message: string }).message, /expected 'Hello, World!'/);
    const done = events[4]?.data as { status: string; report: { tests: unknown[] } };
    assert.equal(done.status, "fail");
    assert.equal(done.report.tests.length, 2);
  });

  void it("should stream the verdict at once for a submission graded earlier", async () => {
    const id = await submit(ada, "return 1");
    await t.worker.runOnce();
    const response = await t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: ada.cookie } });
    assert.deepEqual(parseEvents(response.body).map((e) => e.event), ["queued", "running", "test", "test", "done"]);
  });

  void it("should stream test results stored while grading, before the verdict", async () => {
    const id = await submit(ada, "return 2");
    const lease = await t.queue.lease("manual", 5000);
    assert.equal(lease?.submissionId, id);
    await t.store.submissionTests.record(id, 0, { name: "test_first", status: "pass" });
    const stream = t.app.inject({ method: "GET", url: `/api/submissions/${id}/events`, headers: { cookie: ada.cookie } });
    setTimeout(() => void t.queue.complete(lease!, { version: 3, status: "pass", tests: [{ name: "test_first", status: "pass" }, { name: "test_second", status: "pass" }] }), 80);
    const events = parseEvents((await stream).body);
    assert.deepEqual(events.map((e) => [e.event, (e.data as { name?: string }).name]), [
      ["queued", undefined],
      ["running", undefined],
      ["test", "test_first"],
      ["test", "test_second"],
      ["done", undefined],
    ]);
  });

  void it("should end open streams when the app closes, so that closing does not wait for verdicts", { timeout: 20_000 }, async () => {
    const other = await buildTestApp();
    try {
      const client = await signUp(other.app);
      const response = await other.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source: "never graded" } });
      const stream = other.app.inject({ method: "GET", url: response.json().eventsUrl, headers: { cookie: client.cookie } });
      await new Promise((r) => setTimeout(r, 100));
      await other.app.close();
      const events = parseEvents((await stream).body);
      assert.deepEqual(events.map((e) => e.event), ["queued"]);
    } finally {
      await other.close();
    }
  });

  void it("should accept a submission with a Bearer API token and no CSRF token", async () => {
    const created = await t.app.inject({ method: "POST", url: "/api/tokens", headers: ada.headers, payload: { name: "laptop" } });
    assert.equal(created.statusCode, 201);
    const { token } = created.json();
    assert.match(token, /^rw_/);
    const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: { authorization: `Bearer ${token}` }, payload: { source: "return 3" } });
    assert.equal(response.statusCode, 202);
    const read = await t.app.inject({ method: "GET", url: `/api/submissions/${response.json().id}`, headers: { cookie: ada.cookie } });
    assert.equal(read.json().userId, ada.user.id);
    const bad = await t.app.inject({ method: "GET", url: "/api/track", headers: { authorization: "Bearer rw_not-a-real-token" } });
    assert.equal(bad.statusCode, 401);
    while (await t.worker.runOnce());
  });

  void it("should refuse a learner's submission with 429 while too many of theirs wait for a verdict", async () => {
    const dave = await signUp(t.app);
    for (let i = 0; i < 5; i++) await submit(dave, `attempt ${i}`);
    const sixth = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: dave.headers, payload: { source: "one more" } });
    assert.equal(sixth.statusCode, 429);
    assert.equal(sixth.json().error.code, "RATE_LIMITED");
    // Someone else is not held up by it.
    await submit(bob, "bob's turn");
    while (await t.worker.runOnce());
    await submit(dave, "after the verdicts");
    while (await t.worker.runOnce());
  });

  void it("should give a submission an error verdict when grading keeps breaking", async () => {
    const broken = await buildTestApp({ config: { limits: { maxAttempts: 1 } }, grader: fakeJobGrader(() => Promise.reject(new Error("sandbox exploded"))) });
    try {
      const client = await signUp(broken.app);
      const response = await broken.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source: "x" } });
      await broken.worker.runOnce();
      const read = (await broken.app.inject({ method: "GET", url: `/api/submissions/${response.json().id}`, headers: { cookie: client.cookie } })).json();
      assert.equal(read.status, "error");
      assert.match(read.report.message, /sandbox exploded/);
      assert.match(read.report.message, /not in your code/);
    } finally {
      await broken.close();
    }
  });
});
