/**
 * Log-in and sign-up under attack: password spraying (one address, many emails), a flood of
 * password checks (the scrypt gate), and log-in CSRF (another site's form posting to
 * log-in or sign-up). Regression tests for issue 8's findings 5 and 6.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance, InjectOptions } from "fastify";
import { buildTestApp, signUp, uniqueEmail, type TestApp } from "./helpers.js";

function login(app: FastifyInstance, email: string, password: string, extra: Partial<InjectOptions> = {}) {
  return app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, ...extra });
}

void describe("password spraying", () => {
  let t: TestApp;
  before(async () => {
    // The defaults: 30 failed logins per address in 15 minutes.
    t = await buildTestApp();
  });
  after(async () => {
    await t?.close();
  });

  void it("should answer 429 with Retry-After once one address has failed against enough different accounts", async () => {
    const victim = uniqueEmail("victim");
    await signUp(t.app, victim, "the victim's password");
    const from = { remoteAddress: "203.0.113.7" };
    // Successful logins from the address do not count.
    for (let i = 0; i < 5; i++) assert.equal((await login(t.app, victim, "the victim's password", from)).statusCode, 200);
    for (let i = 0; i < 30; i++) {
      const response = await login(t.app, uniqueEmail("sprayed"), "Summer2026!", from);
      assert.equal(response.statusCode, 401, `attempt ${i + 1}`);
    }
    const sprayed = await login(t.app, uniqueEmail("sprayed"), "Summer2026!", from);
    assert.equal(sprayed.statusCode, 429);
    assert.equal(sprayed.json().error.code, "RATE_LIMITED");
    assert.match(sprayed.json().error.message, /too many failed logins from your address/);
    assert.ok(Number(sprayed.headers["retry-after"]) > 0);
    // From that address even the right password waits; from another one it logs in.
    assert.equal((await login(t.app, victim, "the victim's password", from)).statusCode, 429);
    assert.equal((await login(t.app, victim, "the victim's password", { remoteAddress: "198.51.100.2" })).statusCode, 200);
  });
});

void describe("the password hashing gate", () => {
  let t: TestApp;
  before(async () => {
    // The defaults: a quarter of the cores hash at once, 16 more checks wait.
    t = await buildTestApp();
  });
  after(async () => {
    await t?.close();
  });

  void it("should answer 503 with Retry-After past the hashes it allows at once, and the rest as usual", async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login(t.app, uniqueEmail(), "a guess", { remoteAddress: `10.0.0.${i + 1}` })));
    const statuses = answers.map((a) => a.statusCode);
    const busy = answers.filter((a) => a.statusCode === 503);
    assert.ok(busy.length >= 1, `some checks were turned away: ${statuses.join(" ")}`);
    assert.ok(statuses.every((s) => s === 401 || s === 503), statuses.join(" "));
    for (const answer of busy) {
      assert.equal(answer.json().error.code, "BUSY");
      assert.ok(Number(answer.headers["retry-after"]) > 0);
    }
    // Once the flood has passed, a login is answered as usual.
    const email = uniqueEmail();
    await signUp(t.app, email, "the right password");
    assert.equal((await login(t.app, email, "the right password")).statusCode, 200);
  });
});

void describe("log-in CSRF: where a state-changing request comes from", () => {
  let t: TestApp;
  const host = "roadwork.example.org";
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => {
    await t?.close();
  });

  const form = (email: string, password: string) => ({ "content-type": "application/x-www-form-urlencoded", host, payload: `email=${encodeURIComponent(email)}&password=${encodeURIComponent(password)}` });
  const post = (url: string, fields: ReturnType<typeof form>, headers: Record<string, string>) => {
    const { payload, ...formHeaders } = fields;
    return t.app.inject({ method: "POST", url, headers: { ...formHeaders, ...headers }, payload });
  };

  void it("should refuse a log-in or sign-up posted by another site's form, set no cookie, and accept roadwork's own pages and clients that send no Origin", async () => {
    const email = uniqueEmail("attacker");
    await signUp(t.app, email, "attacker's password");
    const signupForm = { ...form(uniqueEmail(), "a new password"), payload: `email=${encodeURIComponent(uniqueEmail())}&name=X&password=a+new+password` };
    const refused: Array<Record<string, string>> = [
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: `https://evil.${host}` },
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: `http://${host}:8443` },
    ];
    for (const headers of refused) {
      for (const [url, fields] of [["/api/auth/login", form(email, "attacker's password")], ["/api/auth/signup", signupForm]] as const) {
        const response = await post(url, fields, headers);
        assert.equal(response.statusCode, 403, `${url} ${JSON.stringify(headers)}: ${response.body}`);
        assert.equal(response.json().error.code, "FORBIDDEN");
        assert.match(response.json().error.message, /roadwork accepts changes only from its own pages/);
        assert.equal(response.cookies.length, 0);
      }
    }
    const own = uniqueEmail();
    await signUp(t.app, own, "the right password");
    const accepted: Array<Record<string, string>> = [{ "sec-fetch-site": "same-origin", origin: `https://${host}` }, { origin: `https://${host}` }, { origin: `https://${host}:443` }, { "sec-fetch-site": "none" }, {}];
    for (const headers of accepted) {
      const response = await post("/api/auth/login", form(own, "the right password"), headers);
      assert.equal(response.statusCode, 200, `${JSON.stringify(headers)}: ${response.body}`);
    }
  });

  void it("should refuse a cross-site request that rides on a session even with the CSRF token, and keep Bearer clients working", async () => {
    const client = await signUp(t.app);
    const crossSite = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { ...client.headers, "sec-fetch-site": "cross-site" } });
    assert.equal(crossSite.statusCode, 403);
    const token = await t.app.inject({ method: "POST", url: "/api/tokens", headers: client.headers, payload: { name: "cli" } });
    assert.equal(token.statusCode, 201, token.body);
    const submitted = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: { authorization: `Bearer ${token.json().token}` }, payload: { source: "def greet(): return 1" } });
    assert.equal(submitted.statusCode, 202, submitted.body);
  });
});
