/**
 * Renames keep progress (issue 15): a learner passes "shout", asks for a review, saves a
 * draft, publishes the solution and joins a cohort of track "tiny"; the track is then edited
 * to rename the exercise to "yell" (`formerly: [shout]`) and the track to "tiny-track"
 * (`formerly: [tiny]`). After a reload (and, in the second test, after a restart) all of it
 * is there under the new ids. On SQLite and PostgreSQL.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { resolveConfig } from "../../src/config.js";
import { loadCatalog } from "../../src/server/catalog.js";
import { startServer } from "../../src/server/runtime.js";
import { openDatabase, Store } from "../../src/store/index.js";
import { DIALECTS } from "../store/dialects.js";
import { buildTestApp, buildTestAppOn, sessionCookie, signUp, userWithRole, type Client } from "./helpers.js";
import type { FastifyInstance } from "fastify";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "tracks");

/** Replaces the track folder's content with `fixture`'s, as a `git pull` of the renaming commit would. */
function checkOut(trackDir: string, fixture: string): void {
  rmSync(trackDir, { recursive: true, force: true });
  cpSync(join(FIXTURES, fixture), trackDir, { recursive: true });
}

type Roadmap = { track: { id: string }; steps: Array<{ exercises: Array<{ id: string; passed: boolean }> }> };
const passedOnRoadmap = async (app: FastifyInstance, who: Client): Promise<Record<string, boolean>> => {
  const response = await app.inject({ method: "GET", url: "/api/track", headers: who.headers });
  assert.equal(response.statusCode, 200, response.body);
  return Object.fromEntries(response.json<Roadmap>().steps.flatMap((s) => s.exercises).map((e) => [e.id, e.passed]));
};

void describe("a renamed exercise in the catalog", () => {
  void it("finds a job queued under the old id for grading, but serves pages under the new id only", async () => {
    const catalog = await loadCatalog([join(FIXTURES, "tiny-renamed")]);
    assert.equal(catalog.gradable.exercise("shout")?.exercise.config.id, "yell", "a job leased before its row moved still grades");
    assert.equal(catalog.exercise("shout"), undefined);
    assert.throws(() => catalog.requireExercise("shout"), /no exercise "shout": it was renamed to "yell"/);
    assert.throws(() => catalog.requireProject("shout"), (error: Error) => error.message === 'no project "shout"');
  });
});

