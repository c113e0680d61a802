/**
 * `roadwork preview` signs every visitor without a session in as one learner, with an
 * ordinary session: the cookie, its CSRF token and every permission are a learner's. Without
 * preview, the same request is refused; preview refuses a host other than this machine.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { resolveConfig } from "../../src/config.js";
import { PREVIEW_LEARNER_EMAIL } from "../../src/server/auth/preview.js";
import { buildTestApp, sessionCookie } from "./helpers.js";

void describe("preview mode", () => {
  void it("signs a visitor without a session in as the preview learner, and keeps them signed in", async () => {
    const t = await buildTestApp({ config: { preview: true } });
    try {
      const first = await t.app.inject({ method: "GET", url: "/api/auth/me" });
      assert.equal(first.statusCode, 200, first.body);
      const me = first.json<{ user: { email: string; role: string }; csrfToken: string }>();
      assert.equal(me.user.email, PREVIEW_LEARNER_EMAIL);
      assert.equal(me.user.role, "learner");
      const cookie = sessionCookie(first);
      const again = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } });
      assert.equal(again.json<{ user: { email: string } }>().user.email, PREVIEW_LEARNER_EMAIL);
      assert.equal(again.cookies.length, 0, "a visitor with a session gets no new one");
      assert.equal(await t.store.users.count("learner"), 1);
    } finally {
      await t.close();
    }
  });

  void it("creates the learner once when a page's first requests arrive together", async () => {
    const t = await buildTestApp({ config: { preview: true } });
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => t.app.inject({ method: "GET", url: "/api/track" })));
      assert.deepEqual(answers.map((a) => a.statusCode), [200, 200, 200, 200, 200, 200]);
      assert.equal(await t.store.users.count("learner"), 1);
    } finally {
      await t.close();
    }
  });

  void it("still wants the session's CSRF token on a change, and gives a learner no admin route", async () => {
    const t = await buildTestApp({ config: { preview: true } });
    try {
      const me = await t.app.inject({ method: "GET", url: "/api/auth/me" });
      const cookie = sessionCookie(me);
      const noToken = await t.app.inject({ method: "POST", url: "/api/submissions", headers: { cookie, "content-type": "application/json" }, payload: { exerciseId: "hello", source: "x = 1\n" } });
      assert.equal(noToken.statusCode, 403, noToken.body);
      const admin = await t.app.inject({ method: "GET", url: "/api/admin/users", headers: { cookie } });
      assert.equal(admin.statusCode, 403, admin.body);
    } finally {
      await t.close();
    }
  });

  void it("signs nobody in without preview", async () => {
    const t = await buildTestApp();
    try {
      const me = await t.app.inject({ method: "GET", url: "/api/auth/me" });
      assert.equal(me.statusCode, 401, me.body);
      assert.equal(await t.store.users.count("learner"), 0);
    } finally {
      await t.close();
    }
  });

  void it("listens on this machine only", () => {
    assert.throws(() => resolveConfig({ preview: true, host: "0.0.0.0" }), /preview.*listens on this machine only.*not on 0\.0\.0\.0/);
    assert.equal(resolveConfig({ preview: true, host: "localhost" }).preview, true);
  });
});
