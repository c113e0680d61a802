import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadProject, testProject, type Project } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { flaskApp, PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PYTHON = "/usr/bin/python3";

void describe("testProject on a two-stage project", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  const dir = tempDir("project");
  let project: Project;
  let sandbox: Sandbox;
  before(async () => {
    project = loadProject(writeTree(join(dir.path, "notes"), PROJECT_FILES));
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  const appFolder = (name: string, files: Record<string, string>): string => writeTree(join(dir.path, name), files);

  void it("passes a working Flask app, including data that survives restartApp", async (t) => {
    t.diagnostic(`apps run in the ${sandbox.name} sandbox`);
    const report = await testProject({ sandbox, project, appDir: appFolder("good", flaskApp("good")) });
    assert.equal(report.status, "pass", JSON.stringify(report, null, 2));
    assert.equal(report.stage, 2);
    assert.equal(report.failed_stage, undefined);
    assert.deepEqual(
      report.tests.map((t) => [t.name, t.status]),
      [
        ["stage 1: GET /health answers 200 with {\"status\": \"ok\"}.", "pass"],
        ["stage 2: POST /notes stores a note", "pass"],
        ["stage 2: the note is in the database", "pass"],
        ["stage 2: the note survives a restart", "pass"],
      ],
    );
  });

  void it("stops at the failing Hurl stage and shows the request, expectation and response", async () => {
    const report = await testProject({ sandbox, project, appDir: appFolder("wrong-health", flaskApp("wrong-health")) });
    assert.equal(report.status, "fail");
    assert.equal(report.failed_stage, 1);
    assert.equal(report.stage, 1);
    assert.equal(report.tests.length, 1, "stage 2 must not run after stage 1 failed");
    const message = report.tests[0]?.message ?? "";
    assert.match(message, /Stage 1 \(Health check\)/);
    assert.match(message, /GET \/health/);
    assert.match(message, /"ok"/);
    assert.match(message, /"fine"/);
    assert.match(message, /HTTP 200/);
    assert.match(message, /App log/);
    assert.equal(report.tests[0]?.test_code, 'GET {{base_url}}/health\nHTTP 200\n[Asserts]\njsonpath "$.status" == "ok"');
  });

  void it("fails the TypeScript stage at the check that does not hold", async () => {
    const report = await testProject({ sandbox, project, appDir: appFolder("no-persist", flaskApp("no-persist")) });
    assert.equal(report.status, "fail");
    assert.equal(report.failed_stage, 2);
    const failed = report.tests.filter((t) => t.status === "fail");
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.name, "stage 2: the note is in the database");
    assert.equal(failed[0]?.stage, 2);
    const message = failed[0]?.message ?? "";
    assert.match(message, /Reading the app's database failed: the app's database does not exist yet/);
    assert.doesNotMatch(message, /unexpected error/);
    // The POST of the check before is not this check's business.
    assert.doesNotMatch(message, /Request sent/);
  });

  void it("runs only the stages asked for", async () => {
    const report = await testProject({ sandbox, project, appDir: appFolder("only-one", flaskApp("no-persist")), upToStage: 1 });
    assert.equal(report.status, "pass");
    assert.equal(report.stage, 1);
    assert.ok(report.tests.every((t) => t.stage === 1));
  });

  void it("reports an app that crashes at import with the end of its log", async () => {
    const report = await testProject({ sandbox, project, appDir: appFolder("crash", { "app.py": "from flask import Flask\napp = Flask(__name__)\nraise RuntimeError('boom at import 42')\n" }) });
    assert.equal(report.status, "fail");
    assert.equal(report.failed_stage, 1);
    const message = report.tests[0]?.message ?? "";
    assert.match(message, /stopped before it answered/);
    assert.match(message, /RuntimeError: boom at import 42/);
    assert.doesNotMatch(message, /boot time limit/);
  });

  void it("reports an app that never listens as a boot-time limit, with its log", async () => {
    const quick: Project = { ...project, limits: { ...project.limits, boot_time_ms: 1500 } };
    const app = appFolder("never-listens", {
      "roadwork.yaml": "framework: flask\nstart: [/usr/bin/python3, app.py]\n",
      "app.py": "import time\nprint('warming up forever', flush=True)\nprint(' * Running on http://127.0.0.1:5000', flush=True)\nwhile True:\n    time.sleep(1)\n",
    });
    const report = await testProject({ sandbox, project: quick, appDir: app });
    assert.equal(report.status, "fail");
    assert.deepEqual(report.limits_hit?.map((h) => h.limit), ["boot-time"]);
    const message = report.tests[0]?.message ?? "";
    assert.match(message, /never listened on port/);
    assert.match(message, /its log says it listens on 5000/);
    assert.match(message, /warming up forever/);
  });

  void it("says so when the app dies during a request, with how it ended", async () => {
    const files = flaskApp("good");
    files["app.py"] = (files["app.py"] ?? "").replace("return jsonify(id=cur.lastrowid), 201", "import os; os._exit(3)");
    const report = await testProject({ sandbox, project, appDir: appFolder("dies", files) });
    assert.equal(report.failed_stage, 2);
    const message = report.tests.find((t) => t.status === "fail")?.message ?? "";
    assert.match(message, /closed the connection without answering: the app has stopped \(it exited with code 3\)/);
    assert.match(message, /POST \/notes/);
  });

  void it("names the memory limit when the app is killed for using too much", async (t) => {
    if (sandbox.name === "host (tests only)") return t.skip("the host stand-in enforces no limits");
    const files = flaskApp("good");
    files["app.py"] = (files["app.py"] ?? "").replace("return jsonify(id=cur.lastrowid), 201", "x = bytearray(100 * 1024 * 1024); return 'x'");
    const small: Project = { ...project, limits: { ...project.limits, memory_mib: 64 } };
    const report = await testProject({ sandbox, project: small, appDir: appFolder("hungry", files) });
    assert.equal(report.failed_stage, 2);
    assert.deepEqual(report.limits_hit?.map((h) => h.limit), ["memory"]);
    assert.match(report.tests.find((t) => t.status === "fail")?.message ?? "", /memory limit 64 MiB reached/);
  });

  void it("gives an error, not a failure, when the framework cannot be told", async () => {
    const report = await testProject({ sandbox, project, appDir: appFolder("no-framework", { "hello.py": "print('hi')\n" }) });
    assert.equal(report.status, "error");
    assert.match(report.message ?? "", /cannot tell which framework/);
  });
});

void describe("stage variables and the keep-going mode", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  const dir = tempDir("variables");
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  /** A project written for {{host}} and {{uid}}, as a suite from elsewhere might be, with three stages. */
  const hostProject = (): Project =>
    loadProject(
      writeTree(join(dir.path, "host-project"), {
        ...PROJECT_FILES,
        "project.yaml": `id: notes
title: Notes API
frameworks:
  flask: { start: ["/usr/bin/python3", "-m", "flask", "--app", "app", "run", "--port", "{PORT}", "--no-reload"] }
variables: { host: "{{base_url}}", uid: "u-{{run_id}}", who: first }
stages:
  - { n: 1, slug: health, title: "Health check", instructions: stages/01.md, tests: stages/01-health.hurl }
  - { n: 2, slug: again, title: "Health again", instructions: stages/01.md, tests: stages/03-again.hurl, variables: { who: second } }
  - { n: 3, slug: notes, title: "Notes that survive a restart", instructions: stages/02.md, tests: stages/02-notes.ts }
`,
        "stages/01-health.hurl": "# Health, through {{host}}.\nGET {{host}}/health?who={{who}}&uid={{uid}}\nHTTP 200\n[Asserts]\njsonpath \"$.status\" == \"ok\"\n",
        "stages/03-again.hurl": "GET {{host}}/health?who={{who}}\nHTTP 200\n",
      }),
    );

  void it("runs a stage written for {{host}} and {{uid}} unchanged, with project.yaml's variables", async () => {
    const report = await testProject({ sandbox, project: hostProject(), appDir: writeTree(join(dir.path, "good"), flaskApp("good")), upToStage: 2 });
    assert.equal(report.status, "pass", JSON.stringify(report, null, 2));
  });

  void it("with keepGoing, runs every stage after a failure and reports each", async () => {
    const project = hostProject();
    assert.equal(project.stages.length, 3);
    const wrong = flaskApp("wrong-health");
    const stopping = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "wrong-1"), wrong) });
    assert.equal(stopping.stage, 1);
    const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "wrong-2"), wrong), keepGoing: true });
    assert.equal(report.status, "fail");
    assert.equal(report.stage, 3);
    assert.equal(report.failed_stage, 1);
    assert.deepEqual([...new Set(report.tests.map((t) => `${t.stage ?? "?"} ${t.status}`))], ["1 fail", "2 pass", "3 pass"]);
    assert.match(report.message ?? "", /Stage 1 \(Health check\) does not pass yet; every other stage up to 3 passes/);
  });
});
