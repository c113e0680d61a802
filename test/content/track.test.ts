import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkTrackFiles, loadTrack } from "../../src/content/track.js";
import { RoadworkError } from "../../src/errors.js";
import { copyTrack, edit } from "./helpers.js";

/** Runs `breakIt` on a fresh copy of the tiny track and returns the problems found. */
async function problemsAfter(breakIt: (dir: string) => void): Promise<{ dir: string; problems: RoadworkError[] }> {
  const { dir, cleanup } = copyTrack("tiny");
  try {
    breakIt(dir);
    const { problems } = await checkTrackFiles(dir);
    return { dir, problems };
  } finally {
    cleanup();
  }
}

function only(problems: RoadworkError[], pattern: RegExp): RoadworkError {
  const matching = problems.filter((problem) => pattern.test(problem.message));
  assert.equal(matching.length, 1, `expected one problem matching ${pattern}, got: ${problems.map(String).join(" | ") || "none"}`);
  return matching[0] as RoadworkError;
}

void describe("loadTrack", () => {
  void it("should load a valid track with its steps, lessons and exercises in roadmap order", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      const track = await loadTrack(dir);
      assert.deepEqual(track.steps.map((step) => step.id), ["basics", "more"]);
      assert.deepEqual(track.steps[1]?.requires, ["basics"]);
      assert.match(track.steps[0]?.lesson?.markdown ?? "", /^# Basics/);
      assert.deepEqual(track.exercises.map((exercise) => exercise.config.id), ["add-two", "shout"]);
      assert.deepEqual(track.projects, []);
    } finally {
      cleanup();
    }
  });

  void it("should refuse a broken track, naming the first problem and how many more there are", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      edit(join(dir, "track.yaml"), "requires: [basics]", "requires: [nowhere, elsewhere]");
      await assert.rejects(loadTrack(dir), (error: unknown) => {
        assert.ok(error instanceof RoadworkError);
        assert.equal(error.code, "CONTENT_INVALID");
        assert.equal(error.file, join(dir, "track.yaml"));
        assert.match(error.message, /requires "nowhere".*and 1 more/);
        return true;
      });
    } finally {
      cleanup();
    }
  });
});

void describe("checkTrackFiles reports every problem with file and line", () => {
  void it("should report a required step that does not exist", async () => {
    const { dir, problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "requires: [basics]", "requires: [basic]"));
    const problem = only(problems, /requires "basic", which is not a step/);
    assert.equal(problem.file, join(dir, "track.yaml"));
    assert.equal(problem.line, 13);
  });

  void it("should report steps that require each other in a cycle", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "    lesson: lessons/basics.md\n", "    lesson: lessons/basics.md\n    requires: [more]\n"));
    const problem = only(problems, /cycle/);
    assert.match(problem.message, /basics -> more -> basics/);
    assert.equal(problem.line, 8);
  });

  void it("should report a step that requires itself", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "requires: [basics]", "requires: [more]"));
    only(problems, /step "more" requires itself/);
  });

  void it("should report an exercise folder that no step lists", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "    exercises:\n      - shout\n", "    exercises: []\n"));
    const problem = only(problems, /exercises\/shout is not listed under any step/);
    assert.equal(problem.line, 5);
  });

  void it("should report a listed exercise that has no folder", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "      - shout\n", "      - shout\n      - whisper\n"));
    const problem = only(problems, /exercise "whisper" has no folder/);
    assert.equal(problem.line, 16);
  });

  void it("should report an exercise listed under two steps", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "      - shout\n", "      - shout\n      - add-two\n"));
    only(problems, /"add-two" is listed twice \(also under step "basics"\)/);
  });

  void it("should report an exercise whose step disagrees with the step that lists it, in exercise.yaml", async () => {
    const { dir, problems } = await problemsAfter((dir) => edit(join(dir, "exercises", "shout", "exercise.yaml"), "step: more", "step: basics"));
    const problem = only(problems, /step "basics" disagrees with track\.yaml.*step "more"/);
    assert.equal(problem.file, join(dir, "exercises", "shout", "exercise.yaml"));
    assert.equal(problem.line, 3);
  });

  void it("should report a slug used for an exercise and a project alike", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "      - shout\n", "      - shout\n    projects: [add-two]\n"));
    const problem = only(problems, /"add-two" is both an exercise and a project/);
    assert.equal(problem.line, 16);
  });

  void it("should report a missing lesson at the line that names it", async () => {
    const { problems } = await problemsAfter((dir) => rmSync(join(dir, "lessons", "basics.md")));
    const problem = only(problems, /lesson lessons\/basics\.md cannot be read/);
    assert.equal(problem.line, 7);
  });

  void it("should refuse a lesson outside the track folder", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "lesson: lessons/basics.md", "lesson: ../../etc/passwd"));
    const problem = only(problems, /lesson \.\.\/\.\.\/etc\/passwd is outside the track folder/);
    assert.equal(problem.line, 7);
  });

  void it("should report a broken exercise inside the track and still load the others", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      writeFileSync(join(dir, "exercises", "shout", "exercise.yaml"), "id: shout\ntitle: Shout\nkind: essay\n");
      const { track, problems } = await checkTrackFiles(dir);
      const problem = only(problems, /^`kind` should be one of /);
      assert.equal(problem.file, join(dir, "exercises", "shout", "exercise.yaml"));
      assert.equal(problem.line, 3);
      assert.deepEqual(track?.exercises.map((exercise) => exercise.config.id), ["add-two"]);
    } finally {
      cleanup();
    }
  });

  void it("should collect several problems at once, in file order", async () => {
    const { problems } = await problemsAfter((dir) => {
      edit(join(dir, "track.yaml"), "requires: [basics]", "requires: [basic]");
      mkdirSync(join(dir, "exercises", "stray"));
      edit(join(dir, "exercises", "add-two", "exercise.yaml"), "step: basics", "step: more");
    });
    assert.equal(problems.length, 3, problems.map(String).join("\n"));
    assert.ok(problems[0]?.file?.endsWith(join("add-two", "exercise.yaml")));
  });

  void it("should report invalid track.yaml with the line of each problem", async () => {
    const { problems } = await problemsAfter((dir) => edit(join(dir, "track.yaml"), "  - id: more\n", "  - id: More!\n"));
    const problem = only(problems, /^step 2 \("More!"\): `id`: /);
    assert.equal(problem.line, 11);
  });
});
