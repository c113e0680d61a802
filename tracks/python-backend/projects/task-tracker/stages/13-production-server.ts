/**
 * Stage 13: served by a production server with two worker processes (project.yaml's
 * `production:` command). Consecutive requests land on either worker, so whatever one
 * request leaves behind for the next (a pending confirmation, a change to a task, a file)
 * must live in the database or UPLOAD_DIR, never in one worker's memory or temp folder.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { alternateWorkers, expectJson, signUpAndLogIn, type Json, type SignedIn } from "./support.js";

const LINK = /https?:\/\/[^\s"'<>]+\/confirm\?token=[^\s"'<>]+/;

/**
 * Requests in a row. Two workers take connections as they come, not in turn, and not
 * always evenly: enough rounds that all of them reaching the same worker is vanishingly rare.
 */
const ROUNDS = 20;

export default async function stage(t: StageContext): Promise<void> {
  let holder: SignedIn | undefined;
  await t.check("the app starts under the production server with two workers and answers /healthz", async () => {
    // Stage 12 leaves it served so: a second start would only cost the learner time.
    await t.ensureApp({ production: true });
    await expectJson(t, { method: "GET", path: "/healthz" }, 200);
    holder = await signUpAndLogIn(t, "holder");
  });
  // The first round of each check runs its two halves on different workers (see alternateWorkers); the others as they come.
  const inTurn = async (round: number, first: () => Promise<void>, second: () => Promise<void>): Promise<void> => {
    if (round === 1 && holder) return alternateWorkers(t, holder.headers, [first, second]);
    await first();
    await second();
  };

  await t.check(`the link in a confirmation email confirms the account, whichever worker sent it (${ROUNDS / 2} sign-ups)`, async () => {
    for (let i = 1; i <= ROUNDS / 2; i++) {
      let user: SignedIn = { email: "", password: "", token: "", headers: {} };
      await inTurn(i, async () => void (user = await signUpAndLogIn(t, "confirm")), async () => {
        const email = (await t.emails()).reverse().find((each) => each.to.some((to) => to.toLowerCase().includes(user.email)));
        const link = LINK.exec(email?.text ?? "")?.[0];
        if (link === undefined) t.fail(`Signing up ${user.email} sent no email with a link to /confirm?token=... (stage 9).`);
        const url = new URL(link);
        const confirm = { method: "GET", path: `${url.pathname}${url.search}` };
        const res = await t.request(confirm);
        const me = await expectJson(t, { method: "GET", path: "/me", headers: user.headers }, 200);
        if (res.status !== 200 || me.confirmed !== true) {
          t.fail(`Sign-up ${i}: the link from the email answered ${res.status}, and GET /me then says "confirmed": ${JSON.stringify(me.confirmed)}. The sign-up and the click may reach different worker processes: a pending confirmation kept in one process's memory is unknown to the other. Keep it in the database.`, {
            request: confirm,
            response: res,
            expected: 'status 200, then "confirmed": true on GET /me',
          });
        }
      });
    }
  });

  await t.check(`a task changed by one request is seen changed by the next (${ROUNDS} changes, whichever worker answers)`, async () => {
    const user = await signUpAndLogIn(t, "changes");
    const task = await expectJson(t, { method: "POST", path: "/tasks", headers: user.headers, json: { title: "Version 0" } }, 201);
    const path = `/tasks/${String(task.id)}`;
    for (let i = 1; i <= ROUNDS; i++) {
      await inTurn(i, async () => void (await expectJson(t, { method: "PATCH", path, headers: user.headers, json: { title: `Version ${i}` } }, 200)), async () => {
        const req = { method: "GET", path, headers: user.headers };
        const res = await t.request(req);
        const seen = (res.json as { title?: unknown } | undefined)?.title;
        if (res.status !== 200 || seen !== `Version ${i}`) {
          t.fail(`After PATCH ${path} set the title to "Version ${i}", GET ${path} answered ${res.status} with the title ${JSON.stringify(seen)}. Each worker process has its own memory: a copy of a task kept in one (a cache, a dict) goes stale when the other changes it. Read from the database.`, {
            request: req,
            response: res,
            expected: `status 200 and "title": "Version ${i}"`,
          });
        }
      });
    }
  });

  await t.check(`an attachment uploaded through one request downloads through the next (${ROUNDS / 2} files, whichever worker answers)`, async () => {
    const user = await signUpAndLogIn(t, "files");
    const task = await expectJson(t, { method: "POST", path: "/tasks", headers: user.headers, json: { title: "With files" } }, 201);
    for (let i = 1; i <= ROUNDS / 2; i++) {
      const text = `note ${i} ${t.unique("file")}`;
      let uploaded: Json = {};
      const upload = { method: "POST", path: `/tasks/${String(task.id)}/attachments`, headers: user.headers, multipart: [{ name: "file", filename: `note-${i}.txt`, contentType: "text/plain", data: Buffer.from(text) }] };
      await inTurn(i, async () => void (uploaded = await expectJson(t, upload, 201)), async () => {
        const req = { method: "GET", path: `/tasks/${String(task.id)}/attachments/${String(uploaded.id)}`, headers: user.headers };
        const res = await t.request(req);
        if (res.status !== 200 || res.text !== text) {
          t.fail(`GET ${req.path} answered ${res.status} right after the upload, without the bytes sent. Each worker process may have its own temporary folders: files go in the folder UPLOAD_DIR names, which every worker shares.`, {
            request: req,
            response: res,
            expected: `status 200 and the body ${JSON.stringify(text)}`,
          });
        }
      });
    }
  });
}
