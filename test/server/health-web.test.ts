import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTestApp, signUp, writeWebDist } from "./helpers.js";

void describe("health", () => {
  void it("should answer 200 with queue counts when the database and the queue work", async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({ method: "GET", url: "/healthz" });
      assert.equal(response.statusCode, 200);
      // No grading health given: separate workers grade (grading-health.test.ts has the rest).
      assert.deepEqual(response.json(), { status: "ok", database: "ok", queue: { queued: 0, leased: 0, done: 0, failed: 0 }, grading: { status: "external" } });
    } finally {
      await t.close();
    }
  });

  void it("should answer 503 when the database is gone", async () => {
    const t = await buildTestApp();
    try {
      await t.opened.close();
      const response = await t.app.inject({ method: "GET", url: "/healthz" });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().status, "unavailable");
      assert.equal(response.json().database, "unreachable");
    } finally {
      await t.app.close();
    }
  });

  void it("should answer 503 when the queue cannot be read", async () => {
    const t = await buildTestApp();
    try {
      t.queue.counts = () => Promise.reject(new Error("jobs table gone"));
      const response = await t.app.inject({ method: "GET", url: "/healthz" });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().queue, "unusable");
    } finally {
      await t.close();
    }
  });

  void it("should turn an unexpected error into a logged 500 in the error format", async () => {
    const t = await buildTestApp();
    try {
      t.store.submissions.passedItems = () => Promise.reject(new Error("disk on fire"));
      const client = await signUp(t.app);
      const response = await t.app.inject({ method: "GET", url: "/api/track", headers: { cookie: client.cookie } });
      assert.equal(response.statusCode, 500);
      assert.deepEqual(response.json(), { error: { code: "INTERNAL", message: "something went wrong on our side; it has been logged" } });
      assert.doesNotMatch(response.body, /disk on fire/);
    } finally {
      await t.close();
    }
  });
});

void describe("web shell", () => {
  void it("should say the front end is not built when src/web/dist is missing", async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({ method: "GET", url: "/" });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers["content-type"]), /^text\/html/);
      assert.match(response.body, /has not been built/);
    } finally {
      await t.close();
    }
  });

  void it("should serve the built index.html for pages, with a CSP, and its assets", async () => {
    const holder = mkdtempSync(join(tmpdir(), "roadwork-web-"));
    const webRoot = writeWebDist(holder);
    const u = await buildTestApp({ webRoot });
    try {
      const index = await u.app.inject({ method: "GET", url: "/" });
      assert.match(index.body, /<div id="app">/);
      assert.match(String(index.headers["content-security-policy"]), /default-src 'self'/);
      const deep = await u.app.inject({ method: "GET", url: "/exercises/greet-user" });
      assert.equal(deep.statusCode, 200);
      assert.match(deep.body, /<div id="app">/);
      const asset = await u.app.inject({ method: "GET", url: "/assets/app.js" });
      assert.equal(asset.statusCode, 200);
      assert.match(asset.body, /roadwork/);
      const missing = await u.app.inject({ method: "GET", url: "/assets/nope.js" });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, "NOT_FOUND");
    } finally {
      await u.close();
      rmSync(holder, { recursive: true, force: true });
    }
  });

  void it("should answer an address that is no page with the shell and status 404, and every page of the app with 200", async () => {
    const holder = mkdtempSync(join(tmpdir(), "roadwork-web-"));
    const webRoot = writeWebDist(holder);
    const u = await buildTestApp({ webRoot });
    try {
      for (const url of ["/no-such-page", "/exercises/no-such-exercise", "/steps/nope", "/projects/nope", "/progress/extra"]) {
        const response = await u.app.inject({ method: "GET", url });
        assert.equal(response.statusCode, 404, url);
        assert.match(response.body, /<div id="app">/, `${url} still gets the shell, which shows "Page not found"`);
      }
      for (const url of ["/", "/progress", "/account", "/cohort", "/exercises/greet-user", "/steps/basics", "/projects/tiny-api", "/progress?x=1"]) {
        assert.equal((await u.app.inject({ method: "GET", url })).statusCode, 200, url);
      }
    } finally {
      await u.close();
      rmSync(holder, { recursive: true, force: true });
    }
  });
});
