import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestAppOn, signUp, userWithRole, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

for (const dialect of DIALECTS) void describe(`drafts, progress and tokens on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  before(async () => {
    t = await buildTestAppOn(dialect, { config: { limits: { sourceBytes: 100 } } });
    ada = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  void it("should answer the starter as an unsaved draft, then the saved draft", async () => {
    const empty = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/draft", headers: { cookie: ada.cookie } });
    assert.deepEqual(empty.json(), { source: "def greet_user():\n    pass\n", saved: false, updatedAt: null });
    const put = await t.app.inject({ method: "PUT", url: "/api/exercises/greet-user/draft", headers: ada.headers, payload: { source: "def greet(): ..." } });
    assert.equal(put.statusCode, 200);
    const saved = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/draft", headers: { cookie: ada.cookie } });
    assert.equal(saved.json().source, "def greet(): ...");
    assert.equal(saved.json().saved, true);
    const bob = await signUp(t.app);
    const bobs = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/draft", headers: { cookie: bob.cookie } });
    assert.equal(bobs.json().saved, false, "drafts are per learner");
  });

  void it("should refuse a draft without CSRF (403), too large (413), for an unknown exercise (404), without session (401)", async () => {
    assert.equal((await t.app.inject({ method: "PUT", url: "/api/exercises/greet-user/draft", headers: { cookie: ada.cookie }, payload: { source: "x" } })).statusCode, 403);
    assert.equal((await t.app.inject({ method: "PUT", url: "/api/exercises/greet-user/draft", headers: ada.headers, payload: { source: "x".repeat(101) } })).statusCode, 413);
    assert.equal((await t.app.inject({ method: "PUT", url: "/api/exercises/nope/draft", headers: ada.headers, payload: { source: "x" } })).statusCode, 404);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/draft" })).statusCode, 401);
  });

  void it("should report progress: steps done, attempts per item and passes over time", async () => {
    const carol = await signUp(t.app);
    const day = (d: number) => Date.UTC(2026, 0, d, 12);
    for (const [item, status, when] of [["greet-user", "fail", day(1)], ["greet-user", "pass", day(2)], ["running-total", "pass", day(2)], ["slugify", "pass", day(5)]] as const) {
      const s = await t.store.submissions.create({ userId: carol.user.id, itemKind: "exercise", itemId: item, source: "" }, when);
      await t.store.submissions.recordVerdict(s.id, { version: 3, status, tests: [] }, when);
    }
    const response = await t.app.inject({ method: "GET", url: "/api/progress", headers: { cookie: carol.cookie } });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(body.tracks[0].stepsDone, ["basics"]);
    assert.equal(body.tracks[0].stepsTotal, 2);
    assert.deepEqual(body.tracks[0].next, { stepId: "web", item: { kind: "project", id: "tiny-api" } });
    assert.deepEqual(body.tracks[0].steps.map((s: { id: string; status: string; verified: number; total: number }) => [s.id, s.status, s.verified, s.total]), [["basics", "done", 2, 2], ["web", "available", 1, 2]]);
    const greet = body.items.find((i: { id: string }) => i.id === "greet-user");
    assert.deepEqual({ ...greet, firstPassedAt: undefined }, { kind: "exercise", id: "greet-user", attempts: 2, passed: true, lastStatus: "pass", firstPassedAt: undefined });
    assert.deepEqual(body.series, [
      { date: "2026-01-02", passed: 2 },
      { date: "2026-01-05", passed: 3 },
    ]);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/progress" })).statusCode, 401);
  });

  void it("should create, list and revoke API tokens, never showing a token twice", async () => {
    const created = await t.app.inject({ method: "POST", url: "/api/tokens", headers: ada.headers, payload: { name: "laptop" } });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    const list = await t.app.inject({ method: "GET", url: "/api/tokens", headers: { cookie: ada.cookie } });
    assert.equal(list.json().tokens.length, 1);
    assert.doesNotMatch(list.body, new RegExp(token));
    // A token may not mint tokens.
    const minted = await t.app.inject({ method: "POST", url: "/api/tokens", headers: { authorization: `Bearer ${token}` }, payload: { name: "x" } });
    assert.equal(minted.statusCode, 403);
    const revoked = await t.app.inject({ method: "DELETE", url: `/api/tokens/${encodeURIComponent(id)}`, headers: ada.headers });
    assert.equal(revoked.statusCode, 204);
    const after = await t.app.inject({ method: "GET", url: "/api/track", headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.statusCode, 401);
    assert.equal((await t.app.inject({ method: "POST", url: "/api/tokens", headers: { cookie: ada.cookie }, payload: { name: "x" } })).statusCode, 403);
  });
});

for (const dialect of DIALECTS) void describe(`admin and mentor routes on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let learner: Client;
  let mentor: Client;
  let admin: Client;
  before(async () => {
    t = await buildTestAppOn(dialect);
    learner = await signUp(t.app);
    mentor = await userWithRole(t, "mentor");
    admin = await userWithRole(t, "admin");
    const s = await t.store.submissions.create({ userId: learner.user.id, itemKind: "exercise", itemId: "greet-user", source: "=HYPERLINK(1)" }, Date.UTC(2026, 0, 3));
    await t.store.submissions.recordVerdict(s.id, { version: 3, status: "pass", tests: [] }, Date.UTC(2026, 0, 3));
  });
  after(async () => {
    await t?.close();
  });

  void it("should fail with 403 forbidden when a learner asks for admin routes", async () => {
    for (const url of ["/api/admin/users", `/api/admin/users/${learner.user.id}/submissions`, "/api/admin/grades.csv"]) {
      const response = await t.app.inject({ method: "GET", url, headers: { cookie: learner.cookie } });
      assert.equal(response.statusCode, 403, url);
      assert.equal(response.json().error.code, "FORBIDDEN");
    }
    assert.equal((await t.app.inject({ method: "GET", url: "/api/admin/users" })).statusCode, 401);
  });

  void it("should let a mentor list learners and read a learner's submissions", async () => {
    const users = await t.app.inject({ method: "GET", url: "/api/admin/users?role=learner", headers: { cookie: mentor.cookie } });
    assert.equal(users.statusCode, 200);
    assert.deepEqual(users.json().users.map((u: { id: string }) => u.id), [learner.user.id]);
    assert.equal(users.json().total, 1);
    const subs = await t.app.inject({ method: "GET", url: `/api/admin/users/${learner.user.id}/submissions`, headers: { cookie: mentor.cookie } });
    assert.equal(subs.statusCode, 200);
    assert.equal(subs.json().submissions[0].itemId, "greet-user");
  });

  void it("should export grades as CSV with formula-like cells defused", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/admin/grades.csv", headers: { cookie: mentor.cookie } });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^text\/csv/);
    const lines = response.body.trim().split("\r\n");
    assert.equal(lines[0], "email,name,kind,item,attempts,passed,first_passed_at,failing_attempts,last_attempt_at,cohorts");
    assert.equal(lines[1], `${learner.user.email},Test Learner,exercise,greet-user,1,yes,2026-01-03T00:00:00.000Z,0,2026-01-03T00:00:00.000Z,`);
  });

  void it("should let a mentor see a learner's progress, and answer 404 for an unknown user", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/admin/users/${learner.user.id}/progress`, headers: { cookie: mentor.cookie } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().user.id, learner.user.id);
    assert.deepEqual(response.json().items.map((i: { id: string; passed: boolean }) => [i.id, i.passed]), [["greet-user", true]]);
    assert.equal((await t.app.inject({ method: "GET", url: `/api/admin/users/${learner.user.id}/progress`, headers: { cookie: learner.cookie } })).statusCode, 403);
    assert.equal((await t.app.inject({ method: "GET", url: "/api/admin/users/nobody/progress", headers: { cookie: mentor.cookie } })).statusCode, 404);
  });

  void it("should count the learner's days in the time zone the mentor's page gives, as the learner's own page does", async () => {
    // An attempt at 02:00 UTC yesterday was made the day before in Los Angeles (18:00 or 19:00).
    const other = await signUp(t.app);
    const today = new Date();
    const at = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 1, 2);
    await t.store.submissions.create({ userId: other.user.id, itemKind: "exercise", itemId: "greet-user", source: "print(1)" }, at);
    const utcDay = new Date(at).toISOString().slice(0, 10);
    const laDay = new Date(at - 86_400_000).toISOString().slice(0, 10);
    const days = async (query: string): Promise<string[]> => {
      const response = await t.app.inject({ method: "GET", url: `/api/admin/users/${other.user.id}/progress${query}`, headers: { cookie: mentor.cookie } });
      assert.equal(response.statusCode, 200);
      return (response.json().activity.days as Array<{ date: string }>).map((day) => day.date);
    };
    assert.deepEqual(await days(""), [utcDay]);
    assert.deepEqual(await days("?tz=America%2FLos_Angeles"), [laDay]);
    assert.deepEqual(await days("?tz=Not%2FA_Zone"), [utcDay]);
  });

  void it("should let an admin create an account with a one-time password that logs in", async () => {
    const byMentor = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: mentor.headers, payload: { email: "new.learner@example.org", name: "New" } });
    assert.equal(byMentor.statusCode, 403);
    const created = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: admin.headers, payload: { email: "new.learner@example.org", name: "New" } });
    assert.equal(created.statusCode, 201);
    const { user, password } = created.json();
    assert.equal(user.role, "learner");
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "new.learner@example.org", password } });
    assert.equal(login.statusCode, 200);
    const again = await t.app.inject({ method: "POST", url: "/api/admin/users", headers: admin.headers, payload: { email: "new.learner@example.org", name: "New" } });
    assert.equal(again.statusCode, 409);
  });

  void it("should let only an admin change roles, with CSRF", async () => {
    const byMentor = await t.app.inject({ method: "PATCH", url: `/api/admin/users/${learner.user.id}`, headers: mentor.headers, payload: { role: "mentor" } });
    assert.equal(byMentor.statusCode, 403);
    const noCsrf = await t.app.inject({ method: "PATCH", url: `/api/admin/users/${learner.user.id}`, headers: { cookie: admin.cookie }, payload: { role: "mentor" } });
    assert.equal(noCsrf.statusCode, 403);
    const byAdmin = await t.app.inject({ method: "PATCH", url: `/api/admin/users/${learner.user.id}`, headers: admin.headers, payload: { role: "mentor" } });
    assert.equal(byAdmin.statusCode, 200);
    assert.equal(byAdmin.json().user.role, "mentor");
    const self = await t.app.inject({ method: "PATCH", url: `/api/admin/users/${admin.user.id}`, headers: admin.headers, payload: { role: "learner" } });
    assert.equal(self.statusCode, 409);
    const badRole = await t.app.inject({ method: "PATCH", url: `/api/admin/users/${learner.user.id}`, headers: admin.headers, payload: { role: "god" } });
    assert.equal(badRole.statusCode, 400);
  });
});
