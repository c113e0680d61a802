import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DIALECTS, type TestDatabase } from "./dialects.js";
import { isRoadworkError } from "../../src/errors.js";

for (const dialect of DIALECTS) {
  void describe(`store on ${dialect.name}`, { skip: dialect.skip }, () => {
    let t: TestDatabase;
    before(async () => {
      t = await dialect.create();
    });
    after(async () => {
      await t?.drop();
    });

    void it("creates a user and finds them by email regardless of case", async () => {
      const user = await t.store.users.create({ email: "Ada@Example.org", name: "Ada", passwordHash: "h", role: "learner" });
      assert.equal(user.email, "ada@example.org");
      const found = await t.store.users.byEmail("ADA@example.org");
      assert.equal(found?.id, user.id);
      assert.equal(typeof found?.created_at, "number");
    });

    void it("stores a project archive's bytes with the submission, unchanged, and leaves them out of listings", async () => {
      const user = await t.store.users.create({ email: "archive@example.org", name: "A", passwordHash: "h", role: "learner" });
      // Every byte value, and NUL bytes, so that no text conversion can slip through.
      const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
      const created = await t.store.submissions.create({ userId: user.id, itemKind: "project", itemId: "tiny-api", archive: new Uint8Array(bytes) });
      assert.equal(created.archive_path, null);
      const stored = await t.store.submissions.archiveOf(created.id);
      assert.ok(stored !== null);
      assert.equal(Buffer.compare(stored, bytes), 0);
      const row = await t.store.submissions.byId(created.id);
      assert.equal(row?.id, created.id);
      assert.equal("archive" in (row ?? {}), false);
      const [listed] = await t.store.submissions.history(user.id, "tiny-api");
      assert.equal("archive" in (listed ?? {}), false);
      const exercise = await t.store.submissions.create({ userId: user.id, itemKind: "exercise", itemId: "greet-user", source: "x" });
      assert.equal(await t.store.submissions.archiveOf(exercise.id), null);
    });

    void it("records the commit a git push graded, and none for an upload", async () => {
      const user = await t.store.users.create({ email: "pusher@example.org", name: "P", passwordHash: "h", role: "learner" });
      const commit = "0123456789abcdef0123456789abcdef01234567";
      const pushed = await t.store.submissions.create({ userId: user.id, itemKind: "project", itemId: "tiny-api", archive: new Uint8Array([1]), commitId: commit });
      const uploaded = await t.store.submissions.create({ userId: user.id, itemKind: "project", itemId: "tiny-api", archive: new Uint8Array([1]) });
      assert.equal((await t.store.submissions.byId(pushed.id))?.commit_id, commit);
      assert.equal((await t.store.submissions.byId(uploaded.id))?.commit_id, null);
      const listed = await t.store.submissions.history(user.id, "tiny-api");
      assert.deepEqual(listed.map((s) => s.commit_id).sort(), [commit, null].sort());
    });

    void it("keeps a project submission stored before archives went into the database readable by its folder", async () => {
      const user = await t.store.users.create({ email: "legacy@example.org", name: "L", passwordHash: "h", role: "learner" });
      await t.store.db
        .insertInto("submissions")
        .values({ id: "legacy-1", user_id: user.id, item_kind: "project", item_id: "tiny-api", source: null, archive_path: "/srv/data/uploads/legacy-1", status: "queued", report: null, created_at: 1, graded_at: null, duration_ms: null })
        .execute();
      assert.equal((await t.store.submissions.byId("legacy-1"))?.archive_path, "/srv/data/uploads/legacy-1");
      assert.equal(await t.store.submissions.archiveOf("legacy-1"), null);
    });

    void it("refuses a second account with the same email with CONFLICT", async () => {
      await t.store.users.create({ email: "twice@example.org", name: "A", passwordHash: "h", role: "learner" });
      await assert.rejects(
        t.store.users.create({ email: "TWICE@example.org", name: "B", passwordHash: "h", role: "learner" }),
        (error: unknown) => isRoadworkError(error) && error.code === "CONFLICT",
      );
    });

    void it("finds a session by its token until it expires, and never stores the token itself", async () => {
      const user = await t.store.users.create({ email: "sess@example.org", name: "S", passwordHash: "h", role: "mentor" });
      const issued = await t.store.sessions.create(user.id, 1000, 10_000);
      const found = await t.store.sessions.find(issued.token, 10_500);
      assert.equal(found?.user.id, user.id);
      assert.equal(found?.user.role, "mentor");
      assert.equal(found?.session.csrf_token, issued.csrfToken);
      assert.notEqual(found?.session.id, issued.token);
      assert.equal(await t.store.sessions.find(issued.token, 11_001), undefined);
      assert.equal(await t.store.sessions.find("not-a-token", 10_500), undefined);
    });

    void it("resolves an API token to its user and forgets it when deleted", async () => {
      const user = await t.store.users.create({ email: "tok@example.org", name: "T", passwordHash: "h", role: "learner" });
      const { token, info } = await t.store.tokens.create(user.id, "laptop");
      assert.match(token, /^rw_/);
      assert.equal((await t.store.tokens.findUser(token))?.id, user.id);
      assert.equal(await t.store.tokens.delete(user.id, info.id), true);
      assert.equal(await t.store.tokens.findUser(token), undefined);
    });

    void it("stores submissions, verdicts, attempt history and passed items", async () => {
      const user = await t.store.users.create({ email: "sub@example.org", name: "Sub", passwordHash: "h", role: "learner" });
      const first = await t.store.submissions.create({ userId: user.id, itemKind: "exercise", itemId: "greet-user", source: "x = 1" }, 1000);
      const second = await t.store.submissions.create({ userId: user.id, itemKind: "exercise", itemId: "greet-user", source: "x = 2" }, 2000);
      await t.store.submissions.recordVerdict(first.id, { version: 3, status: "fail", tests: [] }, 1500);
      await t.store.submissions.recordVerdict(second.id, { version: 3, status: "pass", tests: [{ name: "t", status: "pass" }], duration_ms: 42 }, 2500);
      const history = await t.store.submissions.history(user.id, "greet-user");
      assert.deepEqual(history.map((s) => s.id), [second.id, first.id]);
      assert.equal(history[0]?.status, "pass");
      assert.equal(history[0]?.duration_ms, 42);
      assert.deepEqual(JSON.parse(history[0]?.report ?? "null").tests, [{ name: "t", status: "pass" }]);
      assert.deepEqual(await t.store.submissions.passedItems(user.id), [{ item_kind: "exercise", item_id: "greet-user", first_passed_at: 2500 }]);
      const attempts = await t.store.submissions.attempts(user.id);
      assert.deepEqual(attempts, [{ item_kind: "exercise", item_id: "greet-user", attempts: 2, passed: true, last_status: "pass" }]);
      const grades = (await t.store.submissions.gradeRows()).filter((r) => r.user_id === user.id);
      assert.deepEqual(grades.map((g) => [g.item_id, g.attempts, g.first_passed_at, g.failing_attempts, g.last_attempt_at]), [["greet-user", 2, 2500, 1, 2000]]);
    });

    void it("keeps one draft per learner and exercise, replacing it on save", async () => {
      const user = await t.store.users.create({ email: "draft@example.org", name: "D", passwordHash: "h", role: "learner" });
      await t.store.drafts.put(user.id, "slugify", "a", 1);
      await t.store.drafts.put(user.id, "slugify", "b", 2);
      const draft = await t.store.drafts.get(user.id, "slugify");
      assert.equal(draft?.source, "b");
      assert.equal(draft?.updated_at, 2);
      assert.equal(await t.store.drafts.get(user.id, "other"), undefined);
    });

    void it("rolls a transaction back when its work throws", async () => {
      await assert.rejects(
        t.store.transaction(async (tx) => {
          await tx.users.create({ email: "rollback@example.org", name: "R", passwordHash: "h", role: "learner" });
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.equal(await t.store.users.byEmail("rollback@example.org"), undefined);
    });

    void it("runs migrations again without changing anything", async () => {
      const { migrateToLatest } = await import("../../src/store/migrations.js");
      const result = await migrateToLatest(t.opened.db as never);
      assert.deepEqual(result.results, []);
    });
  });
}
