/**
 * Who is asking: a session cookie (browsers) or a Bearer API token (`roadwork submit`).
 * And CSRF: a state-changing request that rides on the session cookie must also carry the
 * session's CSRF token (X-CSRF-Token header, or a `_csrf` form field), which a page on
 * another site cannot read.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { RoadworkError } from "../../errors.js";
import { TOKEN_PREFIX } from "../../store/repositories/tokens.js";
import type { IssuedSession } from "../../store/repositories/sessions.js";
import type { Store } from "../../store/index.js";
import type { Config } from "../../config.js";
import type { Auth } from "../http.js";

export const SESSION_COOKIE = "rw_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function resolveAuth(request: FastifyRequest, store: Store, now: number): Promise<Auth | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1];
    if (token === undefined || !token.startsWith(TOKEN_PREFIX)) throw new RoadworkError("UNAUTHORIZED", "the Authorization header must be `Bearer rw_...` with a personal token");
    const user = await store.tokens.findUser(token, now);
    if (user === undefined) throw new RoadworkError("UNAUTHORIZED", "this API token is unknown or was revoked; create a new one on your account page");
    return { user, via: "token" };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || cookie === "") return null;
  const found = await store.sessions.find(cookie, now);
  if (found === undefined) return null;
  return { user: found.user, via: "session", session: found.session, sessionToken: cookie };
}

export function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.routeOptions.config.csrf === false) return;
  const auth = request.auth;
  if (auth === null || auth.via !== "session" || auth.session === undefined) return;
  const header = request.headers["x-csrf-token"];
  const body = request.body as { _csrf?: unknown } | undefined;
  const sent = typeof header === "string" ? header : typeof body?._csrf === "string" ? body._csrf : undefined;
  if (sent === undefined || !sameSecret(sent, auth.session.csrf_token)) {
    throw new RoadworkError("FORBIDDEN", "the CSRF token is missing or wrong; send the csrfToken from GET /api/auth/me in the X-CSRF-Token header");
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(reply: FastifyReply, issued: IssuedSession, config: Config): void {
  reply.setCookie(SESSION_COOKIE, issued.token, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies, expires: new Date(issued.expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies });
}
