/**
 * When grading breaks after start-up: the workers' faults make grading unavailable, which
 * /healthz and learners see (instead of submissions that stay queued for ever), and the
 * canary probe brings it back. Regression tests for issue 8, finding 16.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { GradingHealth, reportingGrader } from "../../src/server/grading-health.js";
import { fakeJobGrader } from "../worker/fakes.js";
import { discardResults } from "../../src/worker/sink.js";
import { recordingLog } from "../../src/log.js";
import { RoadworkError } from "../../src/errors.js";
import { buildTestApp, fakeGrader, signUp, type TestApp } from "./helpers.js";

/** A grader whose sandbox has broken: every grading throws, as the real one does then. */
const brokenGrader = fakeJobGrader(() => Promise.reject(new Error("mount source /home/ada/roadwork/python/harness is not reachable by the sandbox's uid")));

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(check(), `waited for ${what}`);
}

void describe("grading health", () => {
  let t: TestApp;
  let probeAnswer: string | undefined = "the sandbox could not start";
  const log = recordingLog();
  const health = new GradingHealth({ probe: () => Promise.resolve(probeAnswer), probeEveryMs: 20, log });
  before(async () => {
    t = await buildTestApp({ grader: reportingGrader(brokenGrader, health), gradingHealth: health });
  });
  after(async () => {
    health.close();
    await t?.close();
  });

  void it("should answer /healthz 503, tell learners, and refuse submissions once the workers fail three times in a row", async () => {
    const ada = await signUp(t.app);
    const healthy = await t.app.inject({ method: "GET", url: "/healthz" });
    assert.equal(healthy.statusCode, 200);
    assert.deepEqual(healthy.json().grading, { status: "ok", consecutiveFaults: 0 });
    for (let i = 0; i < 3; i++) {
      const submitted = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "def greet(): return 1" } });
      assert.equal(submitted.statusCode, 202, submitted.body);
      assert.equal(await t.worker.runOnce(), true);
    }
    const down = await t.app.inject({ method: "GET", url: "/healthz" });
    assert.equal(down.statusCode, 503);
    assert.equal(down.json().status, "unavailable");
    assert.equal(down.json().grading.status, "unavailable");
    assert.equal(down.json().grading.consecutiveFaults, 3);
    const notice = await t.app.inject({ method: "GET", url: "/api/grading" });
    assert.equal(notice.json().available, false);
    assert.match(notice.json().message, /Grading is unavailable on this server/);
    const refused = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "def greet(): return 1" } });
    assert.equal(refused.statusCode, 503);
    assert.equal(refused.json().error.code, "SANDBOX_UNAVAILABLE");
    assert.match(refused.json().error.message, /grading is unavailable on this server at the moment/);
    assert.ok(Number(refused.headers["retry-after"]) > 0);
    // The operator's log says why, once.
    const errors = log.lines.filter((line) => line.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.msg ?? "", /grading is unavailable: mount source .* is not reachable/);

    // The probe runs while grading is unavailable; once it passes, submissions are accepted again.
    probeAnswer = undefined;
    await until(() => health.state().status === "ok", "the probe to find grading working again");
    assert.equal((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode, 200);
    const accepted = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: ada.headers, payload: { source: "def greet(): return 1" } });
    assert.equal(accepted.statusCode, 202, accepted.body);
    assert.ok(log.lines.some((line) => line.level === "info" && /grading works again/.test(line.msg ?? "")));
  });
});

void describe("reportingGrader", () => {
  void it("should report ok for any verdict, a fault for a machine failure, and nothing for a grading given up on or a broken track", async () => {
    const health = new GradingHealth({ faultsBeforeUnavailable: 2 });
    const job = { itemKind: "exercise" as const, itemId: "greet-user", source: "x", archivePath: null };
    const running = new AbortController().signal;
    assert.equal((await reportingGrader(brokenGrader, health).gradeJob(job, discardResults, running)).kind, "failure");
    assert.deepEqual(health.state().consecutiveFaults, 1);
    const abandoned = new AbortController();
    abandoned.abort();
    assert.equal((await reportingGrader(brokenGrader, health).gradeJob(job, discardResults, abandoned.signal)).kind, "failure");
    assert.deepEqual(health.state().consecutiveFaults, 1);
    const brokenTrack = fakeJobGrader(() => Promise.reject(new RoadworkError("CONTENT_INVALID", "tests.py does not parse")));
    assert.equal((await reportingGrader(brokenTrack, health).gradeJob(job, discardResults, running)).kind, "failure");
    assert.deepEqual(health.state().consecutiveFaults, 1);
    await reportingGrader(fakeGrader, health).gradeJob(job, discardResults, running);
    assert.deepEqual(health.state(), { status: "ok", consecutiveFaults: 0, since: null, reason: null });
  });
});
