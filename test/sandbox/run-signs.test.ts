/** How a run's end is read into the limits it reached (run-signs.ts, used by run-process.ts). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { limitsAtEnd } from "../../src/grading/sandbox/bwrap/run-signs.js";

const none = { fileSize: false, diskFull: false };
const quiet = Buffer.from("");

void describe("limitsAtEnd", () => {
  void it("names the CPU-time limit from the CPU total, or from SIGXCPU, once", () => {
    assert.deepEqual(limitsAtEnd({ cpuTimeMs: 5000, oomKills: 0, taskLimitHits: 0 }, "SIGKILL", { cpuTimeMs: 5000 }, none, quiet), ["cpu-time"]);
    assert.deepEqual(limitsAtEnd({ cpuTimeMs: 6010, oomKills: 0, taskLimitHits: 0 }, "SIGXCPU", { cpuTimeMs: 5000 }, none, quiet), ["cpu-time"]);
    assert.deepEqual(limitsAtEnd(undefined, "SIGXCPU", { cpuTimeMs: 5000 }, none, quiet), ["cpu-time"]);
    assert.deepEqual(limitsAtEnd({ cpuTimeMs: 4999, oomKills: 0, taskLimitHits: 0 }, "SIGKILL", { cpuTimeMs: 5000 }, none, quiet), []);
  });

  void it("names memory, processes, file size, disk and open files from their own signs", () => {
    const all = limitsAtEnd({ cpuTimeMs: 10, oomKills: 1, taskLimitHits: 3 }, "SIGXFSZ", { cpuTimeMs: 5000 }, { fileSize: false, diskFull: true }, Buffer.from("OSError: [Errno 24] Too many open files"));
    assert.deepEqual(all, ["memory", "processes", "file-size", "disk", "open-files"]);
    assert.deepEqual(limitsAtEnd(undefined, null, { cpuTimeMs: 5000 }, { fileSize: true, diskFull: false }, quiet), ["file-size"]);
  });
});
