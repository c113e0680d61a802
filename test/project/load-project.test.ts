import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadProject } from "../../src/content/project.js";
import { RoadworkError } from "../../src/errors.js";
import { PROJECT_FILES, PROJECT_YAML, tempDir, writeTree } from "./fixtures.js";

const dirs = tempDir("load");
let count = 0;

/** The project fixture with some files replaced. */
function projectWith(overrides: Record<string, string>): string {
  return writeTree(join(dirs.path, `p${++count}`), { ...PROJECT_FILES, ...overrides });
}

function loadError(dir: string): RoadworkError {
  try {
    loadProject(dir);
  } catch (error) {
    assert.ok(error instanceof RoadworkError, `expected a RoadworkError, got ${String(error)}`);
    return error;
  }
  assert.fail("loadProject accepted a broken project");
}

void describe("loadProject", () => {
  after(() => dirs.remove());

  void it("loads the stages, frameworks and kinds of a valid project", () => {
    const project = loadProject(projectWith({}));
    assert.equal(project.id, "notes");
    assert.deepEqual(project.stages.map((s) => [s.n, s.kind]), [[1, "hurl"], [2, "ts"]]);
    assert.deepEqual(project.frameworks.flask?.setup, []);
    assert.ok(project.stages[0]?.testsPath.endsWith("stages/01-health.hurl"));
  });

  void it("reads database: (the database every app gets) and refuses one it does not know", () => {
    assert.equal(loadProject(projectWith({})).database, undefined);
    assert.equal(loadProject(projectWith({ "project.yaml": `${PROJECT_YAML}database: postgresql\n` })).database, "postgresql");
    assert.match(loadError(projectWith({ "project.yaml": `${PROJECT_YAML}database: mysql\n` })).message, /database/);
  });

  void it("gives Hurl stages project.yaml's variables, a stage's own over the project's, and refuses unknown ones", () => {
    const yaml = PROJECT_YAML.replace("tests: stages/01-health.hurl }", "tests: stages/01-health.hurl, variables: { who: stage } }");
    const project = loadProject(projectWith({ "project.yaml": `${yaml}variables: { host: "{{base_url}}/api", uid: "{{run_id}}", who: project, n: 3 }\n` }));
    assert.deepEqual(project.stages[0]?.variables, { host: "{{base_url}}/api", uid: "{{run_id}}", who: "stage", n: 3 });
    assert.deepEqual(project.stages[1]?.variables, { host: "{{base_url}}/api", uid: "{{run_id}}", who: "project", n: 3 });
    assert.match(loadError(projectWith({ "project.yaml": `${PROJECT_YAML}variables: { host: "{{server}}" }\n` })).message, /\{\{server\}\} is not known here/);
    assert.match(loadError(projectWith({ "project.yaml": `${PROJECT_YAML}variables: { base_url: "x" }\n` })).message, /base_url is given by roadwork/);
  });

  void it("passes env: through to the app, and refuses names roadwork sets itself", () => {
    assert.deepEqual(loadProject(projectWith({ "project.yaml": `${PROJECT_YAML}env: { PASSWORD_HASH_COST: test }\n` })).env, { PASSWORD_HASH_COST: "test" });
    assert.deepEqual(loadProject(projectWith({})).env, {});
    const error = loadError(projectWith({ "project.yaml": `${PROJECT_YAML}env: { DATABASE_URL: "sqlite:////tmp/x.db" }\n` }));
    assert.equal(error.code, "CONTENT_INVALID");
    assert.match(error.message, /cannot be overridden/);
  });

  void it("reports YAML syntax errors with the line", () => {
    const error = loadError(projectWith({ "project.yaml": `${PROJECT_YAML}stages: [\n  oops: : :\n` }));
    assert.equal(error.code, "CONTENT_INVALID");
    assert.ok(error.file?.endsWith("project.yaml"));
    assert.equal(typeof error.line, "number");
    assert.match(error.message, /YAML/);
  });

  void it("reports a schema problem at the line of the field", () => {
    const yaml = PROJECT_YAML.replace("{ n: 2, slug: notes", "{ n: 3, slug: notes");
    const error = loadError(projectWith({ "project.yaml": yaml }));
    assert.equal(error.code, "CONTENT_INVALID");
    assert.equal(error.line, 7);
    assert.match(error.message, /stage 2 \("notes"\): `n`: .*expected 2, found 3/);
  });

  void it("reports a typo in a key at that key's line", () => {
    const error = loadError(projectWith({ "project.yaml": PROJECT_YAML.replace("title: Notes API", "title: Notes API\ntitel: oops") }));
    assert.equal(error.line, 3);
    assert.match(error.message, /titel/);
  });

  void it("reports a missing stage file at the line that names it", () => {
    const yaml = PROJECT_YAML.replace("stages/02-notes.ts", "stages/02-missing.ts");
    const error = loadError(projectWith({ "project.yaml": yaml }));
    assert.equal(error.line, 7);
    assert.match(error.message, /not found: stages\/02-missing\.ts/);
  });

  void it("reports a broken Hurl stage with the Hurl file and its line", () => {
    const error = loadError(projectWith({ "stages/01-health.hurl": "GET {{base_url}}/health\nHTTP 200\n[Asserts]\njsonpath \"$.status\" === \"ok\"\n" }));
    assert.equal(error.code, "CONTENT_INVALID");
    assert.ok(error.file?.endsWith("01-health.hurl"), error.file);
    assert.equal(error.line, 4);
  });

  void it("refuses a bad app that fails after the last stage", () => {
    const yaml = `${PROJECT_YAML}bad:\n  - { path: stages, framework: flask, fails_at: 5 }\n`;
    const error = loadError(projectWith({ "project.yaml": yaml }));
    assert.equal(error.line, 9);
    assert.match(error.message, /fails_at 5, but the project has 2 stages/);
  });

  void it("reads expect: crash and fails:, and refuses a fails: that no entry of a Hurl stage has", () => {
    const project = loadProject(projectWith({}));
    const title = project.stages[0]?.kind === "hurl" ? project.stages[0].hurl.entries[0]?.title : undefined;
    assert.ok(title !== undefined, "the fixture's Hurl entry has a title");
    const yaml = `${PROJECT_YAML}bad:\n  - { path: stages, framework: flask, fails_at: 1, expect: crash, fails: ${JSON.stringify(title)} }\n  - { path: stages, framework: flask, fails_at: 2, fails: "any name: a TypeScript stage names its checks when it runs" }\n`;
    const bad = loadProject(projectWith({ "project.yaml": yaml })).bad;
    assert.deepEqual(bad.map((b) => [b.expectCrash, b.fails]), [[true, title], [undefined, "any name: a TypeScript stage names its checks when it runs"]]);

    const typo = loadError(projectWith({ "project.yaml": `${PROJECT_YAML}bad:\n  - { path: stages, framework: flask, fails_at: 1, fails: "GET /helth" }\n` }));
    assert.equal(typo.line, 9);
    assert.match(typo.message, /fails: "GET \/helth" is not the title of an entry of stage 1/);
    assert.match(loadError(projectWith({ "project.yaml": `${PROJECT_YAML}bad:\n  - { path: stages, framework: flask, fails_at: 1, expect: fail }\n` })).message, /bad 1: `expect`: the only expectation is "crash"/);
  });

  void it("reads starter: as a folder per offered framework, and refuses one the project does not offer or does not have", () => {
    const project = loadProject(projectWith({ "project.yaml": `${PROJECT_YAML}starter: { flask: stages }\n` }));
    assert.ok(project.starters?.flask?.endsWith("/stages"), JSON.stringify(project.starters));
    assert.equal(loadProject(projectWith({})).starters, undefined);
    assert.match(loadError(projectWith({ "project.yaml": `${PROJECT_YAML}starter: { django: stages }\n` })).message, /a django starter, but no django under frameworks:/);
    assert.match(loadError(projectWith({ "project.yaml": `${PROJECT_YAML}starter: { flask: starter/flask }\n` })).message, /folder not found: starter\/flask/);
  });
});
