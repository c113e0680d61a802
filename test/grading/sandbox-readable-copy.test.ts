/**
 * The copy of a package folder the sandbox mounts (python/harness): reachable by every
 * uid wherever the package lies, root's and read-only to others, one per content, and
 * replaced by a new one when the sources change, while the old one stays for whoever
 * still mounts it.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { SANDBOX_FILES_ROOT, sandboxReadableCopy } from "../../src/sandbox-readable-copy.js";

const skip = process.getuid?.() !== 0 ? "the copy is made only as root" : false;

/** Every folder from `path` up to / can be passed by others. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === "/") return true;
  }
}

void describe("sandboxReadableCopy", { skip }, () => {
  let home: string;
  let source: string;
  const root = join(dirname(SANDBOX_FILES_ROOT), `files-test-${process.pid}`);
  before(() => {
    home = mkdtempSync(join(tmpdir(), "roadwork-private-"));
    source = join(home, "python", "harness");
    mkdirSync(join(source, "shim"), { recursive: true });
    mkdirSync(join(source, "__pycache__"));
    writeFileSync(join(source, "harness.py"), "print('v1')\n");
    writeFileSync(join(source, "shim", "pytest.py"), "raises = None\n");
    writeFileSync(join(source, "__pycache__", "harness.cpython-311.pyc"), "bytecode");
  });
  after(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  void it("should give a root-owned copy every uid can reach, read-only to others, of a folder in a private home", () => {
    assert.equal(reachableByOthers(source), false);
    const copy = sandboxReadableCopy(source, "harness", root);
    assert.notEqual(copy, source);
    assert.ok(copy.startsWith(`${root}/harness-`), copy);
    assert.ok(reachableByOthers(join(copy, "harness.py")));
    assert.deepEqual(readdirSync(copy).sort(), ["harness.py", "shim"]);
    assert.equal(readFileSync(join(copy, "shim", "pytest.py"), "utf8"), "raises = None\n");
    for (const [path, mode] of [[copy, 0o755], [join(copy, "shim"), 0o755], [join(copy, "harness.py"), 0o644], [join(copy, "shim", "pytest.py"), 0o644]] as const) {
      const st = statSync(path);
      assert.equal(st.uid, 0, path);
      assert.equal(st.mode & 0o777, mode, path);
    }
    for (const dir of [root, dirname(root)]) assert.equal(statSync(dir).mode & 0o022, 0, `${dir} is writable only by root`);
    // Found again, not copied again; bytecode caches are not part of the content.
    writeFileSync(join(source, "__pycache__", "harness.cpython-311.pyc"), "other bytecode");
    assert.equal(sandboxReadableCopy(source, "harness", root), copy);
  });

  void it("should make a new copy when the sources change, and leave the old one to whoever mounts it", () => {
    const before = sandboxReadableCopy(source, "harness", root);
    writeFileSync(join(source, "harness.py"), "print('v2')\n");
    const after = sandboxReadableCopy(source, "harness", root);
    assert.notEqual(after, before);
    assert.equal(readFileSync(join(after, "harness.py"), "utf8"), "print('v2')\n");
    assert.equal(readFileSync(join(before, "harness.py"), "utf8"), "print('v1')\n");
    assert.deepEqual(readdirSync(root).filter((name) => name.startsWith(".")), [], "no half-built copy is left behind");
  });
});
