import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { resolveConfig } from "../../src/config.js";
import { isRoadworkError } from "../../src/errors.js";
import { startServer, trackDirs, BUILTIN_TRACK } from "../../src/server/runtime.js";

void describe("start-up", () => {
  void it("should stop with a message naming the file and line when a track is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-runtime-"));
    try {
      mkdirSync(join(dir, "track"));
      writeFileSync(join(dir, "track", "track.yaml"), "id: broken\ntitle: Broken\nsteps:\n  - id: one\n    title: One\n    requires: [missing]\n");
      const config = resolveConfig({ dataDir: join(dir, "data"), tracks: [join(dir, "track")], builtinTrack: false, workers: 0, port: 0 });
      await assert.rejects(startServer(config, pino({ level: "silent" })), (error: unknown) => {
        assert.ok(isRoadworkError(error));
        assert.equal(error.code, "CONTENT_INVALID");
        assert.equal(error.file, join(dir, "track", "track.yaml"));
        assert.equal(error.line, 6);
        assert.match(error.toString(), /track\.yaml:6: step "one" requires "missing"/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it("should load the built-in track first, then the extra ones", () => {
    assert.deepEqual(trackDirs(resolveConfig({ tracks: ["/x/extra"] })), [BUILTIN_TRACK, "/x/extra"]);
    assert.deepEqual(trackDirs(resolveConfig({ tracks: ["/x/extra"], builtinTrack: false })), ["/x/extra"]);
  });
});
