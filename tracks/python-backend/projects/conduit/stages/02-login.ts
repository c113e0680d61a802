/**
 * Stage 2: logging in, and passwords stored as salted hashes.
 * POST /api/users/login {"user": {email, password}} -> 200 {"user": {...}};
 * wrong credentials -> 401 {"errors": {"credentials": ["invalid"]}}.
 * The database is read to check how the password is stored.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { allRows, cellText, containing, expectError, expectPasswordHidden, expectWrapped, signUp, type SignedUp } from "./support.js";

const LOGIN = "/api/users/login";

export default async function stage(t: StageContext): Promise<void> {
  let grace: SignedUp | undefined;

  await t.check("POST /api/users/login with the right email and password answers 200 with the user and a token", async () => {
    grace = await signUp(t, "grace");
    const req = { method: "POST", path: LOGIN, json: { user: { email: grace.email, password: grace.password } } };
    const user = await expectWrapped(t, req, 200, "user");
    if (user.username !== grace.username || user.email !== grace.email || user.bio !== null || user.image !== null || typeof user.token !== "string" || user.token === "") {
      t.fail("POST /api/users/login must answer with the user who logged in.", {
        request: req,
        expected: JSON.stringify({ user: { email: grace.email, token: "<a token>", username: grace.username, bio: null, image: null } }),
      });
    }
  });

  await t.check("the email in other capitals logs in too", async () => {
    if (!grace) t.fail("skipped: signing up did not work (see the first check).");
    const user = await expectWrapped(t, { method: "POST", path: LOGIN, json: { user: { email: grace.email.toUpperCase(), password: grace.password } } }, 200, "user");
    if (user.username !== grace.username) t.fail(`Logging in as ${grace.email.toUpperCase()} gave another user.`, { expected: `the user ${grace.username}` });
  });

  await t.check("a wrong password, one in other capitals or with a space added, and an unknown email answer 401 credentials invalid, all alike", async () => {
    if (!grace) t.fail("skipped: signing up did not work (see the first check).");
    const attempts = [
      { email: grace.email, password: `${grace.password}x` },
      { email: grace.email, password: grace.password.toUpperCase() },
      { email: grace.email, password: `${grace.password} ` },
      { email: `${t.unique("nobody")}@example.com`.toLowerCase(), password: grace.password },
    ];
    const bodies = new Set<string>();
    for (const attempt of attempts) {
      const res = await expectError(t, { method: "POST", path: LOGIN, json: { user: attempt } }, 401, "credentials", "invalid");
      bodies.add(JSON.stringify(res.json));
    }
    if (bodies.size > 1) {
      t.fail("A wrong password and an unknown email must get exactly the same answer, or anyone can find out which emails have accounts.", {
        expected: '{"errors": {"credentials": ["invalid"]}} for both',
      });
    }
  });

  await t.check("a missing, blank or null email or password answers 422 can't be blank", async () => {
    if (!grace) t.fail("skipped: signing up did not work (see the first check).");
    const { email, password } = grace;
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { password } } }, 422, "email", "can't be blank");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email: "", password } } }, 422, "email", "can't be blank");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email: "   ", password } } }, 422, "email", "can't be blank");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email, password: "" } } }, 422, "password", "can't be blank");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email, password: null } } }, 422, "password", "can't be blank");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email } } }, 422, "password", "can't be blank");
  });

  await t.check('objects instead of strings answer 422 must be a string; a missing wrapper 422 under user; "\' OR \'1\'=\'1" answers 401', async () => {
    if (!grace) t.fail("skipped: signing up did not work (see the first check).");
    const nosql = { method: "POST", path: LOGIN, json: { user: { email: { $ne: null }, password: { $ne: null } } } };
    await expectError(t, nosql, 422, "email", "must be a string");
    await expectError(t, nosql, 422, "password", "must be a string");
    await expectError(t, { method: "POST", path: LOGIN, json: { email: grace.email, password: grace.password } }, 422, "user", "can't be blank");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email: "' OR '1'='1", password: "' OR '1'='1" } } }, 401, "credentials", "invalid");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email: `${grace.email}' --`, password: "anything at all" } } }, 401, "credentials", "invalid");
    await expectError(t, { method: "POST", path: LOGIN, json: { user: { email: grace.email, password: "' OR '1'='1" } } }, 401, "credentials", "invalid");
  });

  await t.check("the user is stored in the database, and the password only as a salted hash", async () => {
    if (!grace) t.fail("skipped: signing up did not work (see the first check).");
    const rows = containing(await allRows(t), grace.email);
    if (rows.length === 0) t.fail(`No table in the database at DATABASE_URL holds a row with the email ${grace.email}.`);
    await expectPasswordHidden(t, grace.password);
  });

  await t.check("two users with the same password get different hashes (the hash is salted)", async () => {
    if (!grace) t.fail("skipped: signing up did not work (see the first check).");
    const twin = t.unique("twin");
    await expectWrapped(t, { method: "POST", path: "/api/users", json: { user: { username: twin, email: `${twin}@example.com`.toLowerCase(), password: grace.password } } }, 201, "user");
    const rows = await allRows(t);
    const [first] = containing(rows, grace.email);
    const [second] = containing(rows, `${twin}@example.com`.toLowerCase());
    if (!first || !second) t.fail("The two users could not be found in the database.");
    const columns = Object.keys(first.row).filter((name) => /pass|hash|digest|pw/i.test(name));
    if (columns.length === 0) t.fail(`The table "${first.table}" has no column named like a password (pass, hash, digest or pw).`);
    for (const column of columns) {
      const value = cellText(first.row[column]);
      if (value !== "" && value === cellText(second.row[column])) {
        t.fail(`Two users with the same password have the same "${column}". Add a random salt to each hash (the password libraries do it for you).`);
      }
    }
  });
}
