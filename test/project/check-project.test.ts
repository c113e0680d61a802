/**
 * checkProject's verdict on bad apps, with a stand-in project runner: an app that fails at its
 * stage only because it never started (or stopped on its own) proves nothing unless it says
 * expect: crash, and an app that names a check must fail that check.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { BadApp, Project } from "../../src/content/project.js";
import type { GradeReport, TestResult } from "../../src/grading/report.js";
import { checkProject } from "../../src/grading/project/check-project.js";
import { recordingLog } from "../../src/log.js";
import { APP_STARTS_CHECK } from "../../src/grading/project/test-project.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";

const noSandbox = {} as Sandbox;

function failAt(stage: number, tests: TestResult[], limits = false): GradeReport {
  const report: GradeReport = { version: 3, status: "fail", message: `Stage ${stage} does not pass yet.`, tests, stage, failed_stage: stage };
  if (limits) report.limits_hit = [{ limit: "memory", message: "memory limit 512 MiB reached" }];
  return report;
}

const passed = (stage: number, name: string): TestResult => ({ name: `stage ${stage}: ${name}`, status: "pass", stage });
const failed = (stage: number, name: string, message = "Expected 201, got 200."): TestResult => ({ name: `stage ${stage}: ${name}`, status: "fail", stage, message });
const neverStarted = failed(1, APP_STARTS_CHECK, "Stage 1 (Health): The app stopped before it answered any request: it exited with code 1.");
const stoppedMidStage = failed(2, "POST /tasks creates a task", "Stage 2 (Tasks): ...\n\nResponse: none\n\nThe app has stopped: it exited with code 1.");

/** Checks one bad app whose run gives `report`; returns its problem, or undefined when it is ok. */
async function verdict(bad: Partial<BadApp> & { failsAt: number }, report: GradeReport): Promise<string | undefined> {
  const project = { id: "p", references: {}, bad: [{ dir: "/nowhere", framework: "flask", ...bad }] } as unknown as Project;
  const runs: number[] = [];
  const [outcome] = await checkProject(project, noSandbox, {
    testProject: (options) => {
      runs.push(options.upToStage ?? -1);
      return Promise.resolve(report);
    },
  });
  assert.deepEqual(runs, [bad.failsAt], "the bad app runs up to its fails_at");
  assert.ok(outcome !== undefined);
  assert.equal(outcome.ok, outcome.problem === undefined);
  return outcome.problem;
}

