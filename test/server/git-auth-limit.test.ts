/**
 * Guessing API tokens at /git/: wrong tokens from one client address (and, when the user
 * name is an email, for that account from that address) are answered 429 with Retry-After
 * past the log-in limits, as log-in answers password guessing; a right token from another
 * address still pushes. No push is made: info/refs is where git authenticates first.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestApp, signUp, type TestApp } from "./helpers.js";

function refs(t: TestApp, user: string, token: string, remoteAddress: string) {
  const authorization = `Basic ${Buffer.from(`${user}:${token}`).toString("base64")}`;
  return t.app.inject({ method: "GET", url: "/git/tiny-api.git/info/refs?service=git-receive-pack", headers: { authorization }, remoteAddress });
}

void describe("wrong tokens at /git/", () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await buildTestApp({ config: { limits: { loginFailuresPerAddress: 6, loginAttempts: 3 } } });
    const ada = await signUp(t.app);
    const created = await t.app.inject({ method: "POST", url: "/api/tokens", headers: ada.headers, payload: { name: "git" } });
    assert.equal(created.statusCode, 201, created.body);
    token = created.json<{ token: string }>().token;
  });
  after(async () => {
    await t?.close();
  });

  void it("should answer 429 with Retry-After once one address has sent too many wrong tokens, and let a right token from another address through", async () => {
    const from = "203.0.113.7";
    // Right tokens do not count.
    for (let i = 0; i < 3; i++) assert.equal((await refs(t, "learner", token, from)).statusCode, 200);
    for (let i = 0; i < 6; i++) {
      const response = await refs(t, `learner${i}`, `rw_guess${i}`, from);
      assert.equal(response.statusCode, 401, `wrong token ${i + 1}: ${response.body}`);
    }
    const limited = await refs(t, "learner", "rw_guess-again", from);
    assert.equal(limited.statusCode, 429, limited.body);
    assert.equal(limited.json().error.code, "RATE_LIMITED");
    assert.match(limited.json().error.message, /too many wrong API tokens from your address/);
    assert.ok(Number(limited.headers["retry-after"]) > 0, `Retry-After: ${String(limited.headers["retry-after"])}`);
    // From that address even the right token waits; from another one it is taken.
    assert.equal((await refs(t, "learner", token, from)).statusCode, 429);
    assert.equal((await refs(t, "learner", token, "198.51.100.2")).statusCode, 200);
  });

  void it("should count wrong tokens for one email user name from one address apart, sooner", async () => {
    const from = "203.0.113.8";
    for (let i = 0; i < 3; i++) assert.equal((await refs(t, "Ada@Example.org", `rw_guess${i}`, from)).statusCode, 401, `wrong token ${i + 1}`);
    const limited = await refs(t, "ada@example.org", "rw_guess", from);
    assert.equal(limited.statusCode, 429, limited.body);
    assert.match(limited.json().error.message, /too many wrong API tokens for ada@example\.org/);
    assert.ok(Number(limited.headers["retry-after"]) > 0);
    // Another user name from the same address is not yet at the address's limit; the email from elsewhere is not limited.
    assert.equal((await refs(t, "learner", "rw_guess", from)).statusCode, 401);
    assert.equal((await refs(t, "ada@example.org", "rw_guess", "198.51.100.3")).statusCode, 401);
    assert.equal((await refs(t, "ada@example.org", token, "198.51.100.3")).statusCode, 200);
  });
});
