/**
 * Cohorts over HTTP: creating one, joining by the invite link, the dashboard and its "stuck"
 * learners, the timeline, per-cohort mentors and the CSV. Every cohort route is refused to a
 * learner of another cohort, to a learner of this one, and to a signed-out user.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestAppOn, signUp, userWithRole, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

const DAY = 86_400_000;

for (const dialect of DIALECTS) void describe(`cohorts on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let mentor: Client;
  let admin: Client;
  let ada: Client;
  let bob: Client;
  let other: Client;
  let cohort: { id: string; inviteCode: string; inviteUrl: string };
  before(async () => {
    t = await buildTestAppOn(dialect);
    mentor = await userWithRole(t, "mentor");
    admin = await userWithRole(t, "admin");
    ada = await signUp(t.app);
    bob = await signUp(t.app);
    other = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  const call = (method: "GET" | "POST" | "PATCH", url: string, client?: Client, payload?: object) =>
    t.app.inject({ method, url, ...(client === undefined ? {} : { headers: client.headers }), ...(payload === undefined ? {} : { payload }) });

  async function submit(client: Client, source: string, exercise = "greet-user"): Promise<void> {
    const response = await call("POST", `/api/exercises/${exercise}/submissions`, client, { source });
    assert.equal(response.statusCode, 202, response.body);
    assert.equal(await t.worker.runOnce(), true);
  }

  void it("lets a mentor create a cohort, but not a learner", async () => {
    assert.equal((await call("POST", "/api/cohorts", ada, { name: "Nope" })).statusCode, 403);
    const created = await call("POST", "/api/cohorts", mentor, { name: "Spring 2026" });
    assert.equal(created.statusCode, 201, created.body);
    cohort = created.json().cohort;
    assert.equal(cohort.inviteUrl, `/join/${cohort.inviteCode}`);
    assert.ok(cohort.inviteCode.length >= 20, "the code is long enough not to be guessed");
  });

  void it("joins learners by the invite link; an unknown code is 404", async () => {
    assert.equal((await call("GET", "/api/cohorts/invite/nope")).statusCode, 401);
    assert.equal((await call("GET", "/api/cohorts/invite/not-a-code", ada)).statusCode, 404);
    const preview = (await call("GET", `/api/cohorts/invite/${cohort.inviteCode}`, ada)).json();
    assert.equal(preview.cohort.name, "Spring 2026");
    assert.equal(preview.myRole, null);
    assert.equal(preview.cohort.inviteCode, undefined, "a learner is not handed the code to pass on");
    for (const learner of [ada, bob]) assert.equal((await call("POST", `/api/cohorts/invite/${cohort.inviteCode}/join`, learner)).json().myRole, "learner");
    const otherCohort = (await call("POST", "/api/cohorts", admin, { name: "Other" })).json().cohort;
    await call("POST", `/api/cohorts/invite/${otherCohort.inviteCode}/join`, other);
    assert.deepEqual((await call("GET", "/api/cohorts", ada)).json().cohorts.map((c: { name: string; myRole: string }) => [c.name, c.myRole]), [["Spring 2026", "learner"]]);
  });

  void it("refuses every cohort route to a learner of another cohort, a learner of this one, and a signed-out user", async () => {
    const routes: Array<["GET" | "POST" | "PATCH", string, object?]> = [
      ["GET", `/api/cohorts/${cohort.id}/dashboard`],
      ["GET", `/api/cohorts/${cohort.id}/learners/${ada.user.id}`],
      ["GET", `/api/cohorts/${cohort.id}/members`],
      ["GET", `/api/cohorts/${cohort.id}/grades.csv`],
      ["POST", `/api/cohorts/${cohort.id}/mentors`, { email: other.user.email }],
      ["PATCH", `/api/cohorts/${cohort.id}/members/${ada.user.id}`, { role: "mentor" }],
    ];
    for (const [method, url, payload] of routes) {
      assert.equal((await call(method, url, other, payload)).statusCode, 403, `another cohort's learner: ${method} ${url}`);
      assert.equal((await call(method, url, bob, payload)).statusCode, 403, `this cohort's learner: ${method} ${url}`);
      assert.equal((await call(method, url, undefined, payload)).statusCode, 401, `signed out: ${method} ${url}`);
    }
    const otherMentor = await userWithRole(t, "mentor");
    assert.equal((await call("GET", `/api/cohorts/${cohort.id}/dashboard`, otherMentor)).statusCode, 403, "a mentor of no cohort here sees nothing");
  });

  void it("shows the dashboard with passes, failing attempts and who is stuck", async () => {
    await submit(ada, "def greet(n):\n    return n\n");
    for (let i = 0; i < 3; i++) await submit(bob, "def greet(n): pass");
    await submit(other, "def greet(n): pass");
    const response = await call("GET", `/api/cohorts/${cohort.id}/dashboard`, mentor);
    assert.equal(response.statusCode, 200, response.body);
    const data = response.json();
    assert.deepEqual(data.items.map((i: { id: string }) => i.id), ["greet-user", "running-total", "slugify", "tiny-api"]);
    assert.deepEqual(data.learners.map((l: { id: string }) => l.id).sort(), [ada.user.id, bob.user.id].sort(), "only this cohort's learners, not its mentor");
    const byId = new Map(data.learners.map((l: { id: string }) => [l.id, l]));
    type Row = { cells: string; fails: number[]; days: Array<number | null>; passed: number; stuck: boolean; stuckReasons: string[] };
    const a = byId.get(ada.user.id) as Row;
    const b = byId.get(bob.user.id) as Row;
    assert.deepEqual([a.cells, a.fails, a.days], ["p---", [0, 0, 0, 0], [0, null, null, null]]);
    assert.equal(a.stuck, false);
    assert.deepEqual([b.cells, b.fails, b.days], ["s---", [3, 0, 0, 0], [0, null, null, null]]);
    assert.equal(b.stuck, true);
    assert.match(b.stuckReasons.join(" "), /3\+ failing attempts on Exercise greet-user/);
  });

  void it("marks a learner stuck after a week without a new pass", async () => {
    // Eight days ago, as far as the database knows: every attempt and every joining moved back.
    await t.store.db.updateTable("submissions").set((eb) => ({ created_at: eb("created_at", "-", 8 * DAY), graded_at: eb("graded_at", "-", 8 * DAY) })).execute();
    await t.store.db.updateTable("cohort_members").set((eb) => ({ joined_at: eb("joined_at", "-", 8 * DAY) })).execute();
    const data = (await call("GET", `/api/cohorts/${cohort.id}/dashboard`, mentor)).json();
    const a = data.learners.find((l: { id: string }) => l.id === ada.user.id);
    assert.equal(a.stuck, true);
    assert.match(a.stuckReasons.join(" "), /no new pass for 8 days/);
    assert.equal(a.daysSinceActivity, 8);
  });

  void it("shows a learner's timeline, and 404 for someone who is not a learner of the cohort", async () => {
    const data = (await call("GET", `/api/cohorts/${cohort.id}/learners/${bob.user.id}`, mentor)).json();
    assert.equal(data.timeline.length, 3);
    assert.deepEqual(Object.keys(data.timeline[0]).sort(), ["createdAt", "itemId", "itemKind", "itemTitle", "status", "submissionId", "testsPassed", "testsTotal"]);
    assert.equal(data.timeline[0].status, "fail");
    assert.equal((await call("GET", `/api/cohorts/${cohort.id}/learners/${other.user.id}`, mentor)).statusCode, 404);
  });

  void it("lets an admin make someone a mentor of this cohort only; a mentor cannot", async () => {
    assert.equal((await call("POST", `/api/cohorts/${cohort.id}/mentors`, mentor, { email: other.user.email })).statusCode, 403);
    const granted = await call("POST", `/api/cohorts/${cohort.id}/mentors`, admin, { email: other.user.email });
    assert.equal(granted.statusCode, 200, granted.body);
    assert.equal((await call("GET", `/api/cohorts/${cohort.id}/dashboard`, other)).statusCode, 200);
    assert.equal((await call("PATCH", `/api/cohorts/${cohort.id}/members/${other.user.id}`, admin, { role: "learner" })).statusCode, 200);
    assert.equal((await call("GET", `/api/cohorts/${cohort.id}/dashboard`, other)).statusCode, 403, "the role was taken back");
    assert.equal((await call("POST", `/api/cohorts/${cohort.id}/mentors`, admin, { email: "nobody@example.org" })).statusCode, 404);
  });

  void it("exports the dashboard as CSV, one row per learner and item", async () => {
    const response = await call("GET", `/api/cohorts/${cohort.id}/grades.csv`, mentor);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^text\/csv/);
    const lines = response.body.trim().split("\r\n");
    assert.equal(lines[0], "email,name,kind,item,state,failing_attempts,days_since_last_attempt,learner_stuck,learner_days_since_activity");
    assert.equal(lines.length, 1 + 3 * 4, "three learners (other joined back as a learner) x four items");
    assert.ok(lines.includes(`${bob.user.email},Test Learner,exercise,greet-user,stuck,3,8,yes,8`), lines.join("\n"));
  });

  void it("adds failing attempts, the last attempt and the learner's cohorts to the site-wide grade export", async () => {
    const lines = (await call("GET", "/api/admin/grades.csv", mentor)).body.trim().split("\r\n");
    assert.equal(lines[0], "email,name,kind,item,attempts,passed,first_passed_at,failing_attempts,last_attempt_at,cohorts");
    const bobs = lines.find((line) => line.startsWith(`${bob.user.email},`)) ?? "";
    assert.match(bobs, /^[^,]+,Test Learner,exercise,greet-user,3,no,,3,\d{4}-\d\d-\d\dT[^,]+,Spring 2026$/);
  });
});
