import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sendWhenNotBusy, waitSeconds, type Refusal } from "../../src/web/busy-retry.js";

const queueFull = (retryAfterSeconds?: number): Refusal & Error => Object.assign(new Error("grading is busy"), { status: 503, code: "QUEUE_FULL", ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

/** A send that is refused `refusals` times, then answers; records every call. */
function flakySend(refusals: Array<Refusal & Error>, answer: string): { send: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    send: () => {
      const refusal = refusals[calls++];
      return refusal === undefined ? Promise.resolve(answer) : Promise.reject(refusal);
    },
    calls: () => calls,
  };
}

const noSleep = (): Promise<void> => Promise.resolve();

void describe("sending a submission again while grading is busy (web)", () => {
  void it("should count the server's Retry-After down each second, then send the same work again", async () => {
    const { send, calls } = flakySend([queueFull(3), queueFull(2)], "submitted");
    const waits: Array<[number, number]> = [];
    const slept: number[] = [];
    const result = await sendWhenNotBusy(send, {
      signal: new AbortController().signal,
      sleep: (ms) => (slept.push(ms), Promise.resolve()),
      random: () => 0,
      onWait: (left, attempt) => waits.push([left, attempt]),
    });
    assert.equal(result, "submitted");
    assert.equal(calls(), 3);
    assert.deepEqual(waits, [[3, 1], [2, 1], [1, 1], [2, 2], [1, 2]]);
    assert.deepEqual(slept, [1000, 1000, 1000, 1000, 1000]);
  });

  void it("should spread retries by up to half the wait again, and wait 5 s when no Retry-After came", () => {
    assert.equal(waitSeconds(queueFull(10), () => 0), 10);
    assert.equal(waitSeconds(queueFull(10), () => 0.99), 14);
    assert.equal(waitSeconds(queueFull(), () => 0), 5);
  });

  void it("should throw any other error at once, without waiting", async () => {
    const other = Object.assign(new Error("too many of yours waiting"), { status: 429, code: "RATE_LIMITED" });
    let waited = false;
    await assert.rejects(
      sendWhenNotBusy(() => Promise.reject(other), { signal: new AbortController().signal, sleep: noSleep, onWait: () => (waited = true) }),
      (error) => error === other,
    );
    assert.equal(waited, false);
  });

  void it("should give up after maxAttempts with the last refusal, and stop when the learner leaves", async () => {
    const always = queueFull(1);
    const { send, calls } = flakySend([always, always, always, always], "never");
    await assert.rejects(sendWhenNotBusy(send, { signal: new AbortController().signal, sleep: noSleep, random: () => 0, onWait: () => undefined, maxAttempts: 3 }), (error) => error === always);
    assert.equal(calls(), 3);

    const leaving = new AbortController();
    const second = flakySend([always, always], "never");
    await assert.rejects(sendWhenNotBusy(second.send, { signal: leaving.signal, sleep: noSleep, random: () => 0, onWait: () => leaving.abort() }), (error) => error === always);
    assert.equal(second.calls(), 1);
  });
});
