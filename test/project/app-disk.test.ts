/**
 * /app and /data share one sized tmpfs: an app that writes more than the project's disk
 * limit into its own folder is stopped by the kernel, and the report names the limit.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadProject, testProject, type Project } from "../../src/grading/project/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { flaskApp, PROJECT_FILES, tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PYTHON = "/usr/bin/python3";
const skip = !existsSync(PYTHON) ? `${PYTHON} not found` : process.getuid?.() !== 0 ? "the app's disk is a sized tmpfs only when roadwork runs as root" : false;

/** GET /health first writes `mib` files of 1 MiB each into `folder`, then answers. */
function filler(folder: "/app" | "/data", mib: number): Record<string, string> {
  const files = flaskApp("good");
  files["app.py"] = (files["app.py"] ?? "").replace(
    "def health():\n",
    `def health():\n    for i in range(${mib}):\n        with open("${folder}/fill-%d.bin" % i, "wb") as f:\n            f.write(b"x" * (1024 * 1024))\n`,
  );
  return files;
}

void describe("the app's disk (/app and /data)", { skip }, () => {
  const dir = tempDir("disk");
  let project: Project;
  let sandbox: Sandbox;
  before(async () => {
    const base = loadProject(writeTree(join(dir.path, "notes"), PROJECT_FILES));
    project = { ...base, limits: { ...base.limits, disk_mib: 8 } };
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  for (const folder of ["/app", "/data"] as const) {
    void it(`an app that writes 64 MiB into ${folder} is stopped at the disk limit, named`, async () => {
      const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, `fill${folder}`), filler(folder, 64)), upToStage: 1 });
      assert.equal(report.status, "fail", JSON.stringify(report, null, 2));
      assert.deepEqual(report.limits_hit?.map((hit) => hit.limit), ["disk"]);
      assert.match(report.limits_hit?.[0]?.message ?? "", /^disk limit 8 MiB reached/);
      assert.match(report.tests[0]?.message ?? "", /The app's disk is full: disk limit 8 MiB reached/);
    });
  }

  void it("an app that stays within the limit is not reported", async () => {
    const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "small"), filler("/app", 4)), upToStage: 1 });
    assert.equal(report.status, "pass", JSON.stringify(report, null, 2));
    assert.equal(report.limits_hit, undefined);
  });
});
