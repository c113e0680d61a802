import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadProject } from "../../src/content/project.js";
import { validateYaml } from "../../src/content/yaml-file.js";
import { exerciseSchema } from "../../src/content/schema.js";
import { RoadworkError } from "../../src/errors.js";

const PROJECT_HEAD = `id: demo
title: Demo
step: web-framework
summary: A demo.
frameworks:
  flask: { start: ["/usr/bin/python3", "-m", "flask", "run"] }
references: { flask: reference/flask }
bad: []
`;

function projectError(stages: string): RoadworkError {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-msgs-"));
  writeFileSync(join(dir, "project.yaml"), `${PROJECT_HEAD}stages:\n${stages}`);
  try {
    loadProject(dir);
  } catch (error) {
    assert.ok(error instanceof RoadworkError);
    return error;
  }
  throw new Error("loadProject accepted a broken project.yaml");
}

void describe("content messages for educators", () => {
  void it("should name a missing stage field by the stage's 1-based number and slug, at its line", () => {
    const error = projectError(
      "  - { n: 1, slug: home, title: Home, instructions: a.md, tests: a.hurl }\n" +
        "  - n: 2\n    slug: first-route\n    title: First route\n    instrutions: b.md\n    tests: b.hurl\n",
    );
    assert.match(error.message, /^stage 2 \("first-route"\): /);
    assert.doesNotMatch(error.message, /Invalid input|stages\.1/);
  });

  void it("should say a field is missing in plain words", () => {
    const error = projectError("  - { n: 1, slug: home, title: Home, tests: a.hurl }\n");
    assert.equal(error.message, 'stage 1 ("home"): `instructions` is missing');
    assert.equal(error.line, 10);
  });

  void it("should name an unknown field with the known field it was meant to be", () => {
    const result = validateYaml("id: add-two\ntitle: Add two\nkind: function\ntitel: x\n", exerciseSchema, "exercise.yaml");
    assert.equal(result.ok, false);
    const messages = result.ok ? [] : result.problems.map((problem) => [problem.line, problem.message]);
    assert.deepEqual(messages, [[4, 'unknown field "titel" (did you mean "title"?)']]);
  });

  void it("should say what a value of the wrong type is instead", () => {
    const result = validateYaml("id: add-two\ntitle: [Add, two]\nkind: function\n", exerciseSchema, "exercise.yaml");
    const messages = result.ok ? [] : result.problems.map((problem) => [problem.line, problem.message]);
    assert.deepEqual(messages, [[2, "`title` should be a string, not a list"]]);
  });
});
