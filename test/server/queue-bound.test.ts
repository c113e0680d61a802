import { after, before, describe, it } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import assert from "node:assert/strict";
import { buildTestAppOn, multipart, signUp, tarGz, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";
import { configFromEnv, defaultQueuedMax, resolveConfig } from "../../src/config.js";

void describe("the global queue bound's default", () => {
  void it("should grow with the in-process workers and have a floor", () => {
    assert.equal(resolveConfig({ workers: 1 }).limits.queuedMax, 20);
    assert.equal(resolveConfig({ workers: 4 }).limits.queuedMax, 40);
    assert.equal(resolveConfig({ workers: 0 }).limits.queuedMax, defaultQueuedMax(0));
    assert.equal(resolveConfig({ workers: 4, limits: { queuedMax: 7 } }).limits.queuedMax, 7);
    assert.equal(resolveConfig(configFromEnv({ ROADWORK_QUEUED_MAX: "9" })).limits.queuedMax, 9);
  });
});

for (const dialect of DIALECTS) void describe(`the global queue bound on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  let ada: Client;
  let bob: Client;
  before(async () => {
    t = await buildTestAppOn(dialect, { config: { limits: { queuedMax: 3, queueFullRetryAfterSeconds: 7 } } });
    ada = await signUp(t.app);
    bob = await signUp(t.app);
  });
  after(async () => {
    await t?.close();
  });

  const submit = (client: Client, source: string): Promise<LightMyRequestResponse> =>
    t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source } });

  void it("should answer 503 QUEUE_FULL with Retry-After once the queue holds queuedMax jobs, whoever submits", async () => {
    for (const source of ["one", "two"]) assert.equal((await submit(ada, source)).statusCode, 202);
    assert.equal((await submit(bob, "three")).statusCode, 202);
    const refused = await submit(bob, "four");
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.headers["retry-after"], "7");
    const error = refused.json<{ error: { code: string; message: string } }>().error;
    assert.equal(error.code, "QUEUE_FULL");
    assert.match(error.message, /your work is kept/);
    // Refused before anything was stored: the learner has no submission that waits forever.
    const history = await t.app.inject({ method: "GET", url: "/api/exercises/greet-user/submissions", headers: { cookie: bob.cookie } });
    assert.deepEqual(history.json<{ submissions: Array<{ source: string }> }>().submissions.map((s) => s.source), ["three"]);
  });

  void it("should refuse a project upload too, before reading it", async () => {
    const upload = multipart("archive", "app.tar.gz", tarGz([{ name: "app.py", data: "print(1)" }]));
    const refused = await t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: { ...ada.headers, ...upload.headers }, payload: upload.payload });
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, "QUEUE_FULL");
  });

  void it("should accept again once a worker has taken a job", async () => {
    assert.equal(await t.worker.runOnce(), true);
    assert.equal((await submit(bob, "four, again")).statusCode, 202);
    assert.equal((await submit(bob, "five")).statusCode, 503);
    while (await t.worker.runOnce());
  });
});
