/**
 * `roadwork preview TRACK` as an educator runs it: it serves the named track alone, signed in
 * as a learner, and removes its temporary database when stopped.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRoadwork } from "../roadwork-process.js";

const TINY = join(import.meta.dirname, "..", "fixtures", "tracks", "tiny");

void describe("roadwork preview", () => {
  void it("serves the named track alone to a visitor signed in as a learner, and leaves nothing behind", async () => {
    // A temp folder of its own, to see that the preview leaves nothing in it.
    const tmp = mkdtempSync(join(tmpdir(), "roadwork-preview-test-"));
    const preview = await startRoadwork(["preview", TINY], { env: { ...process.env, TMPDIR: tmp } });
    try {
      assert.match(preview.log(), new RegExp(`Preview of ${TINY.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: open ${preview.url}/ in your browser`), preview.log());
      const track = await fetch(`${preview.url}/api/track`);
      assert.equal(track.status, 200);
      const body = (await track.json()) as { track: { id: string } };
      assert.equal(body.track.id, "tiny", "the named track, not the built-in one");
      const tracks = (await (await fetch(`${preview.url}/api/tracks`)).json()) as { tracks: Array<{ id: string }> };
      assert.deepEqual(tracks.tracks.map((t) => t.id), ["tiny"]);
    } finally {
      await preview.stop();
    }
    try {
      assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith("roadwork-preview-")), [], "the preview's database folder is removed when it stops");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
