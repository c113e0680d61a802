/** `roadwork submit` sends its request again when the answer is lost, with the same Idempotency-Key. */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { once } from "node:events";
import { sendSubmit } from "../../src/cli/send-submit.js";

void describe("sendSubmit", () => {
  let server: Server;
  let url: URL;
  /** What the fake server does with the next requests, in order; then 202. */
  let plan: Array<"drop" | 502 | 400> = [];
  const keys: string[] = [];
  before(async () => {
    server = createServer((request, response) => {
      keys.push(String(request.headers["idempotency-key"]));
      const step = plan.shift();
      request.resume();
      if (step === "drop") return void request.socket.destroy();
      response.writeHead(step ?? 202, { "content-type": "application/json" }).end(JSON.stringify({ id: "s1" }));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const address = server.address();
    url = new URL(`http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}/api/exercises/x/submissions`);
  });
  after(() => server.close());

  const init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ source: "x" }) };

  void it("should send the same key again after a dropped connection and a 502, until the server answers", async () => {
    keys.length = 0;
    plan = ["drop", 502];
    const response = await sendSubmit(url, init, { delayMs: 10 });
    assert.equal(response.status, 202);
    assert.equal(keys.length, 3);
    assert.equal(new Set(keys).size, 1);
    assert.match(keys[0] ?? "", /^[0-9a-f-]{36}$/);
  });

  void it("should use a fresh key for each submit, and not retry an answer that says no", async () => {
    keys.length = 0;
    plan = [400];
    assert.equal((await sendSubmit(url, init, { delayMs: 10 })).status, 400);
    await sendSubmit(url, init, { delayMs: 10 });
    assert.equal(keys.length, 2);
    assert.notEqual(keys[0], keys[1]);
  });

  void it("should give up after its attempts and hand back the last answer", async () => {
    keys.length = 0;
    plan = [502, 502, 502];
    assert.equal((await sendSubmit(url, init, { delayMs: 10, attempts: 3 })).status, 502);
    assert.equal(keys.length, 3);
    plan = [];
  });
});
