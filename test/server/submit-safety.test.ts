/**
 * Learners cannot hurt each other (or themselves) through the submit path: a submission is
 * stored with its job or not at all, a retried request (same Idempotency-Key) stores nothing
 * new, and the pending cap holds under concurrent requests on both databases.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { buildTestAppOn, multipart, signUp, tarGz, type Client, type TestApp } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";
import { JobsRepository } from "../../src/store/repositories/jobs.js";

for (const dialect of DIALECTS) void describe(`submit safety on ${dialect.name}`, { skip: dialect.skip }, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestAppOn(dialect);
  });
  after(async () => {
    await t?.close();
  });

  function post(client: Client, source: string, key?: string, exercise = "greet-user"): Promise<LightMyRequestResponse> {
    return t.app.inject({ method: "POST", url: `/api/exercises/${exercise}/submissions`, headers: { ...client.headers, ...(key === undefined ? {} : { "idempotency-key": key }) }, payload: { source } });
  }

  async function jobCount(userId: string): Promise<number> {
    let n = 0;
    for (const s of await t.store.submissions.listForUser(userId, { limit: 100, offset: 0 })) if ((await t.store.jobs.bySubmission(s.id)) !== undefined) n += 1;
    return n;
  }

  void it("should store nothing when the job cannot be stored: no submission left queued without a job", async () => {
    const ada = await signUp(t.app);
    const original = JobsRepository.prototype.insert;
    // The server dying between the two inserts, as the database sees it: the second one never happens.
    JobsRepository.prototype.insert = () => Promise.reject(new Error("connection lost"));
    let response;
    try {
      response = await post(ada, "return 1");
    } finally {
      JobsRepository.prototype.insert = original;
    }
    assert.equal(response.statusCode, 500, response.body);
    assert.equal(response.json().error.code, "INFRASTRUCTURE");
    assert.deepEqual(await t.store.submissions.listForUser(ada.user.id, { limit: 10, offset: 0 }), []);
    assert.equal(await t.store.submissions.pendingCount(ada.user.id), 0);
    const next = await post(ada, "return 1");
    assert.equal(next.statusCode, 202);
    assert.equal(await jobCount(ada.user.id), 1);
    while (await t.worker.runOnce());
  });

  void it("should answer a retry with the same Idempotency-Key with the first submission and store nothing", async () => {
    const ada = await signUp(t.app);
    const key = randomUUID();
    const first = await post(ada, "return 1", key);
    assert.equal(first.statusCode, 202);
    const retry = await post(ada, "return 1", key);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.headers["idempotent-replayed"], "true");
    assert.equal(retry.json().id, first.json().id);
    assert.equal((await t.store.submissions.listForUser(ada.user.id, { limit: 10, offset: 0 })).length, 1);
    assert.equal(await jobCount(ada.user.id), 1);
    // After the verdict too: the retry reports the graded submission, it does not grade again.
    while (await t.worker.runOnce());
    const late = await post(ada, "return 1", key);
    assert.equal(late.json().id, first.json().id);
    assert.equal(late.json().status, "pass");
    assert.equal((await t.store.submissions.listForUser(ada.user.id, { limit: 10, offset: 0 })).length, 1);
  });

  void it("should keep keys per learner, and refuse one key reused for other work with 409", async () => {
    const ada = await signUp(t.app);
    const bob = await signUp(t.app);
    const key = randomUUID();
    const mine = await post(ada, "return 1", key);
    const theirs = await post(bob, "return 1", key);
    assert.equal(theirs.statusCode, 202);
    assert.notEqual(theirs.json().id, mine.json().id);
    const otherSource = await post(ada, "return 2", key);
    assert.equal(otherSource.statusCode, 409);
    assert.equal(otherSource.json().error.code, "CONFLICT");
    const otherExercise = await post(ada, "return 1", key, "running-total");
    assert.equal(otherExercise.statusCode, 409);
    const bad = await post(ada, "return 1", "has spaces in it");
    assert.equal(bad.statusCode, 400);
    assert.equal((await t.store.submissions.listForUser(ada.user.id, { limit: 10, offset: 0 })).length, 1);
    while (await t.worker.runOnce());
  });

  void it("should answer a retry at the pending cap with the first submission, not 429", async () => {
    const carol = await signUp(t.app);
    const keys = Array.from({ length: t.config.limits.pendingPerUser }, () => randomUUID());
    const ids = [];
    for (const key of keys) ids.push((await post(carol, `return "${key}"`, key)).json().id);
    const retry = await post(carol, `return "${keys[2]}"`, keys[2]);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().id, ids[2]);
    assert.equal((await post(carol, "return 'new'", randomUUID())).statusCode, 429);
    while (await t.worker.runOnce());
  });

  void it("should store one submission for many concurrent requests with one key", async () => {
    const dan = await signUp(t.app);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 8 }, () => post(dan, "return 1", key)));
    const ids = new Set(responses.map((r) => r.json().id as string));
    assert.equal(ids.size, 1);
    assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 200, 200, 202]);
    assert.equal((await t.store.submissions.listForUser(dan.user.id, { limit: 10, offset: 0 })).length, 1);
    while (await t.worker.runOnce());
  });

  void it("should accept exactly the pending cap out of 20 concurrent submits, and refuse the rest with 429", async () => {
    const eve = await signUp(t.app);
    const limit = t.config.limits.pendingPerUser;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => post(eve, `return ${i}`)));
    const codes = responses.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 202).length, limit, `status codes: ${codes.join(" ")}`);
    assert.equal(codes.filter((c) => c === 429).length, 20 - limit);
    assert.equal(await t.store.submissions.pendingCount(eve.user.id), limit);
    assert.equal(await jobCount(eve.user.id), limit);
    while (await t.worker.runOnce());
  });

  void it("should answer a retried project upload with the same Idempotency-Key with the first submission", async () => {
    const fay = await signUp(t.app);
    const key = randomUUID();
    const archive = tarGz([{ name: "app.py", data: "print('hi')\n" }]);
    const upload = (): Promise<LightMyRequestResponse> => {
      const body = multipart("archive", "project.tar.gz", archive);
      return t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: { ...fay.headers, ...body.headers, "idempotency-key": key }, payload: body.payload });
    };
    const first = await upload();
    assert.equal(first.statusCode, 202, first.body);
    const retry = await upload();
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().id, first.json().id);
    assert.equal((await t.store.submissions.listForUser(fay.user.id, { limit: 10, offset: 0 })).length, 1);
    while (await t.worker.runOnce());
  });
});
