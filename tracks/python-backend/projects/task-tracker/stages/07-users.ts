/**
 * Stage 7: users with hashed passwords, and logging in.
 * POST /users {email, password} -> 201 {id, email, confirmed}; POST /login -> 200 {token};
 * GET /me with "Authorization: Bearer <token>" -> 200 {id, email, confirmed}.
 * The database is read to check that the password is not stored as typed.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { cellText, expectError, expectJson, expectStatus, fastSaltedHashes, isObject, rowsContaining, unsaltedHashes, type Json } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  // Lowercase, so that an app that lowercases emails stores exactly this.
  const email = `${t.unique("grace")}@example.com`.toLowerCase();
  const password = `Grace's ${t.unique("pw")} password`;
  let user: Json | undefined;
  let token: string | undefined;

  await t.check("POST /users creates a user: 201 with id and email, and never the password", async () => {
    const req = { method: "POST", path: "/users", json: { email, password } };
    const res = await expectStatus(t, req, 201);
    const body = res.json;
    if (!isObject(body) || !Number.isInteger(body.id) || body.email !== email) {
      t.fail("POST /users must answer with the new user.", { request: req, response: res, expected: `{"id": <integer>, "email": "${email}", ...}` });
    }
    if (res.text.includes(password) || Object.keys(body).some((key) => /pass|hash/i.test(key))) {
      t.fail("The reply to POST /users gives away the password or its hash. Reply with id, email and confirmed only.", { request: req, response: res });
    }
    user = body;
  });

  await t.check("signing up twice with the same email gives 409", async () => {
    await expectError(t, { method: "POST", path: "/users", json: { email, password: "another password" } }, 409, "conflict");
  });

  await t.check("a bad sign-up gives 422 with the field at fault, and bad JSON gives 400", async () => {
    const badEmail = await expectError(t, { method: "POST", path: "/users", json: { email: "not-an-email", password } }, 422, "validation_failed");
    expectField(t, badEmail, "email", "an email without @");
    const shortPassword = await expectError(t, { method: "POST", path: "/users", json: { email: `${t.unique("short")}@example.com`.toLowerCase(), password: "1234567" } }, 422, "validation_failed");
    expectField(t, shortPassword, "password", "a password of 7 characters");
    const missing = await expectError(t, { method: "POST", path: "/users", json: {} }, 422, "validation_failed");
    expectField(t, missing, "email", "an empty object");
    expectField(t, missing, "password", "an empty object");
    await expectError(t, { method: "POST", path: "/users", headers: { "Content-Type": "application/json" }, body: '{"email": ' }, 400, "invalid_json");
  });

  await t.check("POST /login with the right password gives a token", async () => {
    const req = { method: "POST", path: "/login", json: { email, password } };
    const res = await expectStatus(t, req, 200);
    const body = res.json;
    if (!isObject(body) || typeof body.token !== "string" || body.token.length < 16) {
      t.fail("POST /login must answer with a token of at least 16 characters, hard to guess (use secrets.token_urlsafe).", { request: req, response: res, expected: '{"token": "<at least 16 characters>"}' });
    }
    token = body.token;
  });

  await t.check("each login gives a new token, so a token cannot be worked out from the account", async () => {
    if (!token) t.fail("skipped: logging in did not work (see the check above).");
    const req = { method: "POST", path: "/login", json: { email, password } };
    const again = await expectJson(t, req, 200);
    if (again.token === token) {
      t.fail("Logging in twice gave the same token: a token made from the account (its id, its email, a hash of them) can be computed by anyone who knows them. Make a new random one at every login (secrets.token_urlsafe(32)).", { request: req, expected: "a token different from the first login's" });
    }
  });

  await t.check("POST /login with a wrong password or an unknown email gives 401", async () => {
    await expectError(t, { method: "POST", path: "/login", json: { email, password: `${password}x` } }, 401, "unauthorized");
    await expectError(t, { method: "POST", path: "/login", json: { email: `${t.unique("nobody")}@example.com`.toLowerCase(), password } }, 401, "unauthorized");
  });

  await t.check("GET /me with the token says who is logged in; without it, 401", async () => {
    if (!token || !user) t.fail("skipped: signing up or logging in did not work (see the checks above).");
    const req = { method: "GET", path: "/me", headers: { Authorization: `Bearer ${token}` } };
    const me = await expectJson(t, req, 200);
    if (me.id !== user.id || me.email !== email) {
      t.fail("GET /me answered with another user.", { request: req, expected: JSON.stringify({ id: user.id, email }) });
    }
    if (Object.keys(me).some((key) => /pass|hash/i.test(key))) {
      t.fail("GET /me gives away the password hash. Answer with id, email and confirmed only.", { request: req, expected: '{"id": ..., "email": ..., "confirmed": ...}' });
    }
    await expectError(t, { method: "GET", path: "/me" }, 401, "unauthorized");
    await expectError(t, { method: "GET", path: "/me", headers: { Authorization: `Bearer ${t.unique("forged")}` } }, 401, "unauthorized");
  });

  await t.check("the user is stored in the database, and the password only as a salted hash", async () => {
    const rows = await rowsContaining(t, email);
    if (rows.length === 0) {
      t.fail(`No table in the database at DATABASE_URL holds a row with the email ${email}.`);
    }
    const withPassword = await rowsContaining(t, password);
    if (withPassword.length > 0) {
      t.fail(`The table "${withPassword[0]?.table}" stores the password as it was typed. Store a salted hash instead (werkzeug.security.generate_password_hash, django.contrib.auth.hashers.make_password or hashlib.scrypt).`);
    }
    const weak = unsaltedHashes(password);
    for (const { table, row } of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (weak.some((hash) => cellText(value).includes(hash))) {
          t.fail(`Column "${column}" of table "${table}" holds an unsalted MD5 or SHA hash of the password: two users with the same password get the same hash, and such hashes are cracked in seconds. Use a salted, slow hash.`);
        }
      }
    }
  });

  await t.check("the password hash is slow: not one round of MD5 or SHA over a salt and the password", async () => {
    const [stored] = await rowsContaining(t, email);
    if (!stored) t.fail(`No table in the database at DATABASE_URL holds a row with the email ${email}.`);
    for (const [column, value] of Object.entries(stored.row)) {
      if (!/pass|hash|digest|pw/i.test(column)) continue;
      if (fastSaltedHashes(cellText(value), password)) {
        t.fail(`Column "${column}" of table "${stored.table}" holds one round of MD5 or SHA over the salt and the password: salted, but such hashes are still tried by the billion per second. Use a slow hash (generate_password_hash, make_password, hashlib.scrypt); with PASSWORD_HASH_COST=test lower its cost, never swap it for a fast one.`);
      }
    }
  });

  await t.check("two users with the same password get different hashes (the hash is salted)", async () => {
    const twin = `${t.unique("twin")}@example.com`.toLowerCase();
    await expectJson(t, { method: "POST", path: "/users", json: { email: twin, password } }, 201);
    const [first] = await rowsContaining(t, email);
    const [second] = await rowsContaining(t, twin);
    if (!first || !second) t.fail("The two users could not be found in the database.");
    for (const column of Object.keys(first.row).filter((name) => /pass|hash|digest|pw/i.test(name))) {
      const value = cellText(first.row[column]);
      if (value !== "" && value === cellText(second.row[column])) {
        t.fail(`Two users with the same password have the same "${column}". Add a random salt to each hash (the password libraries do it for you).`);
      }
    }
  });
}

function expectField(t: StageContext, body: Json, field: string, sent: string): void {
  const fields = body.fields;
  if (!isObject(fields) || typeof fields[field] !== "string") {
    t.fail(`For ${sent}, the 422 reply must name the field "${field}" in "fields".`, {
      expected: `{"error": "validation_failed", "message": "...", "fields": {"${field}": "<what is wrong>"}}`,
    });
  }
}
