/**
 * A burst of submissions from several learners while a worker and then the server are
 * killed (SIGKILL) mid-grading: afterwards every accepted submission has exactly one final
 * verdict, none is stuck, a resent request (same Idempotency-Key) stored nothing, and the
 * killed server's jobs were graded again after its restart although their leases last ten
 * minutes (it takes back its dead workers' jobs at start). bench/crash-restart.mjs measures
 * how soon.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIALECTS, type TestDatabase } from "../store/dialects.js";
import { FINAL_STATUSES } from "../../src/store/index.js";
import { kill9, signUpLearner, startServerChild, startWorkerChild, submitAll, type Child, type Learner, type Target } from "./crash.js";

// npm test sends 24; the burst is 1,000 from 20 learners:
// CRASH_LEARNERS=20 CRASH_PER_LEARNER=50 npx tsx --test test/queue/crash-restart.test.ts
const LEARNERS = Number(process.env.CRASH_LEARNERS ?? 4);
const PER_LEARNER = Number(process.env.CRASH_PER_LEARNER ?? 6);
// A guard against a hang (jobs left to a ten-minute lease), not a speed check.
const GUARD_MS = 150_000 + LEARNERS * PER_LEARNER * 500;

async function until(check: () => Promise<boolean>, what: string, stop: AbortSignal): Promise<void> {
  while (!(await check())) {
    if (stop.aborted) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

for (const dialect of DIALECTS) {
  void describe(`a server and a worker killed mid-burst on ${dialect.name}`, { skip: dialect.skip }, () => {
    let database: TestDatabase;
    let dataDir: string;
    const children: Child[] = [];
    before(async () => {
      database = await dialect.create();
      dataDir = mkdtempSync(join(tmpdir(), "roadwork-crash-"));
    });
    after(async () => {
      for (const c of children) await kill9(c.child);
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    void it("should give every accepted submission exactly one final verdict, with no duplicate for a resent request", { timeout: GUARD_MS + 30_000 }, async () => {
      const stop = AbortSignal.timeout(GUARD_MS);
      const { store } = database;
      const first = await startServerChild(database.url, dataDir, { GRADE_MS: "60" });
      children.push(first);
      const worker = await startWorkerChild(database.url, { GRADE_MS: "60" });
      children.push(worker);
      const target: Target = { url: first.url };
      const learners: Learner[] = [];
      for (let n = 0; n < LEARNERS; n++) learners.push(await signUpLearner(target, n));
      const burst = Promise.all(learners.map((l) => submitAll(target, l, PER_LEARNER, stop)));

      const heldBy = async (match: (workerId: string) => boolean): Promise<string[]> => (await store.jobs.leased()).filter((j) => match(j.worker_id ?? "")).map((j) => j.submission_id);
      const ofWorker = (id: string): boolean => id === `child-${worker.child.pid}`;
      const ofFirstServer = (id: string): boolean => id.includes(`/${first.child.pid}/`);
      // Kill the worker while it grades, then the server while its own workers grade.
      await until(async () => (await heldBy(ofWorker)).length > 0, "the worker to take a job", stop);
      await kill9(worker.child);
      await until(async () => (await heldBy(ofFirstServer)).length > 0, "the server's workers to take a job", stop);
      // Frozen first, so that no job it holds can finish between the look and the kill (a job
      // takes 60 ms here); a statement already sent gets a moment to land.
      first.child.kill("SIGSTOP");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const orphans = await heldBy(ofFirstServer);
      await kill9(first.child);
      assert.ok(orphans.length > 0);

      const second = await startServerChild(database.url, dataDir, { GRADE_MS: "60" });
      children.push(second);
      target.url = second.url;
      await burst.catch(async (error: unknown) => {
        const jobs = await store.jobs.leased();
        throw new Error(`${(error as Error).message}; jobs ${JSON.stringify(await store.jobs.counts())}, leased by ${jobs.map((j) => j.worker_id).join(", ")}`);
      });

      const accepted = learners.flatMap((l) => [...l.answers.values()]);
      await until(async () => {
        for (const set of accepted) for (const id of set) if (!FINAL_STATUSES.includes((await store.submissions.byId(id))?.status ?? "queued")) return false;
        return true;
      }, "every accepted submission to get its verdict", stop);

      for (const learner of learners) {
        // One id per key, however often the request was sent.
        for (const [key, ids] of learner.answers) assert.equal(ids.size, 1, `key ${key} was answered with ${[...ids].join(", ")}`);
        const ids = new Set([...learner.answers.values()].flatMap((s) => [...s]));
        assert.equal(ids.size, PER_LEARNER);
        // Nothing stored that the learner was not told about: no duplicate from a resent request.
        const stored = await store.submissions.listForUser(learner.userId, { limit: PER_LEARNER + 100, offset: 0 });
        assert.deepEqual(new Set(stored.map((s) => s.id)), ids);
        for (const submission of stored) {
          assert.equal(submission.status, "pass", `${submission.id}: ${submission.report ?? ""}`);
          assert.equal((await store.jobs.bySubmission(submission.id))?.state, "done");
        }
      }
      // The killed server's jobs were graded again, by the server that came back.
      for (const id of orphans) {
        const job = await store.jobs.bySubmission(id);
        assert.equal(job?.state, "done");
        assert.ok((job?.attempts ?? 0) >= 2);
      }
      assert.deepEqual((await store.jobs.counts()).leased, 0);
    });
  });
}
