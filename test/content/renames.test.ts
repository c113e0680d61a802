/**
 * `formerly:` (docs/tracks.md, "Renaming"): the renames a track declares, and the problems
 * that would make one ambiguous, each reported at the file and line of the entry, by the
 * loader, by `content check` beside other tracks, and by a server loading several tracks.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { checkTrackFiles, loadTrack } from "../../src/content/track.js";
import { renamesOf } from "../../src/content/renames.js";
import { selectContent } from "../../src/authoring/selection.js";
import { TrackIndex } from "../../src/server/track-index.js";
import { isRoadworkError, type RoadworkError } from "../../src/errors.js";
import { copyTrack, edit } from "./helpers.js";

async function problemsOf(name: string, change: (dir: string) => void): Promise<{ dir: string; problems: RoadworkError[] }> {
  const { dir, cleanup } = copyTrack(name);
  try {
    change(dir);
    return { dir, problems: (await checkTrackFiles(dir)).problems };
  } finally {
    cleanup();
  }
}

const said = (problems: readonly RoadworkError[]): string => problems.map(String).join(" | ") || "none";

void describe("formerly: renames declared by a track", () => {
  void it("loads the renamed fixture of docs/tracks.md and lists its renames", async () => {
    const { dir, cleanup } = copyTrack("tiny-renamed");
    try {
      const track = await loadTrack(dir);
      assert.deepEqual(renamesOf([track]), [
        { kind: "track", from: "tiny", to: "tiny-track" },
        { kind: "exercise", from: "shout", to: "yell" },
      ]);
      const index = new TrackIndex([track]);
      assert.equal(index.renamedTo("shout"), "yell");
      assert.equal(index.exercise("shout")?.exercise.config.id, "yell", "a job queued under the old id still finds its exercise");
      assert.equal(index.exercise("yell")?.exercise.config.id, "yell");
      assert.equal(index.renamedTo("add-two"), undefined);
    } finally {
      cleanup();
    }
  });

  void it("refuses an item that names itself, at the line of the entry", async () => {
    const { dir, problems } = await problemsOf("tiny-renamed", (d) => edit(join(d, "exercises", "yell", "exercise.yaml"), "formerly: [shout]", "formerly:\n  - shout\n  - yell"));
    assert.equal(problems.length, 1, said(problems));
    const [problem] = problems;
    assert.equal(problem?.file, join(dir, "exercises", "yell", "exercise.yaml"));
    assert.equal(problem?.line, 6);
    assert.match(problem?.message ?? "", /formerly: "yell" is this exercise's own id; list only the ids it had before/);
  });

  void it("refuses a former id that is the current id of another item", async () => {
    const { dir, problems } = await problemsOf("tiny-renamed", (d) => edit(join(d, "exercises", "yell", "exercise.yaml"), "formerly: [shout]", "formerly: [shout, add-two]"));
    assert.equal(problems.length, 1, said(problems));
    assert.equal(problems[0]?.file, join(dir, "exercises", "yell", "exercise.yaml"));
    assert.equal(problems[0]?.line, 4);
    assert.match(problems[0]?.message ?? "", /formerly: "add-two" is the current id of an exercise \(.*add-two\/exercise\.yaml\); an id is either current or former/);
  });

  void it("refuses one old id claimed by two items, naming the other", async () => {
    const { dir, problems } = await problemsOf("tiny-renamed", (d) => edit(join(d, "exercises", "add-two", "exercise.yaml"), "id: add-two\n", "id: add-two\nformerly:\n  - sum\n  - shout\n"));
    assert.equal(problems.length, 1, said(problems));
    const [problem] = problems;
    // add-two loads first (roadmap order), so yell's claim is the second one.
    assert.equal(problem?.file, join(dir, "exercises", "yell", "exercise.yaml"));
    assert.equal(problem?.line, 4);
    assert.match(problem?.message ?? "", /formerly: "shout" is also claimed by an exercise "add-two" \(.*add-two\/exercise\.yaml\); the progress under an old id can go to one item only/);
  });

  void it("refuses a track whose formerly names its own id, at its line in track.yaml", async () => {
    const { dir, problems } = await problemsOf("tiny-renamed", (d) => edit(join(d, "track.yaml"), "formerly: [tiny]", "formerly: [tiny, tiny-track]"));
    assert.equal(problems.length, 1, said(problems));
    assert.equal(problems[0]?.file, join(dir, "track.yaml"));
    assert.equal(problems[0]?.line, 3);
    assert.match(problems[0]?.message ?? "", /"tiny-track" is this track's own id/);
  });

  void it("refuses, at server start, a former id that another loaded track uses as a current id", async () => {
    const renamed = copyTrack("tiny-renamed");
    const other = copyTrack("tiny");
    try {
      // The other track keeps an exercise called "shout": the rename would hand its learners' progress to "yell".
      edit(join(other.dir, "track.yaml"), "id: tiny\n", "id: other\n");
      edit(join(other.dir, "track.yaml"), "      - add-two", "      - sum-two");
      cpSync(join(other.dir, "exercises", "add-two"), join(other.dir, "exercises", "sum-two"), { recursive: true });
      edit(join(other.dir, "exercises", "sum-two", "exercise.yaml"), "id: add-two", "id: sum-two");
      rmSync(join(other.dir, "exercises", "add-two"), { recursive: true });
      const tracks = [await loadTrack(renamed.dir), await loadTrack(other.dir)];
      assert.throws(
        () => new TrackIndex(tracks),
        (error: unknown) => {
          assert.ok(isRoadworkError(error));
          assert.equal(error.code, "CONTENT_INVALID");
          assert.equal(error.file, join(renamed.dir, "exercises", "yell", "exercise.yaml"));
          assert.equal(error.line, 4);
          assert.match(error.message, /formerly: "shout" is the current id of an exercise \(.*\/tiny\/exercises\/shout\/exercise\.yaml\)/);
          return true;
        },
      );
      // content check of the renamed track, beside the other one, says the same before a server refuses to start.
      const selection = await selectContent(renamed.dir, { alongside: [other.dir] });
      const found = selection.problems.filter((p) => /formerly: "shout"/.test(p.message));
      assert.equal(found.length, 1, said(selection.problems));
      assert.equal(found[0]?.line, 4);
    } finally {
      renamed.cleanup();
      other.cleanup();
    }
  });

  void it("content check of one exercise folder refuses it naming itself", async () => {
    const { dir, cleanup } = copyTrack("tiny-renamed");
    try {
      const folder = join(dir, "exercises", "yell");
      edit(join(folder, "exercise.yaml"), "formerly: [shout]", "formerly: [yell]");
      const selection = await selectContent(folder);
      assert.equal(selection.problems.length, 1, said(selection.problems));
      assert.match(String(selection.problems[0]), /exercise\.yaml:4: formerly: "yell" is this exercise's own id/);
    } finally {
      cleanup();
    }
  });
});
