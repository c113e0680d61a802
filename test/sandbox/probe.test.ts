/**
 * The test run behind the "user namespaces" and "rlimits" protections (and `roadwork
 * doctor`) is built by the same buildCommand as every run, so a change to how runs start is
 * what doctor checks; it once checked a hand-copied command line that had drifted.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCommand } from "../../src/grading/sandbox/bwrap/argv.js";
import { probeCommand } from "../../src/grading/sandbox/bwrap/machine.js";
import { resolveLimits } from "../../src/grading/sandbox/limits.js";
import { createSandbox } from "../../src/grading/sandbox/index.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

const skip = await skipWithoutSandbox();
const workspace = { work: "/run/x/work", tmp: "/run/x/tmp", shm: "/run/x/shm" };
const etc = { shared: "/run/etc/shared", perRun: [["/run/etc/uid-5/passwd", "/etc/passwd"]] as Array<readonly [string, string]> };

void describe("the sandbox's test run", () => {
  void it("is a run's command: setpriv, bwrap with every flag a run gets, then /usr/bin/true", () => {
    const { file, args } = probeCommand({ uid: 1_900_000_005, switchUid: true, workspace, etc });
    const limits = resolveLimits(undefined);
    const run = buildCommand({ uid: 1_900_000_005, switchUid: true, limits, tasks: limits.processes + 4, cgroupProcsFiles: [], workspace, etc, mounts: [], env: { PATH: "/usr/bin:/bin" }, cwd: "/work", argv: ["/usr/bin/true"], infoFd: 3, seccompFd: undefined, closeFdsAbove: undefined });
    assert.deepEqual({ file, args }, run);
    const bwrap = args.slice(args.indexOf("/usr/bin/bwrap"));
    for (const flag of ["--unshare-all", "--disable-userns", "--as-pid-1", "--clearenv", "--die-with-parent", "--new-session"]) assert.ok(bwrap.includes(flag), flag);
    assert.ok(args.includes("--no-new-privs"));
    assert.deepEqual(args.slice(-2), ["--", "/usr/bin/true"]);
  });

  void it("starts on this machine (doctor's fresh check)", { skip }, async () => {
    const state = mkdtempSync(join(tmpdir(), "roadwork-probe-"));
    try {
      const sandbox = await createSandbox({ stateDir: state, freshChecks: true, allowMissingProtections: true });
      const protections = await sandbox.protections();
      await sandbox.close();
      for (const name of ["user namespaces", "rlimits"]) {
        const report = protections.find((p) => p.name === name);
        assert.equal(report?.active, true, `${name}: ${report?.detail}`);
      }
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
