/**
 * The guestbook project (web-framework step): its own promises, checked without grading
 * (three references, at least three bad apps per stage, a title on every Hurl entry, pages
 * read with xpath),
 * then graded in the sandbox: the Flask reference passes every stage, and three bad apps
 * fail exactly at their stage with a message that shows what the page held. The whole-track
 * content check (builtin-content-check.test.ts) grades every reference and bad app.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { checkProject, loadProject, testProject, type Project } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PROJECT_DIR = fileURLToPath(new URL("../../tracks/python-backend/projects/guestbook", import.meta.url));

void describe("the guestbook project, as content", () => {
  const project = loadProject(PROJECT_DIR);

  void it("has at least three bad apps failing at every stage", () => {
    const thin = project.stages.filter((stage) => project.bad.filter((bad) => bad.failsAt === stage.n).length < 3).map((stage) => stage.n);
    assert.deepEqual(thin, [], "stages with fewer than three bad apps");
    assert.ok(project.stages.length >= 8, `only ${project.stages.length} stages`);
    assert.deepEqual(Object.keys(project.references).sort(), ["django", "fastapi", "flask"]);
    assert.deepEqual([...new Set(project.bad.map((bad) => bad.framework))].sort(), ["django", "fastapi", "flask"]);
  });

  void it("titles every entry of its Hurl stages for learners", () => {
    const untitled = project.stages.flatMap((stage) =>
      stage.kind === "hurl" ? stage.hurl.entries.filter((entry) => entry.title === undefined).map((entry) => `${stage.testsPath}:${entry.line}`) : [],
    );
    assert.deepEqual(untitled, []);
  });

  void it("reads pages by their structure: every stage that asserts on a page body does it with xpath, never regex", () => {
    const regex = project.stages.flatMap((stage) =>
      stage.kind === "hurl"
        ? stage.hurl.entries.flatMap((entry) => [...(entry.response?.asserts ?? []), ...(entry.response?.captures ?? [])].filter((check) => check.query.kind === "regex").map((check) => `${stage.testsPath}:${check.line}`))
        : [],
    );
    assert.deepEqual(regex, []);
    const withXpath = project.stages.filter((stage) => stage.kind === "hurl" && stage.hurl.entries.some((entry) => entry.response?.asserts.some((check) => check.query.kind === "xpath")));
    assert.equal(withXpath.length, project.stages.filter((stage) => stage.kind === "hurl").length);
  });
});

void describe("the guestbook project, graded", () => {
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
  });

  const cases = [
    { path: "bad/02-redirect-302.patch", shows: /expected status 303\n\s+got 302/ },
    { path: "bad/04-message-marked-safe.patch", shows: /expected xpath "\/\/script" count == 0\n\s+got 1 in body/ },
    { path: "bad/05-token-not-checked.patch", shows: /expected status >= 400\n\s+got 303/ },
  ];
  for (const { path, shows } of cases) {
    void it(`fails ${path} exactly at its stage, showing what the page held`, async () => {
      const bad = project.bad.find((each) => each.patch?.endsWith(path));
      assert.ok(bad, `${path} is not listed in project.yaml`);
      const [outcome] = await checkProject({ ...project, references: {}, bad: [bad] }, sandbox);
      assert.equal(outcome?.report.status, "fail", outcome?.problem);
      assert.equal(outcome?.report.failed_stage, bad.failsAt, outcome?.problem);
      assert.equal(outcome?.ok, true);
      const messages = outcome?.report.tests.filter((test) => test.status !== "pass").map((test) => test.message ?? "") ?? [];
      assert.match(messages.join("\n"), shows);
    });
  }
});
