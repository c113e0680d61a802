/**
 * Issue 9: the cached exercise loader read bad/ inside a catch that also swallowed a bad
 * solution it could not read, so the exercise came back without any bad solution, unsaid.
 * Now such a file sends it to the full loader, which names the file.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadExerciseCached } from "../../src/grading/exercise/cached-exercise.js";
import { isRoadworkError } from "../../src/errors.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/exercises/double", import.meta.url));

void describe("a cached exercise whose bad solution cannot be read", () => {
  void it("is reported by the full loader, not loaded without its bad solutions", async () => {
    const root = mkdtempSync(join(tmpdir(), "roadwork-cached-bad-"));
    try {
      const dir = join(root, "double");
      cpSync(FIXTURE, dir, { recursive: true });
      const cacheDir = join(root, "cache");
      const first = await loadExerciseCached(dir, { cacheDir });
      assert.ok(first.bad.length > 0, "the fixture has bad solutions");
      assert.ok(readdirSync(cacheDir).length > 0, "the first load wrote a cache entry");
      // A bad solution that is a folder cannot be read as a file (root reads any file, whatever its mode).
      const name = first.bad[0]!.name;
      rmSync(join(dir, "bad", name));
      mkdirSync(join(dir, "bad", name));
      await assert.rejects(loadExerciseCached(dir, { cacheDir }), (error: unknown) => isRoadworkError(error) && error.code === "CONTENT_INVALID" && error.message.includes("unreadable"));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
