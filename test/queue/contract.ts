/**
 * The GradingQueue contract: every implementation runs this suite
 * (`runQueueContract({ name, create })`), the way every router in Hono runs one suite.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { GradingQueue } from "../../src/queue/types.js";
import type { Store } from "../../src/store/index.js";

export interface QueueUnderTest {
  queue: GradingQueue;
  store: Store;
  /** The queue's clock; tests move it. */
  clock: { now: number };
  close(): Promise<void>;
}

export interface QueueContractOptions {
  name: string;
  skip?: string | undefined;
  /** A queue with maxAttempts 3 and backoffMs 1000 over an empty store. */
  create(): Promise<QueueUnderTest>;
}

const pass = { version: 3 as const, status: "pass" as const, tests: [{ name: "t", status: "pass" as const }] };

export function runQueueContract(options: QueueContractOptions): void {
  void describe(`GradingQueue contract: ${options.name}`, { skip: options.skip }, () => {
    let q: QueueUnderTest;
    let userId: string;
    before(async () => {
      q = await options.create();
      userId = (await q.store.users.create({ email: "queue@example.org", name: "Q", passwordHash: "h", role: "learner" })).id;
    });
    after(async () => {
      await q?.close();
    });

    async function submit(): Promise<string> {
      const submission = await q.store.submissions.create({ userId, itemKind: "exercise", itemId: "greet-user", source: "print(1)" }, q.clock.now);
      await q.queue.enqueue(submission.id);
      return submission.id;
    }

    /** Leases everything left over from earlier tests so each test starts with an empty queue. */
    async function drain(): Promise<void> {
      q.clock.now += 10 * 60_000;
      for (;;) {
        const lease = await q.queue.lease("drainer", 1000);
        if (lease === undefined) break;
        await q.queue.complete(lease, pass);
      }
    }

    void it("leases nothing from an empty queue", async () => {
      await drain();
      assert.equal(await q.queue.lease("w1", 1000), undefined);
    });

    void it("hands a job to one worker only, marks the submission running, and stores the verdict", async () => {
      await drain();
      const id = await submit();
      const lease = await q.queue.lease("w1", 1000);
      assert.equal(lease?.submissionId, id);
      assert.equal(lease?.attempt, 1);
      assert.equal(await q.queue.lease("w2", 1000), undefined);
      assert.equal((await q.store.submissions.byId(id))?.status, "running");
      assert.equal(await q.queue.complete(lease!, pass), true);
      const stored = await q.store.submissions.byId(id);
      assert.equal(stored?.status, "pass");
      assert.deepEqual(JSON.parse(stored?.report ?? "null").tests, pass.tests);
      assert.equal((await q.store.jobs.bySubmission(id))?.state, "done");
    });

    void it("serves jobs oldest first", async () => {
      await drain();
      const a = await submit();
      q.clock.now += 1;
      const b = await submit();
      assert.equal((await q.queue.lease("w1", 1000))?.submissionId, a);
      assert.equal((await q.queue.lease("w1", 1000))?.submissionId, b);
    });

    void it("gives concurrent workers different jobs", async () => {
      await drain();
      const ids = new Set([await submit(), await submit(), await submit(), await submit()]);
      const leases = await Promise.all(["a", "b", "c", "d", "e"].map((w) => q.queue.lease(w, 1000)));
      const got = leases.filter((l) => l !== undefined).map((l) => l.submissionId);
      assert.equal(got.length, 4);
      assert.deepEqual(new Set(got), ids);
    });

    void it("loses no job when a worker dies: the lease runs out and another worker takes it", async () => {
      await drain();
      const id = await submit();
      const crashed = await q.queue.lease("dies", 1000);
      assert.equal(crashed?.submissionId, id);
      q.clock.now += 500;
      assert.equal(await q.queue.lease("w2", 1000), undefined, "the lease still holds");
      q.clock.now += 501;
      const taken = await q.queue.lease("w2", 1000);
      assert.equal(taken?.submissionId, id);
      assert.equal(taken?.attempt, 2);
      // The dead worker coming back cannot overwrite the new holder's work.
      assert.equal(await q.queue.complete(crashed!, { ...pass, status: "fail" }), false);
      assert.equal(await q.queue.complete(taken!, pass), true);
      assert.equal((await q.store.submissions.byId(id))?.status, "pass");
    });

    void it("recoverExpired puts a vanished worker's job back in the queue", async () => {
      await drain();
      const id = await submit();
      await q.queue.lease("dies", 1000);
      q.clock.now += 1001;
      assert.deepEqual(await q.queue.recoverExpired(), { requeued: 1, failed: 0 });
      assert.equal((await q.store.submissions.byId(id))?.status, "queued");
      assert.equal((await q.queue.lease("w2", 1000))?.submissionId, id);
    });

    void it("extends a lease so that a long grading is not taken over", async () => {
      await drain();
      await submit();
      const lease = await q.queue.lease("slow", 1000);
      q.clock.now += 900;
      const renewed = await q.queue.extendLease(lease!, 1000);
      assert.ok(renewed);
      q.clock.now += 900;
      assert.equal(await q.queue.lease("w2", 1000), undefined);
      assert.equal(await q.queue.complete(renewed, pass), true);
    });

    void it("does not extend a lease that was lost", async () => {
      await drain();
      await submit();
      const lease = await q.queue.lease("slow", 1000);
      q.clock.now += 1001;
      await q.queue.lease("w2", 1000);
      assert.equal(await q.queue.extendLease(lease!, 1000), undefined);
    });

    void it("retries a broken grading after a backoff, then gives an error verdict after the last attempt", async () => {
      await drain();
      const id = await submit();
      const first = await q.queue.lease("w1", 1000);
      assert.deepEqual(await q.queue.fail(first!, "sandbox crashed"), { kind: "retry", runAfter: q.clock.now + 1000 });
      assert.equal((await q.store.submissions.byId(id))?.status, "queued");
      assert.equal(await q.queue.lease("w1", 1000), undefined, "not before the backoff");
      q.clock.now += 1000;
      const second = await q.queue.lease("w1", 1000);
      assert.equal(second?.attempt, 2);
      assert.deepEqual(await q.queue.fail(second!, "sandbox crashed"), { kind: "retry", runAfter: q.clock.now + 2000 });
      q.clock.now += 2000;
      const third = await q.queue.lease("w1", 1000);
      assert.equal(third?.attempt, 3);
      assert.deepEqual(await q.queue.fail(third!, "sandbox crashed"), { kind: "gave-up" });
      const stored = await q.store.submissions.byId(id);
      assert.equal(stored?.status, "error");
      assert.match(JSON.parse(stored?.report ?? "{}").message, /after 3 attempts: sandbox crashed/);
      assert.equal((await q.store.jobs.bySubmission(id))?.state, "failed");
      q.clock.now += 60_000;
      assert.equal(await q.queue.lease("w1", 1000), undefined);
    });

    void it("gives an error verdict when the last attempt's worker vanishes", async () => {
      await drain();
      const id = await submit();
      for (let attempt = 1; attempt <= 3; attempt++) {
        const lease = await q.queue.lease(`dies-${attempt}`, 1000);
        assert.equal(lease?.attempt, attempt);
        q.clock.now += 1001;
      }
      assert.equal(await q.queue.lease("w2", 1000), undefined, "no fourth attempt");
      assert.deepEqual(await q.queue.recoverExpired(), { requeued: 0, failed: 1 });
      assert.equal((await q.store.submissions.byId(id))?.status, "error");
    });

    void it("counts jobs by state", async () => {
      await drain();
      await submit();
      const counts = await q.queue.counts();
      assert.equal(counts.queued, 1);
      assert.ok(counts.done > 0);
    });
  });
}
