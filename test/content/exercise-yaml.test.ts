import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadExercise } from "../../src/content/exercise.js";
import { RoadworkError } from "../../src/errors.js";
import { copyTrack } from "./helpers.js";

void describe("a broken exercise.yaml is reported with its file and line", () => {
  const { dir, cleanup } = copyTrack("tiny");
  after(cleanup);
  const exercise = join(dir, "exercises", "add-two");
  const file = join(exercise, "exercise.yaml");

  async function problemWith(yaml: string): Promise<RoadworkError> {
    writeFileSync(file, yaml);
    const error = await loadExercise(exercise).then(
      () => assert.fail("the exercise loaded, but it is broken"),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof RoadworkError, `expected a RoadworkError, got ${String(error)}`);
    assert.equal(error.code, "CONTENT_INVALID");
    assert.equal(error.file, file);
    return error;
  }

  void it("should report the line of a YAML syntax error", async () => {
    const error = await problemWith("id: add-two\ntitle: Add two\nkind: [function\nstep: basics\n");
    assert.match(error.message, /not valid YAML/);
    assert.equal(error.line, 4);
  });

  void it("should report the line of a field with the wrong type", async () => {
    const error = await problemWith("id: add-two\ntitle: Add two\nkind: function\ndifficulty: hard\n");
    assert.match(error.message, /^`difficulty` should be a number/);
    assert.equal(error.line, 4);
  });

  void it("should report a nested field with the wrong type at its own line", async () => {
    const error = await problemWith("id: add-two\ntitle: Add two\nkind: function\nlimits:\n  wall_time_ms: 100\n  memory_mib: -3\n");
    assert.match(error.message, /^limits: `memory_mib`: /);
    assert.equal(error.line, 6);
  });

  void it("should name a missing field and point at the object that lacks it", async () => {
    const error = await problemWith("id: add-two\nkind: function\n");
    assert.match(error.message, /^`title` is missing$/);
    assert.equal(error.line, 1);
  });

  void it("should report an unknown field at the line it is written on", async () => {
    const error = await problemWith("id: add-two\ntitle: Add two\nkind: function\nlevel: 3\n");
    assert.match(error.message, /unknown field "level"/);
    assert.equal(error.line, 4);
  });

  void it("should refuse tests.py that never imports the solution module", async () => {
    writeFileSync(file, "id: add-two\ntitle: Add two\nstep: basics\nkind: function\n");
    const testsFile = join(exercise, "tests.py");
    const tests = readFileSync(testsFile, "utf8");
    try {
      writeFileSync(testsFile, "def test_nothing():\n    assert True\n");
      await assert.rejects(loadExercise(exercise), (error: unknown) => error instanceof RoadworkError && error.file === testsFile && /never imports the learner's code/.test(error.message));
    } finally {
      writeFileSync(testsFile, tests);
    }
  });

  void it("should refuse a README.md with a Hints section, at its line, and take hints from exercise.yaml", async () => {
    const readmeFile = join(exercise, "README.md");
    const readme = readFileSync(readmeFile, "utf8");
    try {
      writeFileSync(file, "id: add-two\ntitle: Add two\nstep: basics\nkind: function\nhints:\n  - Think about what + does.\nskills: [python-fundamentals]\n");
      writeFileSync(readmeFile, "# Add two\n\nAdd two numbers.\n\n## Hints\n\n- Use +.\n");
      await assert.rejects(loadExercise(exercise), (error: unknown) => error instanceof RoadworkError && error.file === readmeFile && error.line === 5 && /move the hints to `hints:`/.test(error.message));
      writeFileSync(readmeFile, readme);
      const loaded = await loadExercise(exercise);
      assert.deepEqual(loaded.config.hints, ["Think about what + does."]);
      assert.deepEqual(loaded.config.skills, ["python-fundamentals"]);
    } finally {
      writeFileSync(readmeFile, readme);
    }
  });

  void it("should refuse a skill the roadmap does not name, and more than 3 hints", async () => {
    const unknownSkill = await problemWith("id: add-two\ntitle: Add two\nkind: function\nskills: [cooking]\n");
    assert.match(unknownSkill.message, /^skill 1 should be one of /);
    const tooMany = await problemWith("id: add-two\ntitle: Add two\nkind: function\nhints: [a, b, c, d]\n");
    assert.match(tooMany.message, /at most 3 hints/);
  });

  void it("should load the exercise once the file is fixed", async () => {
    writeFileSync(file, "id: add-two\ntitle: Add two\nstep: basics\nkind: function\n");
    const loaded = await loadExercise(exercise);
    assert.equal(loaded.kind, "function");
    assert.deepEqual(loaded.bad.map((bad) => bad.name), ["adds_one.py"]);
  });
});
