/** The idle worker's wait between looks at the queue (src/queue/worker.ts sleep). */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { sleep } from "../../src/queue/worker.js";

void describe("a worker's idle wait", () => {
  void it("should leave no listener on the worker's stop signal after each wait (a worker waits for ever)", async () => {
    const stopping = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, stopping.signal);
    assert.equal(getEventListeners(stopping.signal, "abort").length, 0);
  });

  void it("should end at once when the worker stops", async () => {
    const stopping = new AbortController();
    const waiting = sleep(3_600_000, stopping.signal).then(() => "ended");
    stopping.abort();
    // Settled promises win a race in order: a wait still running loses to the one settled now.
    assert.equal(await Promise.race([waiting, new Promise((r) => setImmediate(() => r("still waiting")))]), "ended");
    assert.equal(getEventListeners(stopping.signal, "abort").length, 0);
  });
});
