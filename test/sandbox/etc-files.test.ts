/**
 * The shared /etc folder of the runs: built once per host state, and the half-built folders of
 * processes that are gone are removed when a new one is built (live builders' are left alone).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSharedEtc } from "../../src/grading/sandbox/bwrap/etc-files.js";

/** Above pid_max on Linux (2^22), so no process has it. */
const DEAD_PID = 4194303;

void describe("buildSharedEtc", () => {
  void it("builds one folder, reuses it, and sweeps only the leftovers of dead processes", () => {
    const root = mkdtempSync(join(tmpdir(), "roadwork-etc-"));
    try {
      const hostEtc = join(root, "host-etc");
      const etcRoot = join(root, "etc");
      mkdirSync(hostEtc);
      mkdirSync(etcRoot);
      writeFileSync(join(hostEtc, "timezone"), "Etc/UTC\n");
      const leftovers = [`cache-0a1b.${DEAD_PID}.tmp`, `shared-${DEAD_PID}`, `shared-${DEAD_PID}.tmp`];
      const live = [`cache-0a1b.${process.pid}.tmp`, `shared-${process.pid}`];
      for (const name of [...leftovers, ...live, "unrelated"]) mkdirSync(join(etcRoot, name));

      const folder = buildSharedEtc(etcRoot, hostEtc);
      assert.ok(existsSync(join(folder, "group")), "the folder is complete");
      assert.ok(readdirSync(folder).includes("timezone"), "the host files are copied");
      assert.deepEqual(leftovers.filter((name) => existsSync(join(etcRoot, name))), [], "dead builders' folders are removed");
      assert.deepEqual(live.filter((name) => !existsSync(join(etcRoot, name))), [], "a live process's folders stay");
      assert.ok(existsSync(join(etcRoot, "unrelated")));

      // Same host state: the same folder, no new build (a new leftover stays until the next build).
      mkdirSync(join(etcRoot, `shared-${DEAD_PID}`));
      assert.equal(buildSharedEtc(etcRoot, hostEtc), folder);
      assert.ok(existsSync(join(etcRoot, `shared-${DEAD_PID}`)));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
