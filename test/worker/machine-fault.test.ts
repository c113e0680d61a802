/**
 * A machine fault in the middle of project grading (the sandbox fails under the learner's
 * app: a cgroup that cannot be written) is retried by the queue and never stored as the
 * learner's verdict. Before the job boundary, the app's process was reported as one that
 * never answered: a "fail" after the boot time limit, on the learner's record.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { RoadworkError } from "../../src/errors.js";
import { loadProject, testProject, type Project } from "../../src/grading/project/index.js";
import type { Sandbox, SandboxProcess } from "../../src/grading/sandbox/types.js";
import { DatabaseQueue } from "../../src/queue/database-queue.js";
import { Worker } from "../../src/queue/worker.js";
import type { GradingBackend } from "../../src/worker/backend.js";
import { createJobGrader } from "../../src/worker/grade-job.js";
import { flaskApp, PROJECT_FILES, tempDir, writeTree } from "../project/fixtures.js";
import { sandboxForTests } from "../project/sandbox-for-tests.js";
import { DIALECTS, type TestDatabase } from "../store/dialects.js";

const PYTHON = "/usr/bin/python3";

/** What the sandbox hands back when preparing a run fails after spawn() returned: a process whose result rejects. */
function processTheSandboxLost(fault: Error): SandboxProcess {
  const result = Promise.reject(fault);
  result.catch(() => undefined);
  return {
    stdin: null,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    channels: [],
    result,
    connect: () => Promise.reject(new Error("the run has ended")),
    expose: () => Promise.reject(new Error("the run has ended")),
    kill: () => result,
    cpuWaitMs: () => 0,
  };
}

void describe("a machine fault during project grading", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  const dir = tempDir("machine-fault");
  let sandbox: Sandbox;
  let project: Project;
  let database: TestDatabase;
  before(async () => {
    sandbox = await sandboxForTests();
    const loaded = loadProject(writeTree(join(dir.path, "notes"), PROJECT_FILES));
    // Short, so that the run before the fix (which waited for the app until this limit) ends soon.
    project = { ...loaded, limits: { ...loaded.limits, boot_time_ms: 3_000 } };
    database = await DIALECTS[0]!.create();
  });
  after(async () => {
    await database?.drop();
    await sandbox?.close();
    dir.remove();
  });

  void it("is retried by the queue, and the learner's submission holds no verdict", { timeout: 60_000 }, async () => {
    const faulty: Sandbox = {
      name: "cgroup writes fail",
      protections: () => sandbox.protections(),
      spawn: () => processTheSandboxLost(new RoadworkError("INFRASTRUCTURE", "cannot write /sys/fs/cgroup/memory/roadwork-1/memory.limit_in_bytes: EBUSY")),
      acquireIdentity: () => sandbox.acquireIdentity(),
      run: (spec) => sandbox.run(spec),
      close: () => Promise.resolve(),
    };
    const backend: GradingBackend = {
      gradeExercise: () => Promise.reject(new Error("projects only")),
      testProject: (p, appDir) => testProject({ sandbox: faulty, project: p, appDir }),
      close: () => Promise.resolve(),
    };
    const { store } = database;
    const learner = await store.users.create({ email: "ada@example.org", name: "Ada", passwordHash: "x", role: "learner" });
    const queue = new DatabaseQueue(store, { maxAttempts: 3, backoffMs: 1 });
    const submission = await store.submissions.create({ userId: learner.id, itemKind: "project", itemId: project.id });
    await store.db.updateTable("submissions").set({ archive_path: writeTree(join(dir.path, "app"), flaskApp("good")) }).where("id", "=", submission.id).execute();
    const jobId = await queue.enqueue(submission.id);
    const items = { exercise: () => undefined, project: (id: string) => (id === project.id ? { project } : undefined) };
    const worker = new Worker({ queue, store, grader: createJobGrader({ items, backend }), leaseMs: 30_000 });

    assert.equal(await worker.runOnce(), true);

    const row = await store.submissions.byId(submission.id);
    assert.equal(row?.status, "queued", `the submission was stored as ${row?.status}: ${row?.report ?? ""}`);
    assert.equal(row?.report, null);
    const job = await store.jobs.byId(jobId);
    assert.equal(job?.state, "queued");
    assert.equal(job?.attempts, 1);
    assert.match(job?.last_error ?? "", /memory\.limit_in_bytes: EBUSY/);
  });
});
