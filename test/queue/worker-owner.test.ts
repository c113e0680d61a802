/**
 * A restarted process takes back at once the jobs its dead predecessor (or a dead worker of
 * this host) held, instead of waiting a full lease; living workers and other hosts' workers
 * keep theirs.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { localOwnerGone, localWorkerId, ownerOf, processStart } from "../../src/queue/worker-owner.js";
import { DatabaseQueue } from "../../src/queue/database-queue.js";
import { DIALECTS, type TestDatabase } from "../store/dialects.js";

/** The worker id a process that has exited would have used. */
async function deadWorkerId(): Promise<string> {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 10000)"], { stdio: "ignore" });
  const pid = child.pid ?? 0;
  const start = processStart(pid) ?? "0";
  child.kill("SIGKILL");
  await once(child, "exit");
  const [host] = localWorkerId().split("/");
  return `${host}/${pid}/${start}/abcdef`;
}

void describe("worker owners", () => {
  void it("should name this process in its worker ids and judge it alive", () => {
    const id = localWorkerId();
    assert.equal(ownerOf(id)?.pid, process.pid);
    assert.equal(localOwnerGone(id), false);
  });

  void it("should judge a worker dead when its process is gone, or its pid now belongs to a later process", async () => {
    assert.equal(localOwnerGone(await deadWorkerId()), true);
    const [host, pid] = localWorkerId().split("/");
    // This very pid, started at another time: a restarted container that got the same pid.
    assert.equal(localOwnerGone(`${host}/${pid}/1/abcdef`), true);
  });

  void it("should leave workers of other hosts, and ids of another form, to their leases", async () => {
    const [, ...rest] = (await deadWorkerId()).split("/");
    assert.equal(localOwnerGone(["another-host", ...rest].join("/")), false);
    assert.equal(localOwnerGone("child-12345"), false);
    assert.equal(ownerOf("a/b/c"), undefined);
  });
});

for (const dialect of DIALECTS) {
  void describe(`taking back a dead worker's jobs on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(async () => {
      await database?.drop();
    });

    void it("should requeue a job of a dead local worker at once, long before its lease runs out, and keep a living worker's", async () => {
      const { store } = database;
      const clock = { now: 1_000_000 };
      const queue = new DatabaseQueue(store, { ownerGone: localOwnerGone, now: () => clock.now });
      const user = await store.users.create({ email: "owner@example.org", name: "O", passwordHash: "h", role: "learner" });
      const deadJob = await store.submissions.create({ userId: user.id, itemKind: "exercise", itemId: "greet-user", source: "1" }, clock.now);
      await queue.enqueue(deadJob.id);
      const liveJob = await store.submissions.create({ userId: user.id, itemKind: "exercise", itemId: "greet-user", source: "2" }, clock.now + 1);
      await queue.enqueue(liveJob.id);
      const dead = await queue.lease(await deadWorkerId(), 60_000);
      const alive = await queue.lease(localWorkerId(), 60_000);
      assert.equal(dead?.submissionId, deadJob.id);
      assert.equal(alive?.submissionId, liveJob.id);
      clock.now += 2000;
      assert.deepEqual(await queue.recoverExpired(), { requeued: 1, failed: 0 });
      assert.equal((await store.jobs.bySubmission(deadJob.id))?.state, "queued");
      assert.equal((await store.submissions.byId(deadJob.id))?.status, "queued");
      assert.equal((await store.jobs.bySubmission(liveJob.id))?.state, "leased");
      const again = await queue.lease("rescuer", 60_000);
      assert.equal(again?.submissionId, deadJob.id);
      assert.equal(again?.attempt, 2);
      // The dead worker's lease no longer finishes the job.
      assert.equal(await queue.complete(dead!, { version: 3, status: "pass", tests: [] }), false);
    });
  });
}
