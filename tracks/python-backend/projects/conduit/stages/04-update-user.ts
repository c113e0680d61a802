/**
 * Stage 4: PUT /api/user {"user": {...}} changes the logged-in user, field by field, with
 * the rules of sign-up, uniqueness against other users only, a re-hashed password, and
 * every field it does not know ignored.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { decodeJwt, expectError, expectPasswordHidden, expectWrapped, signUp, tokenHeader, type Json, type SignedUp } from "./support.js";

export default async function stage(t: StageContext): Promise<void> {
  let ada: SignedUp | undefined;
  let bob: SignedUp | undefined;
  const put = (who: SignedUp, user: unknown) => ({ method: "PUT", path: "/api/user", headers: who.headers, json: { user } });
  const current = async (who: SignedUp): Promise<Json> => expectWrapped(t, { method: "GET", path: "/api/user", headers: who.headers }, 200, "user");
  const expectUser = (what: string, got: Json, want: Json): void => {
    for (const [key, value] of Object.entries(want)) {
      if (got[key] !== value) t.fail(`${what}: "${key}" is ${JSON.stringify(got[key])}.`, { expected: JSON.stringify({ user: want }) });
    }
  };
  const need = (): { ada: SignedUp; bob: SignedUp } => {
    if (!ada || !bob) t.fail("skipped: signing up did not work (see the first check).");
    return { ada, bob };
  };

  await t.check("PUT /api/user sets bio and image; GET /api/user shows them; nothing else changes", async () => {
    ada = await signUp(t, "ada");
    bob = await signUp(t, "bob");
    const changed = await expectWrapped(t, put(ada, { bio: "I like to skateboard", image: "https://i.example.com/ada.jpg" }), 200, "user");
    const want = { username: ada.username, email: ada.email, bio: "I like to skateboard", image: "https://i.example.com/ada.jpg" };
    expectUser("After PUT /api/user with a bio and an image", changed, want);
    if (typeof changed.token !== "string" || !decodeJwt(changed.token)) t.fail("The reply to PUT /api/user has no valid token.", { expected: '"token": "<a JWT>"' });
    expectUser("GET /api/user after the change", await current(ada), want);
    expectUser("PUT /api/user with only a bio", await expectWrapped(t, put(ada, { bio: "Skateboards and tea" }), 200, "user"), { ...want, bio: "Skateboards and tea" });
  });

  await t.check('bio and image are cleared with "" and with null (both give null)', async () => {
    const { ada } = need();
    expectUser('After "bio": ""', await expectWrapped(t, put(ada, { bio: "" }), 200, "user"), { bio: null, image: "https://i.example.com/ada.jpg" });
    expectUser('After "image": null', await expectWrapped(t, put(ada, { image: null }), 200, "user"), { bio: null, image: null });
    expectUser('GET /api/user after clearing both', await current(ada), { bio: null, image: null });
    await expectWrapped(t, put(ada, { bio: "Back again", image: "https://i.example.com/again.png" }), 200, "user");
    expectUser('After "bio": null and "image": ""', await expectWrapped(t, put(ada, { bio: null, image: "" }), 200, "user"), { bio: null, image: null });
    expectUser('GET /api/user after clearing both again', await current(ada), { bio: null, image: null });
    expectUser("After {}", await expectWrapped(t, put(ada, {}), 200, "user"), { username: ada.username, email: ada.email, bio: null, image: null });
  });

  await t.check("username and email change; the email is stored in lower case; the new email logs in; the old token still works", async () => {
    const { ada } = need();
    const username = `${ada.username}_new`;
    const email = `${ada.username}.NEW@Example.com`;
    const changed = await expectWrapped(t, put(ada, { username, email }), 200, "user");
    expectUser("After changing username and email", changed, { username, email: email.toLowerCase() });
    expectUser("GET /api/user with the token from before the change", await current(ada), { username, email: email.toLowerCase() });
    await expectWrapped(t, { method: "POST", path: "/api/users/login", json: { user: { email: email.toLowerCase(), password: ada.password } } }, 200, "user");
    ada.username = username;
    ada.email = email.toLowerCase();
  });

  await t.check("when Ada renames herself and Carl takes her old username, Ada's old token still names Ada", async () => {
    const old = await signUp(t, "dora");
    await expectWrapped(t, put(old, { username: `${old.username}_renamed` }), 200, "user");
    const carl = t.unique("carl");
    await expectWrapped(t, { method: "POST", path: "/api/users", json: { user: { username: old.username, email: `${carl}@example.com`.toLowerCase(), password: "carl's long password" } } }, 201, "user");
    const res = await t.request({ method: "GET", path: "/api/user", headers: old.headers });
    const user = res.json && typeof res.json === "object" ? (res.json as Json).user : undefined;
    if (res.status !== 200 || (user as Json | undefined)?.username !== `${old.username}_renamed`) {
      t.fail(`After ${old.username} renamed themselves and someone else signed up as ${old.username}, the old token must still name the renamed user. Name users in tokens by their id, which never changes.`, {
        request: { method: "GET", path: "/api/user", headers: old.headers },
        response: res,
        expected: JSON.stringify({ user: { username: `${old.username}_renamed` } }),
      });
    }
  });

  await t.check("another user's username or email (in other capitals too) answers 409; your own current ones answer 200", async () => {
    const { ada, bob } = need();
    await expectError(t, put(ada, { username: bob.username }), 409, "username", "has already been taken");
    await expectError(t, put(ada, { email: bob.email.toUpperCase() }), 409, "email", "has already been taken");
    const both = await expectError(t, put(ada, { username: bob.username, email: bob.email }), 409, "username", "has already been taken");
    const errors = (both.json as Json).errors as Json;
    if (!Array.isArray(errors.email)) t.fail("Both the username and the email are taken: name both.", { response: both, expected: '{"errors": {"username": [...], "email": [...]}}' });
    expectUser("Sending your own username and email again", await expectWrapped(t, put(ada, { username: ada.username, email: ada.email }), 200, "user"), { username: ada.username, email: ada.email });
    expectUser("GET /api/user after the refused changes", await current(ada), { username: ada.username, email: ada.email });
  });

  await t.check("blank, null and wrong-type values answer 422 under the field, and change nothing", async () => {
    const { ada } = need();
    await expectError(t, put(ada, { username: "" }), 422, "username", "can't be blank");
    await expectError(t, put(ada, { username: null }), 422, "username", "can't be blank");
    await expectError(t, put(ada, { email: "   " }), 422, "email", "can't be blank");
    await expectError(t, put(ada, { email: null }), 422, "email", "can't be blank");
    await expectError(t, put(ada, { email: "ada.example.com" }), 422, "email", "is invalid");
    await expectError(t, put(ada, { password: "" }), 422, "password", "can't be blank");
    await expectError(t, put(ada, { password: null }), 422, "password", "can't be blank");
    await expectError(t, put(ada, { password: "short77" }), 422, "password", "is too short (minimum is 8 characters)");
    await expectError(t, put(ada, { username: 7 }), 422, "username", "must be a string");
    await expectError(t, put(ada, { bio: 42 }), 422, "bio", "must be a string");
    await expectError(t, put(ada, { image: ["x.png"] }), 422, "image", "must be a string");
    await expectError(t, put(ada, { bio: "Should not stay", email: "" }), 422, "email", "can't be blank");
    await expectError(t, { method: "PUT", path: "/api/user", headers: ada.headers, json: { bio: "unwrapped" } }, 422, "user", "can't be blank");
    expectUser("GET /api/user after the refused updates", await current(ada), { username: ada.username, email: ada.email, bio: null });
  });

  await t.check("after a password change, the new password logs in and the old one gets 401; the database holds no plain or unsalted copy", async () => {
    const { ada } = need();
    // Exactly 8 characters: the shortest password the rules allow.
    await expectWrapped(t, put(ada, { password: "8chars!!" }), 200, "user");
    const fresh = `${t.unique("new-pw")} Battery Staple`;
    await expectWrapped(t, put(ada, { password: fresh }), 200, "user");
    await expectWrapped(t, { method: "POST", path: "/api/users/login", json: { user: { email: ada.email, password: fresh } } }, 200, "user");
    await expectError(t, { method: "POST", path: "/api/users/login", json: { user: { email: ada.email, password: ada.password } } }, 401, "credentials", "invalid");
    await expectPasswordHidden(t, fresh);
    ada.password = fresh;
  });

  await t.check("id, token, createdAt, admin and following in the body are ignored", async () => {
    const { ada } = need();
    const req = put(ada, { bio: "Only this changes", id: 1, token: "chosen-token", createdAt: "2001-01-01T00:00:00.000Z", admin: true, following: true, is_admin: true });
    const user = await expectWrapped(t, req, 200, "user");
    expectUser("After PUT /api/user with fields the API does not know", user, { username: ada.username, email: ada.email, bio: "Only this changes" });
    if (user.token === "chosen-token" || typeof user.token !== "string" || !decodeJwt(user.token)) {
      t.fail("The reply's token must be a JWT made by your app, never the one the client sent.", { request: req, expected: '"token": "<a JWT>"' });
    }
    for (const key of ["id", "admin", "following", "is_admin", "createdAt"]) {
      if (key in user) t.fail(`The reply holds "${key}", which the client sent: ignore fields the API does not know.`, { request: req });
    }
    const again = await expectWrapped(t, { method: "GET", path: "/api/user", headers: tokenHeader(user.token) }, 200, "user");
    expectUser("GET /api/user with the token from that reply", again, { username: ada.username });
  });

  await t.check("without a token PUT /api/user answers 401 is missing; with a bad one, 401 is invalid", async () => {
    await expectError(t, { method: "PUT", path: "/api/user", json: { user: { bio: "anonymous" } } }, 401, "token", "is missing");
    await expectError(t, { method: "PUT", path: "/api/user", headers: tokenHeader("not.a.token"), json: { user: { bio: "forged" } } }, 401, "token", "is invalid");
  });
}
