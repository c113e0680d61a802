import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkTrackFiles } from "../../src/content/track.js";

const TRACK = join(import.meta.dirname, "..", "..", "tracks", "python-backend");
const present = existsSync(join(TRACK, "track.yaml"));

void describe("the built-in track, tracks/python-backend", { skip: present ? false : "tracks/python-backend/track.yaml does not exist yet" }, () => {
  void it("should load without a single problem", async () => {
    const { track, problems } = await checkTrackFiles(TRACK);
    assert.deepEqual(problems.map(String), []);
    assert.ok(track !== undefined);
    const listed = track.steps.flatMap((step) => step.exercises);
    assert.deepEqual(track.exercises.map((exercise) => exercise.config.id), listed);
    for (const step of track.steps) {
      if (step.lesson !== undefined) assert.ok(step.lesson.markdown.trim().length > 0, `the lesson of ${step.id} is empty`);
    }
  });

  void it("should give every exercise at least one bad solution", async () => {
    const { track } = await checkTrackFiles(TRACK);
    const without = (track?.exercises ?? []).filter((exercise) => exercise.bad.length === 0).map((exercise) => exercise.config.id);
    assert.deepEqual(without, [], "exercises without bad/ solutions prove nothing about their tests");
  });

  void it("should give every tests exercise 4 or more mutants, an equivalent and 2 or more weak test files", async () => {
    const { track } = await checkTrackFiles(TRACK);
    const short = (track?.exercises ?? []).flatMap((exercise) => (exercise.kind === "tests" && (exercise.mutants.length < 4 || exercise.equivalents.length === 0 || exercise.bad.length < 2) ? [exercise.config.id] : []));
    // Without an equivalent, a test that fingerprints the code's source would pass.
    assert.deepEqual(short, []);
  });
});

void describe("the built-in track's exercises, as learners meet them", { skip: present ? false : "tracks/python-backend/track.yaml does not exist yet" }, () => {
  void it("should name the skills every exercise trains and give it 1 to 3 hints", async () => {
    const { track } = await checkTrackFiles(TRACK);
    const missing = (track?.exercises ?? []).filter((exercise) => (exercise.config.skills ?? []).length === 0 || (exercise.config.hints ?? []).length === 0).map((exercise) => exercise.config.id);
    assert.deepEqual(missing, [], "every built-in exercise has skills: and hints: in exercise.yaml");
  });
});
