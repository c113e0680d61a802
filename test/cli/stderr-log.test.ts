/** The command line's Log: one plain line per warning or error on stderr, nothing for debug or info. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { stderrLog } from "../../src/cli/stderr-log.js";

void describe("stderrLog", () => {
  void it("writes a warning with what was being done, then its context and the error's message, and leaves debug and info out", () => {
    const lines: string[] = [];
    const log = stderrLog({}, (line) => lines.push(line)).child({ run: "12-ab" });
    log.debug({ x: 1 }, "debugging");
    log.info({ x: 1 }, "informing");
    log.warn({ err: new Error("the sandbox spawner ended (SIGKILL)"), cpuTimeMs: 812, missing: undefined }, "a sandboxed run was lost");
    log.error({ path: "/tmp/\u001b[31mred" }, "cleaning up failed");
    assert.deepEqual(lines, [
      "warning: a sandboxed run was lost (run=12-ab, err=the sandbox spawner ended (SIGKILL), cpuTimeMs=812)\n",
      "error: cleaning up failed (run=12-ab, path=/tmp/\\x1b[31mred)\n",
    ]);
  });
});
