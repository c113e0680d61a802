/** `roadwork test` loads a project from a cache of the validated project, checked against every file it came from. */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadProject } from "../../src/content/project.js";
import { loadProjectCached } from "../../src/grading/project/cached-project.js";
import { PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";

void describe("loadProjectCached", () => {
  const dir = tempDir("cached-project");
  after(() => dir.remove());
  const cacheDir = join(dir.path, "cache");
  const withBytes = { ...PROJECT_FILES, "stages/01-health.hurl": `${PROJECT_FILES["stages/01-health.hurl"] ?? ""}\nPOST {{base_url}}/raw\nbase64,aGVsbG8=;\nHTTP 200\n` };

  void it("gives the same project as the full loader, from the cache too (Hurl bodies of bytes included)", async () => {
    const root = writeTree(join(dir.path, "p1"), withBytes);
    const first = await loadProjectCached(root, { cacheDir });
    const second = await loadProjectCached(root, { cacheDir });
    assert.deepEqual(first, loadProject(root));
    assert.deepEqual(second, loadProject(root));
  });

  void it("uses the cached entry without the full loader while its files are unchanged", async () => {
    const root = writeTree(join(dir.path, "p2"), PROJECT_FILES);
    await loadProjectCached(root, { cacheDir });
    // The full loader refuses a project whose instructions are missing; the cached entry does not look.
    rmSync(join(root, "stages", "02.md"));
    assert.throws(() => loadProject(root), /file not found: stages\/02\.md/);
    assert.equal((await loadProjectCached(root, { cacheDir })).id, "notes");
  });

  void it("loads in full again when a Hurl stage changed", async () => {
    const root = writeTree(join(dir.path, "p3"), PROJECT_FILES);
    await loadProjectCached(root, { cacheDir });
    writeFileSync(join(root, "stages", "01-health.hurl"), "GET {{base_url}}/changed\nHTTP 204\n");
    const project = await loadProjectCached(root, { cacheDir });
    const stage = project.stages[0];
    assert.equal(stage?.kind === "hurl" ? stage.hurl.entries[0]?.response?.status : undefined, 204);
  });
});
