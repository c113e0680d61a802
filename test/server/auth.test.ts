import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { buildTestApp, sessionCookie, signUp, uniqueEmail, type TestApp } from "./helpers.js";
import { ensureFirstAdmin } from "../../src/server/bootstrap.js";
import { hashPassword, verifyPassword } from "../../src/server/auth/passwords.js";

void describe("accounts", () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ config: { limits: { loginAttempts: 3 } } });
  });
  after(async () => {
    await t?.close();
  });

  void it("should sign up, set an HttpOnly SameSite=Lax session cookie and answer me", async () => {
    const email = uniqueEmail();
    const response = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email, name: "Ada", password: "correct horse battery" } });
    assert.equal(response.statusCode, 201);
    const cookie = response.cookies.find((c) => c.name === "rw_session");
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, "Lax");
    assert.equal(cookie.secure, undefined);
    const body = response.json();
    assert.equal(body.user.email, email);
    assert.equal(body.user.role, "learner");
    assert.equal(body.user.password_hash, undefined);
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: sessionCookie(response) } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().user.email, email);
    assert.equal(me.json().csrfToken, body.csrfToken);
  });

  void it("should fail with 401 on me when the session cookie is missing or unknown", async () => {
    for (const headers of [{}, { cookie: "rw_session=forged" }]) {
      const response = await t.app.inject({ method: "GET", url: "/api/auth/me", headers });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().error.code, "UNAUTHORIZED");
    }
  });

  void it("should refuse a second account for the same email with 409", async () => {
    const email = uniqueEmail();
    await signUp(t.app, email);
    const response = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email: email.toUpperCase(), name: "B", password: "correct horse battery" } });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, "CONFLICT");
  });

  void it("should refuse a bad email or a short password with 400 naming the field", async () => {
    const bad = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email: "nope", name: "A", password: "correct horse" } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /email/);
    const short = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email: uniqueEmail(), name: "A", password: "short" } });
    assert.equal(short.statusCode, 400);
    assert.match(short.json().error.message, /password/);
  });

  void it("should log in with the right password and refuse a wrong one with 401", async () => {
    const email = uniqueEmail();
    await signUp(t.app, email, "the right password");
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "the wrong password" } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.cookies.length, 0);
    const right = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "the right password" } });
    assert.equal(right.statusCode, 200);
    assert.ok(sessionCookie(right));
  });

  void it("should accept a login from an HTML form (urlencoded)", async () => {
    const email = uniqueEmail();
    await signUp(t.app, email, "the right password");
    const response = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: `email=${encodeURIComponent(email)}&password=the+right+password` });
    assert.equal(response.statusCode, 200);
  });

  void it("should rate limit logins per IP and email with 429 and Retry-After", async () => {
    const email = uniqueEmail();
    await signUp(t.app, email, "the right password");
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "guess" } });
      assert.equal(response.statusCode, 401);
    }
    const limited = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: "the right password" } });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error.code, "RATE_LIMITED");
    assert.ok(Number(limited.headers["retry-after"]) > 0);
    // Another email from the same IP is not affected.
    const other = uniqueEmail();
    await signUp(t.app, other, "the right password");
    const fine = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: other, password: "the right password" } });
    assert.equal(fine.statusCode, 200);
  });

  void it("should fail with 403 on logout without the CSRF token, and end the session with it", async () => {
    const client = await signUp(t.app);
    const forged = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: client.cookie } });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().error.code, "FORBIDDEN");
    const wrong = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: client.cookie, "x-csrf-token": "x".repeat(client.csrf.length) } });
    assert.equal(wrong.statusCode, 403);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: client.headers });
    assert.equal(out.statusCode, 204);
    const me = await t.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: client.cookie } });
    assert.equal(me.statusCode, 401);
  });

  void it("should accept the CSRF token as a _csrf form field", async () => {
    const client = await signUp(t.app);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: client.cookie, "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${client.csrf}` });
    assert.equal(out.statusCode, 204);
  });

  void it("should answer errors for unknown API routes as JSON 404", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/nothing-here" });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, "NOT_FOUND");
  });

  void it("should answer malformed JSON with 400 in the error format", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/auth/signup", headers: { "content-type": "application/json" }, payload: "{nope" });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.code, "BAD_INPUT");
  });
});

void describe("secure cookies and the first admin", () => {
  void it("should mark the session cookie Secure when configured", async () => {
    const t = await buildTestApp({ config: { secureCookies: true } });
    try {
      const response = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email: uniqueEmail(), name: "A", password: "correct horse battery" } });
      assert.equal(response.cookies.find((c) => c.name === "rw_session")?.secure, true);
    } finally {
      await t.close();
    }
  });

  void it("should limit the accounts one address creates per hour with 429", async () => {
    const t = await buildTestApp({ config: { limits: { signupsPerHour: 2 } } });
    try {
      for (let i = 0; i < 2; i++) await signUp(t.app);
      const third = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email: uniqueEmail(), name: "A", password: "correct horse battery" } });
      assert.equal(third.statusCode, 429);
      const elsewhere = await t.app.inject({ method: "POST", url: "/api/auth/signup", remoteAddress: "10.1.2.3", payload: { email: uniqueEmail(), name: "A", password: "correct horse battery" } });
      assert.equal(elsewhere.statusCode, 201);
    } finally {
      await t.close();
    }
  });

  void it("should refuse sign up with 403 when sign up is closed", async () => {
    const t = await buildTestApp({ config: { signup: "closed" } });
    try {
      const response = await t.app.inject({ method: "POST", url: "/api/auth/signup", payload: { email: uniqueEmail(), name: "A", password: "correct horse battery" } });
      assert.equal(response.statusCode, 403);
      assert.match(response.json().error.message, /sign up is closed/);
    } finally {
      await t.close();
    }
  });

  void it("should create the first admin once, with a password that logs in", async () => {
    const t = await buildTestApp();
    try {
      const first = await ensureFirstAdmin(t.store);
      assert.ok(first);
      assert.equal(await ensureFirstAdmin(t.store), null);
      const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: first.email, password: first.password } });
      assert.equal(login.statusCode, 200);
      assert.equal(login.json().user.role, "admin");
    } finally {
      await t.close();
    }
  });

  void it("should hash passwords with a salt and verify them in constant time", async () => {
    const a = await hashPassword("secret password");
    const b = await hashPassword("secret password");
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword("secret password", a), true);
    assert.equal(await verifyPassword("secret passworD", a), false);
    assert.equal(await verifyPassword("secret password", "garbage"), false);
  });
});
