/**
 * Stage 3: JWTs signed with HS256 and JWT_SECRET, and GET /api/user.
 * The tests know JWT_SECRET (support.ts), so they check the app's signatures and sign
 * tokens the app must refuse (expired, without exp) or accept (fresh).
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { b64url, decodeJwt, expectError, expectWrapped, hs256, isObject, signJwt, signUp, tokenHeader, type Json, type SignedUp } from "./support.js";

const DAY = 24 * 60 * 60;

export default async function stage(t: StageContext): Promise<void> {
  let ada: SignedUp | undefined;
  let bob: SignedUp | undefined;
  let claims: Json = {};
  const now = (): number => Math.floor(Date.now() / 1000);
  const me = (token: string) => ({ method: "GET", path: "/api/user", headers: tokenHeader(token) });
  const refused = (token: string) => expectError(t, me(token), 401, "token", "is invalid");

  await t.check("the token from sign-up is a JWT: three base64url parts, HS256, and an exp between a minute and 30 days away", async () => {
    ada = await signUp(t, "ada");
    const jwt = decodeJwt(ada.token);
    if (!jwt) {
      t.fail(`The token from sign-up is not a JWT (three base64url parts, separated by dots, the first two JSON objects): ${ada.token}`, { expected: "header.payload.signature" });
    }
    if (jwt.header.alg !== "HS256") t.fail(`The token's header says ${JSON.stringify(jwt.header)}; its "alg" must be "HS256".`, { expected: '{"alg": "HS256", "typ": "JWT"}' });
    const exp = jwt.payload.exp;
    if (typeof exp !== "number" || exp < now() + 60 || exp > now() + 30 * DAY + 300) {
      t.fail(`The token's payload is ${JSON.stringify(jwt.payload)}: "exp" must be a number of seconds since 1970, between one minute and 30 days from now (now is ${now()}).`, {
        expected: `{"sub": "<user id>", "iat": ${now()}, "exp": ${now() + DAY}}`,
      });
    }
    claims = jwt.payload;
  });

  await t.check("the token's signature is HMAC-SHA256 of its first two parts with JWT_SECRET", async () => {
    const jwt = ada && decodeJwt(ada.token);
    if (!jwt) t.fail("skipped: no JWT from sign-up (see the first check).");
    const expected = hs256(`${jwt.parts[0] ?? ""}.${jwt.parts[1] ?? ""}`);
    if (jwt.parts[2] !== expected) {
      t.fail("The token's signature is not the HMAC-SHA256 of header.payload with the key in JWT_SECRET (base64url, without = padding).", { expected: `signature ${expected}` });
    }
  });

  await t.check("GET /api/user with Authorization: Token <token> answers 200 with the user and a valid token", async () => {
    if (!ada) t.fail("skipped: signing up did not work (see the first check).");
    const req = me(ada.token);
    const user = await expectWrapped(t, req, 200, "user");
    if (user.username !== ada.username || user.email !== ada.email || user.bio !== null || user.image !== null) {
      t.fail("GET /api/user must answer with the logged-in user.", { request: req, expected: JSON.stringify({ user: { email: ada.email, token: "<a JWT>", username: ada.username, bio: null, image: null } }) });
    }
    if (typeof user.token !== "string" || !decodeJwt(user.token)) t.fail("The user in the reply has no valid token.", { request: req, expected: '"token": "<a JWT>"' });
    const again = await expectWrapped(t, me(user.token), 200, "user");
    if (again.username !== ada.username) t.fail("The token GET /api/user returned does not name the same user.");
  });

  await t.check("a token from login works the same way", async () => {
    if (!ada) t.fail("skipped: signing up did not work (see the first check).");
    const login = await expectWrapped(t, { method: "POST", path: "/api/users/login", json: { user: { email: ada.email, password: ada.password } } }, 200, "user");
    if (typeof login.token !== "string") t.fail("POST /api/users/login answered without a token.");
    const user = await expectWrapped(t, me(login.token), 200, "user");
    if (user.username !== ada.username) t.fail("The token from login names another user.", { expected: `the user ${ada.username}` });
  });

  await t.check("without an Authorization header, GET /api/user answers 401 is missing", async () => {
    await expectError(t, { method: "GET", path: "/api/user" }, 401, "token", "is missing");
  });

  await t.check("a random string, and a token signed with another key, answer 401 is invalid", async () => {
    await refused(`not-a-token-${t.unique("x")}`);
    await refused("a.b.c");
    await refused(signJwt({ ...claims, exp: now() + DAY }, "some other key"));
  });

  await t.check("one user's payload with another user's signature answers 401 is invalid", async () => {
    if (!ada) t.fail("skipped: signing up did not work (see the first check).");
    bob = await signUp(t, "bob");
    const adas = decodeJwt(ada.token);
    const bobs = decodeJwt(bob.token);
    if (!adas || !bobs) t.fail("skipped: the tokens are not JWTs (see the first check).");
    const swapped = `${bobs.parts[0] ?? ""}.${bobs.parts[1] ?? ""}.${adas.parts[2] ?? ""}`;
    const res = await t.request(me(swapped));
    if (res.status === 200) {
      t.fail("A token made of Bob's header and payload with Ada's signature was accepted: the signature is not checked, so anyone can write any payload and be anyone.", { request: me(swapped), response: res, expected: "401" });
    }
    await refused(swapped);
  });

  await t.check("a token whose exp was changed after signing answers 401 is invalid", async () => {
    const jwt = ada && decodeJwt(ada.token);
    if (!jwt) t.fail("skipped: no JWT from sign-up (see the first check).");
    const longer = b64url(JSON.stringify({ ...jwt.payload, exp: now() + 365 * DAY }));
    await refused(`${jwt.parts[0] ?? ""}.${longer}.${jwt.parts[2] ?? ""}`);
  });

  await t.check('a token with the header {"alg": "none"} and no signature answers 401 is invalid', async () => {
    const payload = b64url(JSON.stringify({ ...claims, exp: now() + DAY }));
    const res = await t.request(me(`${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`));
    if (res.status === 200) {
      t.fail('A token with "alg": "none" and no signature was accepted: anyone can write such a token for any user. Accept only "alg": "HS256", and always check the signature.', { response: res, expected: "401" });
    }
    await refused(`${b64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`);
    await refused(`${b64url(JSON.stringify({ alg: "none" }))}.${payload}.${hs256(`x.${payload}`)}`);
  });

  await t.check("a correctly signed token that expired a minute ago answers 401 is invalid", async () => {
    await refused(signJwt({ ...claims, iat: now() - DAY, exp: now() - 60 }));
  });

  await t.check("a correctly signed token without exp answers 401 is invalid", async () => {
    const withoutExp: Json = { ...claims };
    delete withoutExp.exp;
    await refused(signJwt(withoutExp));
    await refused(signJwt({ ...claims, exp: "tomorrow" }));
  });

  await t.check("a correctly signed token for a user id that does not exist answers 401 is invalid", async () => {
    await refused(signJwt({ ...claims, sub: "987654321", exp: now() + DAY }));
  });

  await t.check("a token the test signs with JWT_SECRET for the user, with a fresh exp, is accepted", async () => {
    if (!ada || !isObject(claims)) t.fail("skipped: signing up did not work (see the first check).");
    const fresh = signJwt({ ...claims, iat: now(), exp: now() + 3600 });
    const user = await expectWrapped(t, me(fresh), 200, "user");
    if (user.username !== ada.username) t.fail("A token signed with JWT_SECRET for Ada named someone else.");
  });
}