void describe("checkProject on bad apps, with a stand-in project runner", () => {
  void it("accepts a failed check at fails_at, and refuses a pass or a failure at another stage", async () => {
    assert.equal(await verdict({ failsAt: 2 }, failAt(2, [passed(1, "GET /health"), failed(2, "POST /tasks creates a task")])), undefined);
    assert.match((await verdict({ failsAt: 2 }, { version: 3, status: "pass", tests: [], stage: 2 })) ?? "", /passes every stage up to 2, but it must fail exactly at stage 2/);
    assert.match((await verdict({ failsAt: 2 }, failAt(1, [failed(1, "GET /health")]))) ?? "", /fails at stage 1 \("stage 1: GET \/health"\), but it must fail exactly at stage 2/);
  });

  void it("refuses an app that only never starts, unless it says expect: crash", async () => {
    const report = failAt(1, [neverStarted]);
    assert.match((await verdict({ failsAt: 1 }, report)) ?? "", /only because the app never started or stopped on its own, which proves nothing about the stage's checks: make it fail a check, or say expect: crash/);
    assert.equal(await verdict({ failsAt: 1, expectCrash: true }, report), undefined);
  });

  void it("refuses an app that only stops on its own during its stage, and accepts one that reaches a named limit", async () => {
    assert.match((await verdict({ failsAt: 2 }, failAt(2, [passed(1, "GET /health"), stoppedMidStage]))) ?? "", /only because the app never started or stopped/);
    assert.equal(await verdict({ failsAt: 2 }, failAt(2, [passed(1, "GET /health"), stoppedMidStage], true)), undefined);
    assert.equal(await verdict({ failsAt: 2 }, failAt(2, [stoppedMidStage, failed(2, "GET /tasks lists it")])), undefined);
  });

  void it("requires the check fails: names to be among the failing ones", async () => {
    const report = failAt(2, [passed(1, "GET /health"), passed(2, "GET /tasks lists it"), failed(2, "POST /tasks creates a task")]);
    assert.equal(await verdict({ failsAt: 2, fails: "POST /tasks creates a task" }, report), undefined);
    assert.match((await verdict({ failsAt: 2, fails: "GET /tasks lists it" }, report)) ?? "", /passes "stage 2: GET \/tasks lists it", the check its fails: names/);
    assert.match((await verdict({ failsAt: 2, fails: "DELETE /tasks/1" }, report)) ?? "", /does not fail "stage 2: DELETE \/tasks\/1".*it fails "stage 2: POST \/tasks creates a task"/);
    // expect: crash does not excuse a named check that does not fail.
    assert.match((await verdict({ failsAt: 1, expectCrash: true, fails: "GET /health" }, failAt(1, [neverStarted]))) ?? "", /does not fail "stage 1: GET \/health"/);
  });
});

void describe("checkProject on starter code (project.yaml starter:)", () => {
  void it("runs every stage on each starter and wants it to fail somewhere: a starter that passes gives the project away", async () => {
    const project = { id: "p", references: {}, bad: [], starters: { flask: "/starter/flask" } } as unknown as Project;
    const check = async (report: GradeReport) => {
      const runs: Array<number | undefined> = [];
      const outcomes = await checkProject(project, noSandbox, {
        testProject: (options) => {
          runs.push(options.upToStage);
          return Promise.resolve(report);
        },
      });
      assert.deepEqual(runs, [undefined], "the starter runs every stage");
      return outcomes;
    };
    const [failing] = await check(failAt(7, [passed(6, "restart"), failed(7, "18:00 at +02:00 is 16:00 UTC.")]));
    assert.equal(failing?.kind, "starter");
    assert.equal(failing?.ok, true);
    const [passing] = await check({ version: 3, status: "pass", tests: [], stage: 12 });
    assert.equal(passing?.ok, false);
    assert.match(passing?.problem ?? "", /the flask starter passes every stage up to 12; a starter must fail some stage/);
  });
});

void describe("checkProject names the cause, not only the check", () => {
  void it("gives a reference that never started its failing check's message, the app log's last lines included", async () => {
    const log = ["Stage 1 (Health): The app stopped before it answered any request: it exited with code 2.", "", "App log (last lines):", '  File "/app/app.py", line 90, in <module>', "ModuleNotFoundError: No module named 'nonexistent'"].join("\n");
    const project = { id: "p", references: { flask: "/reference/flask" }, bad: [] } as unknown as Project;
    const [outcome] = await checkProject(project, noSandbox, { testProject: () => Promise.resolve(failAt(1, [failed(1, APP_STARTS_CHECK, log)])) });
    assert.equal(outcome?.ok, false);
    assert.match(outcome?.problem ?? "", /the flask reference fails at stage 1/);
    assert.equal(outcome?.detail, log);
  });

  void it("keeps only the last 25 lines of a long message, and adds nothing when the app holds", async () => {
    const long = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n");
    const project = { id: "p", references: { flask: "/reference/flask" }, bad: [] } as unknown as Project;
    const [failing] = await checkProject(project, noSandbox, { testProject: () => Promise.resolve(failAt(2, [passed(1, "GET /health"), failed(2, "POST /tasks", long)])) });
    assert.equal(failing?.detail?.split("\n").length, 25);
    assert.match(failing?.detail ?? "", /^line 16\n[\s\S]*line 40$/);
    const [holding] = await checkProject(project, noSandbox, { testProject: () => Promise.resolve({ version: 3, status: "pass", tests: [passed(1, "GET /health")], stage: 1 }) });
    assert.equal(holding?.ok, true);
    assert.equal(holding?.detail, undefined);
  });
});

void describe("checkProject with a patch that no longer applies", () => {
  void it("names the patch file in that bad app's outcome, and checks the other apps", async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "roadwork-stale-patch-"));
    try {
      mkdirSync(join(dir, "reference"));
      writeFileSync(join(dir, "reference", "app.py"), "print('hello')\n");
      const patch = join(dir, "01-stale.patch");
      writeFileSync(patch, "--- a/app.py\n+++ b/app.py\n@@ -1,1 +1,1 @@\n-print('a line the reference no longer has')\n+print('bye')\n");
      const project = { id: "p", references: { flask: join(dir, "reference") }, bad: [{ dir: join(dir, "reference"), patch, framework: "flask", failsAt: 1 }] } as unknown as Project;
      const outcomes = await checkProject(project, noSandbox, { testProject: () => Promise.resolve({ version: 3, status: "pass", tests: [passed(1, "GET /health")], stage: 1 }) });
      assert.equal(outcomes.length, 2);
      assert.equal(outcomes[0]?.ok, true, "the reference is still checked");
      assert.equal(outcomes[1]?.ok, false);
      assert.equal(outcomes[1]?.dir, patch);
      assert.match(outcomes[1]?.problem ?? "", new RegExp(`^${patch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: the patch no longer applies to app\\.py`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

void describe("checkProject and an app killed from outside", () => {
  const killedMidStage = failed(2, "POST /tasks creates a task", "Stage 2 (Tasks): ...\n\nResponse: none\n\nThe app has stopped: it was stopped by signal SIGKILL.");
  const holding: GradeReport = { version: 3, status: "pass", tests: [passed(1, "GET /health"), passed(2, "POST /tasks creates a task")], stage: 2 };

  void it("tests an app once more when its outcome is wrong only after a SIGKILL no limit explains, and says so", async () => {
    const project = { id: "p", references: { flask: "/ref" }, bad: [] } as unknown as Project;
    let runs = 0;
    const log = recordingLog();
    const [outcome] = await checkProject(project, noSandbox, { log, testProject: () => Promise.resolve(++runs === 1 ? failAt(2, [passed(1, "GET /health"), killedMidStage]) : holding) });
    assert.equal(outcome?.ok, true, outcome?.problem);
    assert.equal(runs, 2);
    assert.deepEqual(log.lines.map((line) => [line.msg, line.fields.app]), [["an app was killed by a signal no limit explains; testing it once more", "/ref"]]);
  });

  void it("reports an app killed the same way again, and never tests again an app that failed a check, or one stopped at a named limit", async () => {
    let runs = 0;
    const always = (report: GradeReport) => () => {
      runs += 1;
      return Promise.resolve(report);
    };
    const project = { id: "p", references: { flask: "/ref" }, bad: [] } as unknown as Project;
    const [killed] = await checkProject(project, noSandbox, { testProject: always(failAt(2, [passed(1, "GET /health"), killedMidStage])) });
    assert.equal(killed?.ok, false);
    assert.match(killed?.detail ?? "", /stopped by signal SIGKILL/);
    assert.equal(runs, 2);
    runs = 0;
    await checkProject(project, noSandbox, { testProject: always(failAt(2, [passed(1, "GET /health"), failed(2, "POST /tasks creates a task")])) });
    assert.equal(runs, 1);
    runs = 0;
    await checkProject(project, noSandbox, { testProject: always(failAt(2, [passed(1, "GET /health"), killedMidStage], true)) });
    assert.equal(runs, 1);
  });
});