void describe("a reload with a bad formerly:", () => {
  void it("is refused naming the file and line, and the running tracks and their progress stay", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-rename-bad-"));
    const trackDir = join(dir, "track");
    checkOut(trackDir, "tiny");
    const t = await buildTestApp({ config: { tracks: [trackDir] }, catalog: await loadCatalog([trackDir]) });
    try {
      const admin = await userWithRole(t, "admin");
      checkOut(trackDir, "tiny-renamed");
      const yaml = join(trackDir, "exercises", "yell", "exercise.yaml");
      writeFileSync(yaml, readFileSync(yaml, "utf8").replace("formerly: [shout]", "formerly: [shout, add-two]"));
      const reload = await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: admin.headers });
      assert.equal(reload.statusCode, 400, reload.body);
      assert.match(reload.json<{ error: { message: string } }>().error.message, /^the tracks were not reloaded \(the running ones stay\): .*yell\/exercise\.yaml:4: formerly: "add-two" is the current id of an exercise/);
      assert.equal((await t.app.inject({ method: "GET", url: "/api/exercises/shout", headers: admin.headers })).statusCode, 200, "still the running tracks");
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const dialect of DIALECTS) {
  void describe(`renaming an exercise and a track on ${dialect.name}`, { skip: dialect.skip }, () => {
    void it("keeps a learner's pass, history, draft, review, published solution and cohort across a reload", async () => {
      const dir = mkdtempSync(join(tmpdir(), "roadwork-rename-"));
      const trackDir = join(dir, "track");
      checkOut(trackDir, "tiny");
      const t = await buildTestAppOn(dialect, { config: { tracks: [trackDir] }, catalog: await loadCatalog([trackDir]) });
      try {
        const call = (method: "GET" | "POST" | "PUT", url: string, who: Client, payload?: object) => t.app.inject({ method, url, headers: who.headers, ...(payload === undefined ? {} : { payload }) });
        const [admin, mentor, learner, peer] = [await userWithRole(t, "admin"), await userWithRole(t, "mentor"), await signUp(t.app), await signUp(t.app)];
        const cohort = (await call("POST", "/api/cohorts", mentor, { name: "Spring", trackId: "tiny" })).json<{ cohort: { id: string; inviteCode: string } }>().cohort;
        assert.equal((await call("POST", `/api/cohorts/invite/${cohort.inviteCode}/join`, learner)).statusCode, 200);
        const submitted = await call("POST", "/api/exercises/shout/submissions", learner, { source: "def shout(s):\n    return s.upper() + '!'\n" });
        assert.equal(submitted.statusCode, 202, submitted.body);
        const submissionId = submitted.json<{ id: string }>().id;
        assert.equal(await t.worker.runOnce(), true);
        for (const who of [peer]) {
          assert.equal((await call("POST", "/api/exercises/shout/submissions", who, { source: "def shout(s):\n    return s.upper() + '!'\n" })).statusCode, 202);
          assert.equal(await t.worker.runOnce(), true);
        }
        assert.equal((await call("PUT", "/api/exercises/shout/draft", learner, { source: "# trying a second way" })).statusCode, 200);
        const review = await call("POST", `/api/submissions/${submissionId}/review`, learner, { question: "Is upper() enough?" });
        assert.equal(review.statusCode, 201, review.body);
        assert.equal((await call("POST", `/api/submissions/${submissionId}/publish`, learner)).statusCode, 200);
        assert.equal((await passedOnRoadmap(t.app, learner))["shout"], true);

        checkOut(trackDir, "tiny-renamed");
        const reload = await call("POST", "/api/admin/tracks/reload", admin);
        assert.equal(reload.statusCode, 200, reload.body);
        const summary = reload.json<{ removed: unknown; renamed: Array<{ kind: string; from: string; to: string; moved: Record<string, number> }> }>();
        assert.deepEqual(summary.removed, { exercises: [], projects: [] }, "renamed, not removed");
        assert.deepEqual(summary.renamed, [
          { kind: "track", from: "tiny", to: "tiny-track", moved: { submissions: 0, drafts: 0, published_solutions: 0, reviews: 0, cohorts: 1, git_repos: 0 } },
          { kind: "exercise", from: "shout", to: "yell", moved: { submissions: 2, drafts: 1, published_solutions: 1, reviews: 1, cohorts: 0, git_repos: 0 } },
        ]);

        assert.deepEqual(await passedOnRoadmap(t.app, learner), { "add-two": false, yell: true });
        const history = (await call("GET", "/api/exercises/yell/submissions", learner)).json<{ submissions: Array<{ id: string; itemId: string }> }>().submissions;
        assert.deepEqual(history.map((s) => [s.id, s.itemId]), [[submissionId, "yell"]]);
        assert.equal((await call("GET", "/api/exercises/yell/draft", learner)).json<{ source: string }>().source, "# trying a second way");
        assert.deepEqual((await call("GET", "/api/exercises/yell", learner)).json<{ formerly: string[] }>().formerly, ["shout"], "the page moves an edit kept in the browser under the old id");
        assert.equal((await call("GET", "/api/exercises/yell/hints/1", learner)).statusCode, 200, "hints stay open: the first attempt counts");
        const mine = (await call("GET", "/api/reviews", learner)).json<{ mine: Array<{ item: { id: string; title: string } }> }>().mine;
        assert.deepEqual(mine.map((r) => r.item), [{ kind: "exercise", id: "yell", title: "Shout" }]);
        const solutions = (await call("GET", "/api/exercises/yell/solutions", peer)).json<{ solutions: Array<{ submissionId: string }> }>().solutions;
        assert.deepEqual(solutions.map((s) => s.submissionId), [submissionId]);
        const dashboard = await call("GET", `/api/cohorts/${cohort.id}/dashboard`, mentor);
        assert.equal(dashboard.statusCode, 200, dashboard.body);
        assert.match(dashboard.body, /"yell"/);
        const csv = (await call("GET", "/api/admin/grades.csv", mentor)).body;
        assert.match(csv, new RegExp(`${learner.user.email},Test Learner,exercise,yell,1,yes,`));
        assert.doesNotMatch(csv, /,shout,/);
        const old = await call("GET", "/api/exercises/shout", learner);
        assert.equal(old.statusCode, 404, "pages answer to the new id only");
        assert.equal(old.json<{ error: { message: string } }>().error.message, 'no exercise "shout": it was renamed to "yell"');

        const again = await call("POST", "/api/admin/tracks/reload", admin);
        assert.ok(again.json<typeof summary>().renamed.every((r) => Object.values(r.moved).every((n) => n === 0)), "a second reload moves nothing");
      } finally {
        await t.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    void it("moves the progress at start-up when the rename came in while the server was stopped, and logs it", async () => {
      const dir = mkdtempSync(join(tmpdir(), "roadwork-rename-start-"));
      const trackDir = join(dir, "track");
      checkOut(trackDir, "tiny");
      const database = await dialect.create();
      await database.opened.close();
      const lines: string[] = [];
      const log = pino({ level: "info" }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
      const config = resolveConfig({ dataDir: join(dir, "data"), databaseUrl: database.url, tracks: [trackDir], builtinTrack: false, workers: 0, port: 0, host: "127.0.0.1", logLevel: "silent" });
      try {
        const first = await startServer(config, log);
        const learner = await signUp(first.app);
        const submitted = await first.app.inject({ method: "POST", url: "/api/exercises/shout/submissions", headers: learner.headers, payload: { source: "def shout(s):\n    return s.upper() + '!'\n" } });
        assert.equal(submitted.statusCode, 202, submitted.body);
        await first.close();
        // No grading worker ran (--workers 0): the verdict is written as a worker would.
        const opened = await openDatabase(database.url);
        await Store.from(opened).submissions.recordVerdict(submitted.json<{ id: string }>().id, { version: 3, status: "pass", tests: [] });
        await opened.close();

        checkOut(trackDir, "tiny-renamed");
        const second = await startServer(config, log);
        try {
          const login = await second.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: learner.user.email, password: "correct horse battery" } });
          const cookie = sessionCookie(login);
          const again: Client = { ...learner, cookie, headers: { cookie, "x-csrf-token": login.json<{ csrfToken: string }>().csrfToken } };
          assert.deepEqual(await passedOnRoadmap(second.app, again), { "add-two": false, yell: true });
          const history = (await second.app.inject({ method: "GET", url: "/api/exercises/yell/submissions", headers: again.headers })).json<{ submissions: unknown[] }>().submissions;
          assert.equal(history.length, 1);
        } finally {
          await second.close();
        }
        const said = lines.map((line) => JSON.parse(line) as { msg: string }).map((entry) => entry.msg);
        assert.ok(said.includes('renamed 1 submission from "shout" to "yell"'), said.join("\n"));
      } finally {
        await database.drop().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
