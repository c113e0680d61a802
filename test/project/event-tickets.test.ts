/**
 * The event-tickets project (collaboration step: joining a codebase): its own promises,
 * checked without grading (three references, a starter, at least three bad apps per stage,
 * a title on every Hurl entry, mutants that each name their behaviour), then graded in the
 * sandbox: learner tests that miss a rule fail stage 11 naming the behaviour, never the
 * code. The whole-track content check grades every reference, the starter and every bad app.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkProject, loadProject, type Project } from "../../src/grading/project/index.js";
import { moduleDocstring } from "../../src/content/tests-parts.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PROJECT_DIR = fileURLToPath(new URL("../../tracks/python-backend/projects/event-tickets", import.meta.url));

void describe("the event-tickets project, as content", () => {
  const project = loadProject(PROJECT_DIR);

  void it("has ten stages or more, three references, a Flask starter and at least three bad apps failing at every stage", () => {
    assert.ok(project.stages.length >= 10, `only ${project.stages.length} stages`);
    assert.deepEqual(Object.keys(project.references).sort(), ["django", "fastapi", "flask"]);
    assert.deepEqual(Object.keys(project.starters ?? {}), ["flask"]);
    const thin = project.stages.filter((stage) => project.bad.filter((bad) => bad.failsAt === stage.n).length < 3).map((stage) => stage.n);
    assert.deepEqual(thin, [], "stages with fewer than three bad apps");
    assert.deepEqual([...new Set(project.bad.map((bad) => bad.framework))].sort(), ["django", "fastapi", "flask"]);
  });

  void it("lists the starter as a bad app of the bug's stage, so that the regression stages are proven to pass on it", () => {
    const starter = project.bad.find((bad) => bad.patch === undefined && bad.dir === project.starters?.flask);
    assert.equal(starter?.failsAt, project.stages.find((stage) => stage.slug === "time-zones")?.n);
  });

  void it("titles every entry of its Hurl stages for learners", () => {
    const untitled = project.stages.flatMap((stage) =>
      stage.kind === "hurl" ? stage.hurl.entries.filter((entry) => entry.title === undefined).map((entry) => `${stage.testsPath}:${entry.line}`) : [],
    );
    assert.deepEqual(untitled, []);
  });

  void it("names the behaviour each mutant breaks, each once", () => {
    const dir = join(PROJECT_DIR, "mutants", "export");
    const behaviours = readdirSync(dir).map((name) => moduleDocstring(readFileSync(join(dir, name), "utf8")));
    assert.ok(behaviours.length >= 6);
    assert.ok(behaviours.every((b) => b !== undefined && b.length > 10), JSON.stringify(behaviours));
    assert.equal(new Set(behaviours).size, behaviours.length);
  });
});

void describe("the event-tickets project, graded", () => {
  let project: Project;
  let sandbox: Sandbox;
  before(async () => {
    project = loadProject(PROJECT_DIR);
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox?.close();
  });

  void it("fails tests that never try a cancelled order at stage 11, naming the behaviour and not the mutant's code", async () => {
    const bad = project.bad.find((each) => each.patch?.endsWith("bad/11-no-cancelled-test.patch"));
    assert.ok(bad, "bad/11-no-cancelled-test.patch is not listed in project.yaml");
    const [outcome] = await checkProject({ ...project, references: {}, starters: {}, bad: [bad] }, sandbox);
    assert.equal(outcome?.ok, true, outcome?.problem);
    const survivor = outcome?.report.tests.find((test) => test.name === "stage 11: catches: cancelled orders are left out");
    assert.equal(survivor?.status, "fail");
    assert.match(survivor?.message ?? "", /The behaviour your tests do not check: cancelled orders are left out/);
    assert.doesNotMatch(survivor?.message ?? "", /status|continue|def attendees_csv/);
    const caught = outcome?.report.tests.filter((test) => test.name.startsWith("stage 11: catches: ") && test.status === "pass") ?? [];
    assert.ok(caught.length >= 5, `only ${caught.length} mutants caught`);
  });
});
