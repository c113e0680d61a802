/**
 * `roadwork preview`: a visitor without a session gets one, as the preview learner. The
 * session is an ordinary one (cookie, CSRF token, expiry), so everything else, CSRF checks
 * included, works exactly as for a learner who signed in: a page on another site that makes
 * the browser post here still lacks the session's CSRF token.
 */
import { randomBytes } from "node:crypto";
import type { FastifyReply } from "fastify";
import type { Config } from "../../config.js";
import type { Store } from "../../store/index.js";
import type { UserRow } from "../../store/repositories/users.js";
import type { Auth } from "../http.js";
import { hashPassword } from "./passwords.js";
import { setSessionCookie } from "./session.js";

export const PREVIEW_LEARNER_EMAIL = "learner@preview.localhost";
const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

/** One lookup-or-create per store: a page's first requests arrive together, and the email is unique. */
const learners = new WeakMap<Store, Promise<UserRow>>();

function previewLearner(store: Store, now: number): Promise<UserRow> {
  let learner = learners.get(store);
  if (learner === undefined) {
    learner = (async () =>
      (await store.users.byEmail(PREVIEW_LEARNER_EMAIL)) ??
      // Nobody signs in with a password here: it is random and never shown.
      (await store.users.create({ email: PREVIEW_LEARNER_EMAIL, name: "Preview learner", passwordHash: await hashPassword(randomBytes(24).toString("base64url")), role: "learner" }, now)))();
    learners.set(store, learner);
    learner.catch(() => learners.delete(store));
  }
  return learner;
}

export async function previewAuth(reply: FastifyReply, store: Store, config: Config, now: number): Promise<Auth> {
  const user = await previewLearner(store, now);
  const issued = await store.sessions.create(user.id, SESSION_TTL_MS, now);
  setSessionCookie(reply, issued, config);
  const found = await store.sessions.find(issued.token, now);
  return found === undefined ? { user, via: "session" } : { user: found.user, via: "session", session: found.session, sessionToken: issued.token };
}
