/**
 * Stage 9: a confirmation email on sign-up. POST /users sends an email to the new address
 * with a link http://<host>/confirm?token=<token>; GET /confirm?token=... confirms the
 * account, and GET /me then says "confirmed": true.
 */
import type { CapturedEmail, StageContext } from "../../../../../src/grading/project/stage-api.js";
import { expectError, expectJson, plainDigests, signUpAndLogIn, type SignedIn } from "./support.js";

const LINK = /https?:\/\/[^\s"'<>]+\/confirm\?token=[^\s"'<>]+/;

export default async function stage(t: StageContext): Promise<void> {
  let user: SignedIn | undefined;
  let link: URL | undefined;

  await t.check("signing up sends an email to the new address", async () => {
    user = await signUpAndLogIn(t, "linus");
    const email = await emailTo(t, user.email);
    if (email.subject.trim() === "") t.fail("The confirmation email has no subject.", { expected: 'a subject such as "Confirm your email"' });
  });

  await t.check("the email holds a link to /confirm?token=<token>", async () => {
    if (!user) t.fail("skipped: signing up did not work (see the check above).");
    link = confirmationLink(t, await emailTo(t, user.email));
    const token = link.searchParams.get("token") ?? "";
    if (token.length < 16) {
      t.fail(`The token in the link is "${token}": anyone could guess it. Make it at least 16 random characters (secrets.token_urlsafe()).`);
    }
  });

  await t.check("the token cannot be worked out from the email address", async () => {
    if (!user || !link) t.fail("skipped: there is no link (see the checks above).");
    const token = link.searchParams.get("token") ?? "";
    const me = await expectJson(t, { method: "GET", path: "/me", headers: user.headers }, 200);
    const derived = [
      ...plainDigests(user.email),
      ...plainDigests(String(me.id)),
      Buffer.from(user.email).toString("base64").replace(/=+$/, ""),
      Buffer.from(user.email).toString("base64url"),
    ];
    if (derived.some((form) => token.includes(form) || token.includes(form.toUpperCase()))) {
      t.fail("The confirmation token is computed from the email address or the user id (a hash or an encoding of it): anyone can compute it and confirm an address they do not own. Make it random (secrets.token_urlsafe(32)).");
    }
  });

  await t.check("signing up with \"confirmed\": true does not confirm the account", async () => {
    const email = `${t.unique("mallory")}@example.com`.toLowerCase();
    const password = `${t.unique("pw")} Correct Horse`;
    const req = { method: "POST", path: "/users", json: { email, password, confirmed: true } };
    const res = await t.request(req);
    if (res.status === 422) return;
    if (res.status !== 201) {
      t.fail(`POST /users with "confirmed": true answered ${res.status}.`, { request: req, response: res, expected: "422 naming confirmed as an unknown field (or 201 with confirmed false)" });
    }
    const login = await expectJson(t, { method: "POST", path: "/login", json: { email, password } }, 200);
    const me = await expectJson(t, { method: "GET", path: "/me", headers: { Authorization: `Bearer ${String(login.token)}` } }, 200);
    if (me.confirmed !== false) {
      t.fail("A client that sends \"confirmed\": true when signing up is confirmed without the email: only the link may confirm. Refuse fields you do not expect (422), as for tasks.", { request: req, expected: '422, or "confirmed": false on GET /me' });
    }
  });

  await t.check("before the link is followed, GET /me says confirmed: false", async () => {
    if (!user) t.fail("skipped: signing up did not work (see the first check).");
    const me = await expectJson(t, { method: "GET", path: "/me", headers: user.headers }, 200);
    if (me.confirmed !== false) t.fail(`GET /me says "confirmed": ${JSON.stringify(me.confirmed)} before the link was followed.`, { expected: '"confirmed": false' });
  });

  await t.check("following the link confirms the account", async () => {
    if (!user || !link) t.fail("skipped: there is no link to follow (see the checks above).");
    const confirmed = await expectJson(t, { method: "GET", path: link.pathname + link.search }, 200);
    if (confirmed.status !== "confirmed") t.fail("GET /confirm must answer {\"status\": \"confirmed\"}.", { expected: '{"status": "confirmed"}' });
    const me = await expectJson(t, { method: "GET", path: "/me", headers: user.headers }, 200);
    if (me.confirmed !== true) t.fail(`After following the link, GET /me says "confirmed": ${JSON.stringify(me.confirmed)}.`, { expected: '"confirmed": true' });
  });

  await t.check("a link works once: following it again gives 400", async () => {
    if (!link) t.fail("skipped: there is no link to follow (see the checks above).");
    await expectError(t, { method: "GET", path: link.pathname + link.search }, 400, "invalid_token");
  });

  await t.check("a made-up or missing token gives 400", async () => {
    await expectError(t, { method: "GET", path: `/confirm?token=${t.unique("made-up")}` }, 400, "invalid_token");
    await expectError(t, { method: "GET", path: "/confirm" }, 400, "invalid_token");
  });

  await t.check("each user gets their own link, and it confirms only them", async () => {
    if (!link) t.fail("skipped: the first user got no link (see the checks above).");
    const other = await signUpAndLogIn(t, "margaret");
    const otherLink = confirmationLink(t, await emailTo(t, other.email));
    if (otherLink.search === link.search) t.fail("Two users got the same confirmation link.", { expected: "a new random token for every sign-up" });
    const me = await expectJson(t, { method: "GET", path: "/me", headers: other.headers }, 200);
    if (me.confirmed !== false) t.fail("A user who never followed their link is confirmed already.", { expected: '"confirmed": false' });
  });
}

/** The email sent to `address`, waiting a little for apps that send it in the background. */
async function emailTo(t: StageContext, address: string): Promise<CapturedEmail> {
  for (let attempt = 0; attempt < 25; attempt++) {
    const found = (await t.emails()).find((email) => email.to.some((to) => to.toLowerCase() === address.toLowerCase()));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return t.fail(`No email was sent to ${address} within 5 seconds of signing up. Send it with smtplib to SMTP_HOST:SMTP_PORT.`);
}

function confirmationLink(t: StageContext, email: CapturedEmail): URL {
  const match = LINK.exec(email.text) ?? LINK.exec(email.raw);
  if (!match) {
    t.fail("The confirmation email holds no link of the form http://<host>/confirm?token=<token>.", {
      expected: "a line such as http://localhost:8000/confirm?token=3q2-7wEh...",
    });
  }
  return new URL(match[0]);
}
