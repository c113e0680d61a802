import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { DIALECTS, type TestDatabase } from "./dialects.js";

for (const dialect of DIALECTS) {
  void describe(`solutions and cohorts on ${dialect.name}`, { skip: dialect.skip }, () => {
    let t: TestDatabase;
    before(async () => {
      t = await dialect.create();
    });
    after(async () => {
      await t?.drop();
    });

    async function learner(name: string): Promise<string> {
      return (await t.store.users.create({ email: `${name}@example.org`, name, passwordHash: "h", role: "learner" })).id;
    }

    void it("lists published solutions most starred first, one star per learner, and forgets stars on unpublish", async () => {
      const [a, b, c] = [await learner("sa"), await learner("sb"), await learner("sc")];
      const subA = await t.store.submissions.create({ userId: a, itemKind: "exercise", itemId: "ex", source: "A" }, 1);
      const subB = await t.store.submissions.create({ userId: b, itemKind: "exercise", itemId: "ex", source: "B" }, 2);
      await t.store.solutions.publish({ submissionId: subA.id, userId: a, exerciseId: "ex" }, 10);
      await t.store.solutions.publish({ submissionId: subB.id, userId: b, exerciseId: "ex" }, 20);
      await t.store.solutions.publish({ submissionId: subB.id, userId: b, exerciseId: "ex" }, 30);
      assert.deepEqual((await t.store.solutions.list("ex", c)).map((s) => [s.source, s.stars]), [["A", 0], ["B", 0]]);
      await t.store.solutions.star(subB.id, c);
      await t.store.solutions.star(subB.id, c);
      await t.store.solutions.star(subB.id, a);
      const listed = await t.store.solutions.list("ex", c);
      assert.deepEqual(listed.map((s) => [s.source, s.stars, s.starred_by_viewer, s.author_name, s.published_at]), [["B", 2, true, "sb", 20], ["A", 0, false, "sa", 10]]);
      await t.store.solutions.unstar(subB.id, c);
      assert.equal(await t.store.solutions.stars(subB.id), 1);
      assert.deepEqual(await t.store.solutions.publishedBy(b, "ex"), [subB.id]);
      assert.equal(await t.store.solutions.unpublish(subB.id, a), false, "only the author unpublishes");
      assert.equal(await t.store.solutions.unpublish(subB.id, b), true);
      assert.deepEqual((await t.store.solutions.list("ex", c)).map((s) => s.source), ["A"]);
      await t.store.solutions.publish({ submissionId: subB.id, userId: b, exerciseId: "ex" }, 40);
      assert.equal(await t.store.solutions.stars(subB.id), 0, "stars went with the unpublished solution");
    });

    void it("creates a cohort with its creator as mentor, joins learners once, and aggregates their attempts", async () => {
      const mentor = (await t.store.users.create({ email: "cm@example.org", name: "Mentor", passwordHash: "h", role: "mentor" })).id;
      const [x, y, outsider] = [await learner("cx"), await learner("cy"), await learner("co")];
      const cohort = await t.store.cohorts.create({ name: "Spring", trackId: "track", createdBy: mentor }, 100);
      assert.equal((await t.store.cohorts.byInviteCode(cohort.invite_code))?.id, cohort.id);
      assert.equal((await t.store.cohorts.membership(cohort.id, mentor))?.role, "mentor");
      await t.store.cohorts.join(cohort.id, x, 200);
      const again = await t.store.cohorts.join(cohort.id, x, 300);
      assert.equal(again.joined_at, 200);
      assert.equal((await t.store.cohorts.join(cohort.id, mentor)).role, "mentor", "a mentor who follows the link stays a mentor");
      await t.store.cohorts.join(cohort.id, y, 200);
      const verdict = async (user: string, item: string, status: "pass" | "fail" | "error", at: number): Promise<void> => {
        const s = await t.store.submissions.create({ userId: user, itemKind: "exercise", itemId: item, source: "s" }, at);
        await t.store.submissions.recordVerdict(s.id, { version: 3, status, tests: [] }, at + 5);
      };
      await verdict(x, "one", "fail", 1000);
      await verdict(x, "one", "error", 1100);
      await verdict(x, "one", "pass", 1200);
      await verdict(y, "one", "fail", 1300);
      await verdict(outsider, "one", "pass", 1400);
      const cells = (await t.store.cohorts.cells(cohort.id)).sort((a, b) => a.user_id.localeCompare(b.user_id));
      const expected = [
        { user_id: x, item_kind: "exercise", item_id: "one", attempts: 3, fails: 1, first_passed_at: 1205, last_attempt_at: 1200 },
        { user_id: y, item_kind: "exercise", item_id: "one", attempts: 1, fails: 1, first_passed_at: null, last_attempt_at: 1300 },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id));
      assert.deepEqual(cells, expected);
      await t.store.cohorts.setRole(cohort.id, y, "mentor");
      assert.deepEqual((await t.store.cohorts.cells(cohort.id)).map((c) => c.user_id), [x], "a mentor's own attempts are not on the dashboard");
      assert.deepEqual((await t.store.cohorts.list(x)).map((c) => [c.name, c.role, c.learners]), [["Spring", "learner", 1]]);
      assert.deepEqual(await t.store.cohorts.list(outsider), []);
      assert.ok((await t.store.cohorts.list(null)).some((c) => c.id === cohort.id && c.role === null));
    });
  });
}
