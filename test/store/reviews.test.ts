/**
 * Reviews in the store, on every database: versions are the author's later submissions of the
 * item (a new one joins, one of another item or learner does not, none after approval), the
 * queue holds what a viewer may review, threads resolve, notifications count and opt out.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DIALECTS, type TestDatabase } from "./dialects.js";

for (const dialect of DIALECTS) {
  void describe(`reviews on ${dialect.name}`, { skip: dialect.skip }, () => {
    let t: TestDatabase;
    before(async () => {
      t = await dialect.create();
    });
    after(async () => {
      await t?.drop();
    });

    const user = async (name: string, role: "learner" | "mentor" = "learner"): Promise<string> => (await t.store.users.create({ email: `${name}@example.org`, name, passwordHash: "h", role })).id;
    const submit = async (userId: string, itemId: string, at: number, status: "pass" | "fail" = "fail") => {
      const s = await t.store.submissions.create({ userId, itemKind: "exercise", itemId, source: `v${at}` }, at);
      await t.store.submissions.recordVerdict(s.id, { version: 3, status, tests: [] }, at + 1);
      return s;
    };

    void it("follows the author's later submissions of the item until it is approved", async () => {
      const [ada, bob] = [await user("ra"), await user("rb")];
      await submit(ada, "ex", 50);
      const first = await submit(ada, "ex", 100);
      const review = await t.store.reviews.create({ userId: ada, itemKind: "exercise", itemId: "ex", firstSubmission: first, question: "Is this clear?" }, 110);
      await submit(ada, "other", 120);
      await submit(bob, "ex", 130);
      await submit(ada, "ex", 200);
      assert.deepEqual((await t.store.reviews.versions(review)).map((v) => v.source), ["v100", "v200"], "older, other-item and other-learner submissions stay out");
      assert.equal((await t.store.reviews.openFor(ada, "exercise", "ex"))?.id, review.id);
      await t.store.reviews.decide(review.id, "approved", bob, 300);
      await submit(ada, "ex", 400);
      const decided = await t.store.reviews.byId(review.id);
      assert.ok(decided !== undefined);
      assert.equal(decided.verdict, "approved");
      assert.deepEqual((await t.store.reviews.versions(decided)).map((v) => v.source), ["v100", "v200"], "an approved review takes no more versions");
      assert.equal(await t.store.reviews.openFor(ada, "exercise", "ex"), undefined);
    });

    void it("queues a review for the author's cohort mentors and for cohort mates who passed the item, nobody else", async () => {
      const mentor = await user("qm", "mentor");
      const [author, mate, mateNotPassed, outsider, otherMentor] = [await user("qa"), await user("qb"), await user("qc"), await user("qd"), await user("qe", "mentor")];
      const cohort = await t.store.cohorts.create({ name: "Q", trackId: "t", createdBy: mentor });
      const other = await t.store.cohorts.create({ name: "Other", trackId: "t", createdBy: otherMentor });
      for (const id of [author, mate, mateNotPassed]) await t.store.cohorts.join(cohort.id, id);
      await t.store.cohorts.join(other.id, outsider);
      await submit(mate, "qx", 10, "pass");
      await submit(outsider, "qx", 10, "pass");
      const first = await submit(author, "qx", 20);
      const review = await t.store.reviews.create({ userId: author, itemKind: "exercise", itemId: "qx", firstSubmission: first, question: null }, 30);
      const queued = async (id: string): Promise<boolean> => (await t.store.reviews.queue(id, false)).some((r) => r.id === review.id);
      assert.equal(await queued(mentor), true, "the cohort's mentor");
      assert.equal(await queued(mate), true, "a cohort mate who passed");
      assert.equal(await queued(mateNotPassed), false, "a cohort mate who has not passed");
      assert.equal(await queued(outsider), false, "a learner of another cohort, even one who passed");
      assert.equal(await queued(otherMentor), false, "another cohort's mentor");
      assert.equal(await queued(author), false, "one's own");
      assert.equal((await t.store.reviews.queue(outsider, true)).some((r) => r.id === review.id), true, "everyone's for an admin");
      assert.deepEqual(await t.store.reviews.relation(mentor, author), { mentor: true, sharesCohort: true });
      assert.deepEqual(await t.store.reviews.relation(mate, author), { mentor: false, sharesCohort: true });
      assert.deepEqual(await t.store.reviews.relation(outsider, author), { mentor: false, sharesCohort: false });
      assert.deepEqual(await t.store.reviews.mentorsOf(author), [mentor]);
    });

    void it("keeps threads of comments, resolves them, and counts unread notifications with an email opt-out", async () => {
      const [author, mentor] = [await user("ca"), await user("cm", "mentor")];
      const first = await submit(author, "cx", 10);
      const review = await t.store.reviews.create({ userId: author, itemKind: "exercise", itemId: "cx", firstSubmission: first, question: null }, 20);
      const root = await t.store.reviews.addComment({ reviewId: review.id, submissionId: first.id, file: "solution.py", line: 3, parentId: null, authorId: mentor, body: "Why *this*?" }, 30);
      await t.store.reviews.addComment({ reviewId: review.id, submissionId: first.id, file: "solution.py", line: 3, parentId: root.id, authorId: author, body: "Because." }, 40);
      await t.store.reviews.setResolved(root.id, author, 50);
      const comments = await t.store.reviews.comments(review.id);
      assert.deepEqual(comments.map((c) => [c.author_name, c.line, c.parent_id === root.id, c.resolved_at]), [["cm", 3, false, 50], ["ca", 3, true, null]]);
      assert.equal((await t.store.reviews.byId(review.id))?.updated_at, 40, "a comment is activity");
      assert.deepEqual((await t.store.reviews.participants(review.id)).sort(), [author, mentor].sort());

      await t.store.notifications.add([{ userId: author, kind: "comment", reviewId: review.id, actorId: mentor }], 60);
      await t.store.notifications.add([{ userId: author, kind: "verdict", reviewId: review.id, actorId: mentor }], 61);
      assert.equal(await t.store.notifications.unreadCount(author), 2);
      const listed = await t.store.notifications.list(author);
      assert.deepEqual(listed.map((n) => [n.kind, n.actor_name, n.item_id]), [["verdict", "cm", "cx"], ["comment", "cm", "cx"]]);
      await t.store.notifications.markRead(author, [listed[0]?.id ?? ""], 70);
      assert.equal(await t.store.notifications.unreadCount(author), 1);
      await t.store.notifications.markRead(author, null, 80);
      assert.equal(await t.store.notifications.unreadCount(author), 0);
      assert.equal(await t.store.notifications.emailEnabled(author), true, "on by default");
      await t.store.notifications.setEmail(author, false);
      assert.equal(await t.store.notifications.emailEnabled(author), false);
      await t.store.notifications.setEmail(author, true);
      assert.equal(await t.store.notifications.emailEnabled(author), true);
    });
  });
}
