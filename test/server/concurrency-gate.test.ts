import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ConcurrencyGate } from "../../src/concurrency-gate.js";
import { isRoadworkError } from "../../src/errors.js";

void describe("ConcurrencyGate", () => {
  void it("should run at most `running` tasks at once, queue `waiting` more, and refuse the rest", async () => {
    const gate = new ConcurrencyGate({ running: 2, waiting: 1, busyMessage: "busy here", retryAfterSeconds: 3 });
    const releases: Array<() => void> = [];
    let peak = 0;
    let active = 0;
    const task = () =>
      gate.run(async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise<void>((resolve) => releases.push(resolve));
        active -= 1;
      });
    const running = [task(), task(), task()];
    await assert.rejects(task(), (error: unknown) => isRoadworkError(error) && error.code === "BUSY" && error.retryAfterSeconds === 3 && /busy here/.test(error.message));
    assert.deepEqual(gate.load(), { running: 2, waiting: 1 });
    while (releases.length > 0 || active > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(running);
    assert.equal(peak, 2);
    assert.deepEqual(gate.load(), { running: 0, waiting: 0 });
  });
});
