import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listUnderStep, trackFileFor } from "../../src/authoring/import/track-listing.js";
import { checkTrackFiles } from "../../src/content/track.js";
import { RoadworkError } from "../../src/errors.js";
import { copyTrack, edit } from "./helpers.js";

/** Runs `change` on a copy of the tiny track, lists slugs under `step`, returns the new track.yaml. */
async function listed(step: string, slugs: string[], change: (file: string) => void = () => undefined): Promise<{ text: string; added: string[] }> {
  const { dir, cleanup } = copyTrack("tiny");
  try {
    const file = join(dir, "track.yaml");
    change(file);
    const added = await listUnderStep(file, step, slugs);
    return { text: readFileSync(file, "utf8"), added };
  } finally {
    cleanup();
  }
}

void describe("listing imported exercises in track.yaml", () => {
  void it("should append to a block list with its indentation, changing nothing else", async () => {
    const { text, added } = await listed("basics", ["leap", "two-fer"]);
    assert.deepEqual(added, ["leap", "two-fer"]);
    const original = readFileSync(join(import.meta.dirname, "..", "fixtures", "tracks", "tiny", "track.yaml"), "utf8");
    assert.equal(text, original.replace("      - add-two\n", "      - add-two\n      - leap\n      - two-fer\n"));
  });

  void it("should extend a flow list in place", async () => {
    const { text } = await listed("more", ["leap"], (file) => edit(file, "    exercises:\n      - shout\n", "    exercises: [shout]  # the loud one\n"));
    assert.match(text, /^ {4}exercises: \[shout, leap\] {2}# the loud one$/m);
  });

  void it("should fill an empty list, and add the key to a step that has none", async () => {
    const empty = await listed("more", ["leap"], (file) => edit(file, "    exercises:\n      - shout\n", "    exercises: []\n"));
    assert.match(empty.text, /requires: \[basics\]\n {4}exercises: \[leap\]\n$/);
    const none = await listed("more", ["leap"], (file) => edit(file, "    exercises:\n      - shout\n", ""));
    assert.match(none.text, /requires: \[basics\]\n {4}exercises:\n {6}- leap\n$/);
  });

  void it("should not list a slug twice", async () => {
    const { text, added } = await listed("more", ["shout"]);
    assert.deepEqual(added, []);
    assert.equal((text.match(/- shout/g) ?? []).length, 1);
  });

  void it("should leave a track that loads, once the folders exist", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      const file = join(dir, "track.yaml");
      edit(file, "    exercises:\n      - shout\n", "");
      assert.equal((await checkTrackFiles(dir)).problems.length, 1, "shout is unlisted before");
      await listUnderStep(file, "more", ["shout"]);
      const { problems } = await checkTrackFiles(dir);
      assert.deepEqual(problems.map(String), []);
    } finally {
      cleanup();
    }
  });

  void it("should refuse a step the track does not have", async () => {
    await assert.rejects(listed("nowhere", ["leap"]), (error: unknown) => error instanceof RoadworkError && error.code === "BAD_INPUT" && /no step "nowhere"/.test(error.message));
  });

  void it("should find the track only for a folder named exercises beside track.yaml", () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      assert.equal(trackFileFor(join(dir, "exercises")), join(dir, "track.yaml"));
      assert.equal(trackFileFor(join(dir, "lessons")), undefined);
    } finally {
      cleanup();
    }
  });
});
