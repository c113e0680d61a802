/**
 * A sandbox run that cannot clean up after itself (here: giving its uid back fails) still
 * ends with its result, and the failure is logged at warn with the run's id and the step,
 * instead of being dropped in an empty catch.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { recordingLog } from "../../src/log.js";
import { resolveLimits } from "../../src/grading/sandbox/limits.js";
import { RunProcess } from "../../src/grading/sandbox/bwrap/run-process.js";

void describe("a sandbox run whose clean-up fails", () => {
  void it("gives its result and logs the failed step with the run's id", async () => {
    const log = recordingLog();
    const proc = new RunProcess(
      {
        id: "run-under-test",
        argv: ["/usr/bin/true"],
        limits: resolveLimits(undefined),
        channels: 0,
        stdin: undefined,
        loopback: false,
        socketDir: tmpdir(),
        log,
        release: () => {
          throw new Error("the uid's lock file is gone");
        },
      },
      // No sandbox needed to see the clean-up: a plain program stands in for the wrapper.
      async () => ({ file: "/bin/true", args: [], seccompFd: undefined, workspace: undefined, cgroup: undefined }),
    );
    const result = await proc.result;
    assert.equal(result.exitCode, 0);
    const warned = log.lines.filter((line) => line.level === "warn");
    assert.equal(warned.length, 1, JSON.stringify(log.lines));
    assert.equal(warned[0]?.fields.run, "run-under-test");
    assert.equal(warned[0]?.fields.step, "uid");
    assert.match(String((warned[0]?.fields.err as Error).message), /lock file is gone/);
  });
});
