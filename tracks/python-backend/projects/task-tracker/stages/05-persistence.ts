/**
 * Stage 5: data survives a restart. Tasks are created, changed and deleted, the app is
 * restarted, and everything must be as it was; the data must be in the database that
 * DATABASE_URL names.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectError, expectJson, expectStatus, isObject, optionalAuth, rowsContaining, type Json } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  const auth = await optionalAuth(t);
  const title = `Renew passport ${t.unique("persist")}`;
  let kept: Json | undefined;
  let deleted: Json | undefined;

  await t.check("tasks are created, changed and deleted before the restart", async () => {
    kept = await expectJson(t, { method: "POST", path: "/tasks", headers: auth, json: { title, description: "Before July" } }, 201);
    await expectJson(t, { method: "PATCH", path: `/tasks/${String(kept.id)}`, headers: auth, json: { done: true } }, 200);
    deleted = await expectJson(t, { method: "POST", path: "/tasks", headers: auth, json: { title: `Throw away ${t.unique("gone")}` } }, 201);
    const del = await t.request({ method: "DELETE", path: `/tasks/${String(deleted.id)}`, headers: auth });
    if (del.status !== 204) t.fail(`DELETE /tasks/${String(deleted.id)} answered ${del.status}; expected 204.`, { response: del });
  });

  await t.check("the app starts again after a restart", async () => {
    await t.restartApp();
  });

  await t.check("a task changed before the restart is unchanged after it", async () => {
    if (!kept) t.fail("skipped: the task could not be created before the restart (see the first check).");
    const req = { method: "GET", path: `/tasks/${String(kept.id)}`, headers: auth };
    const res = await expectStatus(t, req, 200);
    const task = isObject(res.json) ? res.json : {};
    if (task.title !== title || task.description !== "Before July" || task.done !== true) {
      t.fail("After the restart the task is not as it was.", {
        request: req,
        response: res,
        expected: JSON.stringify({ id: kept.id, title, description: "Before July", done: true }),
      });
    }
  });

  await t.check("a task deleted before the restart is still gone after it", async () => {
    if (!deleted) t.fail("skipped: the task could not be created before the restart (see the first check).");
    await expectError(t, { method: "GET", path: `/tasks/${String(deleted.id)}`, headers: auth }, 404, "not_found");
  });

  await t.check("a task created after the restart gets a new id, never a deleted task's id", async () => {
    const fresh = await expectJson(t, { method: "POST", path: "/tasks", headers: auth, json: { title: `After the restart ${t.unique("new")}` } }, 201);
    const used = [kept?.id, deleted?.id];
    if (used.includes(fresh.id)) {
      t.fail(`The new task got id ${String(fresh.id)}, which an earlier task already had. Ids must never be reused, or an old link would open a different task.`, {
        expected: `an id other than ${used.map(String).join(" and ")}`,
      });
    }
  });

  await t.check("ten tasks created at the same moment all get their own id and are all stored", async () => {
    // Real clients do not wait for each other: a database (or a lock) must keep ids apart.
    const stamp = t.unique("together");
    const titles = Array.from({ length: 10 }, (_, i) => `At once ${i + 1} ${stamp}`);
    const created = await Promise.all(titles.map((each) => expectJson(t, { method: "POST", path: "/tasks", headers: auth, json: { title: each } }, 201)));
    const ids = new Set(created.map((task) => String(task.id)));
    if (ids.size !== titles.length) {
      t.fail(`Ten POST /tasks sent at the same moment got only ${ids.size} different ids (${created.map((task) => String(task.id)).join(", ")}). Let the database choose ids (an autoincrement key), not a counter two requests can read at once.`, {
        expected: "10 different ids",
      });
    }
    const stored = await rowsContaining(t, stamp);
    if (stored.length < titles.length) {
      t.fail(`Ten tasks were created at the same moment, but the database at DATABASE_URL holds ${stored.length} of them. A write was lost.`, { expected: "all 10 rows in the database" });
    }
  });

  await t.check("tasks are stored in the database that DATABASE_URL names", async () => {
    const rows = await rowsContaining(t, title);
    if (rows.length === 0) {
      t.fail(`No table in the database at DATABASE_URL holds the task titled "${title}". Store your data there: that file is the one that survives restarts.`);
    }
  });
}
