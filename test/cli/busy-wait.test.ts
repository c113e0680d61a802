import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sendWhenNotBusy } from "../../src/cli/busy-wait.js";

const queueFull = (retryAfter?: string): Response =>
  new Response(JSON.stringify({ error: { code: "QUEUE_FULL", message: "grading is busy" } }), { status: 503, headers: retryAfter === undefined ? {} : { "retry-after": retryAfter } });
const accepted = (): Response => new Response(JSON.stringify({ id: "s1" }), { status: 202 });

void describe("roadwork submit while grading is busy", () => {
  void it("should wait Retry-After seconds, say so, and send the same request again", async () => {
    const answers = [queueFull("7"), queueFull(), accepted()];
    const said: string[] = [];
    const slept: number[] = [];
    let sent = 0;
    const response = await sendWhenNotBusy(() => Promise.resolve(answers[sent++]!), { say: (line) => said.push(line), sleep: (ms) => (slept.push(ms), Promise.resolve()) });
    assert.equal(response.status, 202);
    assert.equal(sent, 3);
    assert.deepEqual(slept, [7000, 5000]);
    assert.match(said[0] ?? "", /grading is busy.*trying again in 7 s/);
  });

  void it("should hand back any other answer at once, even another 503", async () => {
    const unavailable = new Response(JSON.stringify({ error: { code: "SANDBOX_UNAVAILABLE" } }), { status: 503, headers: { "retry-after": "60" } });
    let sent = 0;
    const response = await sendWhenNotBusy(() => (sent++, Promise.resolve(unavailable)), { say: () => assert.fail("no wait expected"), sleep: () => Promise.resolve() });
    assert.equal(response, unavailable);
    assert.equal(sent, 1);
  });

  void it("should return the last refusal after maxAttempts, its body still readable", async () => {
    let sent = 0;
    const response = await sendWhenNotBusy(() => (sent++, Promise.resolve(queueFull("1"))), { say: () => undefined, sleep: () => Promise.resolve(), maxAttempts: 2 });
    assert.equal(sent, 2);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, "QUEUE_FULL");
  });
});
