/**
 * Renamed items (`formerly:`) keep their learners' progress: Store.moveRenamed moves every
 * row stored under a former id to the current one, in one transaction, on both databases.
 * Every table that stores an item or track id is covered here; the others follow by
 * foreign key (jobs, submission_tests, solution_stars, review_comments, notifications).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Store } from "../../src/store/index.js";
import { DIALECTS, type TestDatabase } from "./dialects.js";

const RENAMES = [
  { kind: "exercise" as const, from: "old-ex", to: "new-ex" },
  { kind: "project" as const, from: "old-proj", to: "new-proj" },
  { kind: "track" as const, from: "old-track", to: "new-track" },
];

for (const dialect of DIALECTS) {
  void describe(`moving renamed items' progress on ${dialect.name}`, { skip: dialect.skip }, () => {
    let t: TestDatabase;
    before(async () => {
      t = await dialect.create();
    });
    after(async () => {
      await t?.drop();
    });

    const user = async (name: string, role: "learner" | "mentor" = "learner"): Promise<string> => (await t.store.users.create({ email: `${name}@example.org`, name, passwordHash: "h", role })).id;
    const passed = async (userId: string, itemKind: "exercise" | "project", itemId: string, at: number): Promise<string> => {
      const s = await t.store.submissions.create({ userId, itemKind, itemId, source: itemKind === "exercise" ? `# ${userId} ${at}` : null }, at);
      await t.store.submissions.recordVerdict(s.id, { version: 3, status: "pass", tests: [] }, at + 1);
      return s.id;
    };

    void it("moves submissions, drafts, reviews, published solutions, cohorts and pushed repositories, keeps what hangs off them, and moves nothing the second time", async () => {
      const [ada, bob, cy, dee] = [await user("ada"), await user("bob"), await user("cy"), await user("dee")];
      const mentor = await user("mo", "mentor");
      const adaPass = await passed(ada, "exercise", "old-ex", 1000);
      await passed(ada, "project", "old-proj", 1100);
      // A project that happens to share the exercise's old id is not the exercise: its row stays.
      await passed(bob, "project", "old-ex", 1200);
      await passed(bob, "exercise", "kept", 1300);
      await t.store.drafts.put(ada, "old-ex", "ada's draft", 2000);
      // Drafts under both ids: the newer one wins, whichever id it was saved under.
      await t.store.drafts.put(cy, "old-ex", "cy old, newer", 2200);
      await t.store.drafts.put(cy, "new-ex", "cy new, older", 2100);
      await t.store.drafts.put(dee, "old-ex", "dee old, older", 2100);
      await t.store.drafts.put(dee, "new-ex", "dee new, newer", 2200);
      await t.store.solutions.publish({ submissionId: adaPass, userId: ada, exerciseId: "old-ex" }, 3000);
      await t.store.solutions.star(adaPass, bob, 3100);
      const review = await t.store.reviews.create({ userId: ada, itemKind: "exercise", itemId: "old-ex", firstSubmission: { id: adaPass, created_at: 1000 }, question: "Is this clear?" }, 4000);
      await t.store.reviews.addComment({ reviewId: review.id, submissionId: adaPass, file: "solution.py", line: 1, parentId: null, authorId: mentor, body: "Name it better." }, 4100);
      await t.store.notifications.add([{ userId: ada, kind: "comment", reviewId: review.id, actorId: mentor }], 4100);
      const cohort = await t.store.cohorts.create({ name: "Spring", trackId: "old-track", createdBy: mentor }, 5000);
      await t.store.cohorts.join(cohort.id, ada, 5100);
      // Pushed repositories: ada's moves; bob pushed under both ids, and keeps the current one.
      await t.store.gitRepos.put(ada, "old-proj", { refs: new Map([["refs/heads/main", "a".repeat(40)]]), pack: Buffer.from("ada pack") }, 0, 6000);
      await t.store.gitRepos.put(bob, "old-proj", { refs: new Map([["refs/heads/main", "b".repeat(40)]]), pack: Buffer.from("bob old") }, 0, 6000);
      await t.store.gitRepos.put(bob, "new-proj", { refs: new Map([["refs/heads/main", "c".repeat(40)]]), pack: Buffer.from("bob new") }, 0, 6100);

      const moved = await t.store.moveRenamed(RENAMES);
      assert.deepEqual(
        moved.map((r) => [r.kind, r.from, r.to, r.moved]),
        [
          ["exercise", "old-ex", "new-ex", { submissions: 1, drafts: 2, published_solutions: 1, reviews: 1, cohorts: 0, git_repos: 0 }],
          ["project", "old-proj", "new-proj", { submissions: 1, drafts: 0, published_solutions: 0, reviews: 0, cohorts: 0, git_repos: 1 }],
          ["track", "old-track", "new-track", { submissions: 0, drafts: 0, published_solutions: 0, reviews: 0, cohorts: 1, git_repos: 0 }],
        ],
      );

      // Progress: passed under the new ids, history there, nothing left under the old ones.
      assert.deepEqual((await t.store.submissions.passedItems(ada)).map((p) => `${p.item_kind}:${p.item_id}`).sort(), ["exercise:new-ex", "project:new-proj"]);
      assert.deepEqual((await t.store.submissions.history(ada, "new-ex")).map((s) => s.id), [adaPass]);
      assert.deepEqual(await t.store.submissions.history(ada, "old-ex"), []);
      assert.deepEqual((await t.store.submissions.passedItems(bob)).map((p) => `${p.item_kind}:${p.item_id}`).sort(), ["exercise:kept", "project:old-ex"]);
      // Drafts.
      assert.equal((await t.store.drafts.get(ada, "new-ex"))?.source, "ada's draft");
      assert.equal((await t.store.drafts.get(cy, "new-ex"))?.source, "cy old, newer");
      assert.equal((await t.store.drafts.get(dee, "new-ex"))?.source, "dee new, newer");
      for (const who of [ada, cy, dee]) assert.equal(await t.store.drafts.get(who, "old-ex"), undefined);
      // Published solutions and their stars.
      assert.deepEqual((await t.store.solutions.list("new-ex", bob)).map((s) => [s.submission_id, s.stars]), [[adaPass, 1]]);
      assert.deepEqual(await t.store.solutions.list("old-ex", bob), []);
      // The review, its comment and the notification that points at it.
      const open = await t.store.reviews.openFor(ada, "exercise", "new-ex");
      assert.equal(open?.id, review.id);
      assert.deepEqual((await t.store.reviews.comments(review.id)).map((c) => c.body), ["Name it better."]);
      assert.deepEqual((await t.store.notifications.list(ada)).map((n) => [n.review_id, n.item_id]), [[review.id, "new-ex"]]);
      // The cohort and its dashboard and the CSV export's rows.
      assert.equal((await t.store.cohorts.byId(cohort.id))?.track_id, "new-track");
      assert.deepEqual((await t.store.cohorts.cells(cohort.id)).map((c) => `${c.item_kind}:${c.item_id}`).sort(), ["exercise:new-ex", "project:new-proj"]);
      assert.deepEqual((await t.store.submissions.gradeRows()).filter((r) => r.user_id === ada).map((r) => r.item_id).sort(), ["new-ex", "new-proj"]);

      // Repositories.
      assert.equal((await t.store.gitRepos.get(ada, "new-proj"))?.pack.toString(), "ada pack");
      assert.equal((await t.store.gitRepos.get(bob, "new-proj"))?.pack.toString(), "bob new");
      for (const who of [ada, bob]) assert.equal(await t.store.gitRepos.get(who, "old-proj"), undefined);

      const again = await t.store.moveRenamed(RENAMES);
      assert.ok(again.every((r) => Object.values(r.moved).every((n) => n === 0)), `a second run moves nothing: ${JSON.stringify(again)}`);
      assert.equal((await t.store.drafts.get(cy, "new-ex"))?.source, "cy old, newer");
    });

    void it("lets two processes move the same renames at once: each row moves once, nobody fails", async () => {
      const eve = await user("eve");
      for (let i = 0; i < 20; i += 1) await passed(eve, "exercise", "twice-old", 10_000 + i * 10);
      await t.store.drafts.put(eve, "twice-old", "eve's draft", 20_000);
      const rename = [{ kind: "exercise" as const, from: "twice-old", to: "twice-new" }];
      // Two Store objects over one database, as two server processes reloading together.
      const other = new Store(t.opened.db, t.opened.dialect);
      const [first, second] = await Promise.all([t.store.moveRenamed(rename), other.moveRenamed(rename)]);
      assert.equal((first[0]?.moved.submissions ?? 0) + (second[0]?.moved.submissions ?? 0), 20);
      assert.equal((first[0]?.moved.drafts ?? 0) + (second[0]?.moved.drafts ?? 0), 1);
      assert.equal((await t.store.submissions.history(eve, "twice-new")).length, 20);
      assert.equal((await t.store.drafts.get(eve, "twice-new"))?.source, "eve's draft");
    });

    void it("moves all or nothing: a failing rename leaves every row where it was", async () => {
      const fay = await user("fay");
      await passed(fay, "exercise", "atomic-old", 30_000);
      await passed(fay, "exercise", "x", 30_100);
      // The second move breaks NOT NULL after the first has moved its row.
      const broken = [{ kind: "exercise" as const, from: "atomic-old", to: "atomic-new" }, { kind: "exercise" as const, from: "x", to: null as unknown as string }];
      await assert.rejects(t.store.moveRenamed(broken));
      assert.deepEqual((await t.store.submissions.passedItems(fay)).map((p) => p.item_id).sort(), ["atomic-old", "x"]);
    });
  });
}
