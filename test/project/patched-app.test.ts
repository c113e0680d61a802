/** Bad apps written as patches against a reference: applied to a copy, refused when stale. */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { materializePatchedApp } from "../../src/grading/project/patched-app.js";
import { isRoadworkError } from "../../src/errors.js";

const root = mkdtempSync(join(tmpdir(), "roadwork-patch-test-"));
const reference = join(root, "reference");
mkdirSync(reference);
writeFileSync(join(reference, "app.py"), "def status():\n    return 204\n");
const patch = (body: string): string => {
  const file = join(root, `p${Math.random().toString(36).slice(2)}.patch`);
  writeFileSync(file, body);
  return file;
};

void describe("materializePatchedApp", () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  void it("applies the patch to a copy and leaves the reference alone", async () => {
    const app = await materializePatchedApp(reference, patch("--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n def status():\n-    return 204\n+    return 200\n--- /dev/null\n+++ b/notes.txt\n@@ -0,0 +1 @@\n+added\n"));
    try {
      assert.equal(readFileSync(join(app.dir, "app.py"), "utf8"), "def status():\n    return 200\n");
      assert.equal(readFileSync(join(app.dir, "notes.txt"), "utf8"), "added\n");
      assert.equal(readFileSync(join(reference, "app.py"), "utf8"), "def status():\n    return 204\n");
    } finally {
      await app.remove();
    }
    assert.equal(existsSync(app.dir), false, "the copy is removed");
  });

  void it("refuses a patch that no longer applies to the reference, naming the patch file", async () => {
    const stale = patch("--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n def status():\n-    return 418\n+    return 200\n");
    await assert.rejects(materializePatchedApp(reference, stale), (error: unknown) => isRoadworkError(error) && error.code === "CONTENT_INVALID" && error.file === stale && /no longer applies/.test(error.message));
  });

  void it("refuses a patch that writes outside the app", async () => {
    const escaping = patch("--- /dev/null\n+++ b/../../escaped.txt\n@@ -0,0 +1 @@\n+x\n");
    await assert.rejects(materializePatchedApp(reference, escaping), /outside the app/);
    assert.equal(existsSync(join(root, "escaped.txt")), false);
  });
});
