/**
 * A `roadwork worker` reloading its tracks (SIGHUP): its index, like the server's Catalog,
 * reports what the reload removed and stops finding it, and both say the same.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../../src/server/catalog.js";
import { reloadTracks } from "../../src/server/reload-tracks.js";
import { CurrentTrackIndex, loadTracks, TrackIndex } from "../../src/server/track-index.js";

const TINY = join(import.meta.dirname, "..", "fixtures", "tracks", "tiny");

void describe("a worker's track index on reload", () => {
  void it("should report a removed exercise as the Catalog does, and no longer find it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-worker-reload-"));
    try {
      const trackDir = join(dir, "tiny");
      cpSync(TINY, trackDir, { recursive: true });
      const index = new CurrentTrackIndex(new TrackIndex(await loadTracks([trackDir])));
      const catalog = await loadCatalog([trackDir]);
      assert.deepEqual(index.ids(), catalog.ids());
      assert.ok(index.exercise("shout") !== undefined);
      const trackYaml = join(trackDir, "track.yaml");
      writeFileSync(trackYaml, readFileSync(trackYaml, "utf8").replace("    exercises:\n      - shout", "    exercises: []"));
      rmSync(join(trackDir, "exercises", "shout"), { recursive: true });
      const byWorker = await reloadTracks(index, [trackDir]);
      const byServer = await reloadTracks(catalog, [trackDir]);
      assert.deepEqual(byWorker.removed, { exercises: ["shout"], projects: [] });
      assert.deepEqual(byServer, byWorker);
      assert.equal(index.exercise("shout"), undefined);
      assert.deepEqual(index.ids(), catalog.ids());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
