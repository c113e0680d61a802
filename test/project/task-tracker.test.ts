import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadProject, testProject, checkProject, type Framework, type Project } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PROJECT_DIR = fileURLToPath(new URL("../../tracks/python-backend/projects/task-tracker", import.meta.url));
const skip = existsSync(`${PROJECT_DIR}/project.yaml`) ? false : `the task-tracker project is not in ${PROJECT_DIR} yet`;

// Promises checked without grading (builtin-content-check.test.ts grades every bad app).
void describe("the task-tracker project's content", { skip }, () => {
  const project = skip === false ? loadProject(PROJECT_DIR) : undefined;

  void it("has at least three bad apps failing at every stage, over the three frameworks", () => {
    assert.ok(project);
    const thin = project.stages.filter((stage) => project.bad.filter((bad) => bad.failsAt === stage.n).length < 3).map((stage) => stage.n);
    assert.deepEqual(thin, [], "stages with fewer than three bad apps");
    const frameworks = new Set<Framework>(project.bad.map((bad) => bad.framework));
    assert.deepEqual([...frameworks].sort(), ["django", "fastapi", "flask"]);
  });

  void it("titles every entry of its Hurl stages for learners", () => {
    assert.ok(project);
    const untitled = project.stages.flatMap((stage) =>
      stage.kind === "hurl" ? stage.hurl.entries.filter((entry) => entry.title === undefined).map((entry) => `${stage.testsPath}:${entry.line}`) : [],
    );
    assert.deepEqual(untitled, []);
  });
});

void describe("the task-tracker project", { skip }, () => {
  let project: Project;
  let sandbox: Sandbox;
  before(async () => {
    project = loadProject(PROJECT_DIR);
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox?.close();
  });

  void it("passes the Flask reference on every stage", async (t) => {
    const flask = project.references.flask;
    if (flask === undefined) return t.skip("no Flask reference in project.yaml");
    const report = await testProject({ sandbox, project, appDir: flask });
    const failed = report.tests.filter((test) => test.status !== "pass");
    assert.equal(report.status, "pass", `${report.message ?? ""}\n${failed.map((f) => f.message).join("\n\n")}`);
    assert.equal(report.stage, project.stages.length);
    assert.ok(report.tests.length >= project.stages.length);
  });

  void it("fails a bad app exactly at the stage it is written to fail", async (t) => {
    const bad = project.bad[0];
    if (bad === undefined) return t.skip("project.yaml lists no bad apps yet");
    const outcomes = await checkProject({ ...project, references: {}, bad: [bad] }, sandbox);
    assert.equal(outcomes.length, 1);
    const outcome = outcomes[0];
    assert.equal(outcome?.report.status, "fail", outcome?.problem);
    assert.equal(outcome?.report.failed_stage, bad.failsAt, outcome?.problem);
    assert.equal(outcome?.ok, true);
  });
});
