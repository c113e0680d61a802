/** Accounts: sign up, log in (rate limited), log out, and who am I (with the CSRF token). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { hashPassword, UNUSABLE_HASH, verifyPassword } from "../auth/passwords.js";
import { minutes } from "../auth/rate-limit.js";
import { clearSessionCookie, setSessionCookie } from "../auth/session.js";
import { parseInput, requireUser } from "../http.js";
import { presentUser } from "../presenters.js";
import type { RouteContext } from "../deps.js";

const signupSchema = z.object({
  email: z.email("enter a valid email address").max(254),
  name: z.string().trim().min(1, "enter your name").max(100),
  password: z.string().min(8, "use at least 8 characters for your password").max(200),
});

const loginSchema = z.object({
  email: z.string().min(1, "enter your email").max(254),
  password: z.string().min(1, "enter your password").max(200),
});

export default function authRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store, config } = ctx;

  app.post("/api/auth/signup", { config: { csrf: false } }, async (request, reply) => {
    if (config.signup === "closed") throw new RoadworkError("FORBIDDEN", "sign up is closed on this server; ask your teacher or an admin for an account");
    const input = parseInput(signupSchema, request.body);
    const wait = ctx.signupLimiter.hit(request.ip);
    if (wait > 0) throw new RoadworkError("RATE_LIMITED", "too many accounts were created from your address; try again later", { retryAfterSeconds: wait });
    const passwordHash = await ctx.passwordGate.run(() => hashPassword(input.password));
    const user = await store.users.create({ email: input.email, name: input.name, passwordHash, role: "learner" }, ctx.now());
    const issued = await store.sessions.create(user.id, config.limits.sessionTtlMs, ctx.now());
    setSessionCookie(reply, issued, config);
    return reply.status(201).send({ user: presentUser(user), csrfToken: issued.csrfToken });
  });

  app.post("/api/auth/login", { config: { csrf: false } }, async (request, reply) => {
    const input = parseInput(loginSchema, request.body);
    // Spraying one password over many emails: counted per address, checked before any hashing.
    const sprayWait = ctx.loginFailures.peek(request.ip);
    if (sprayWait > 0) throw new RoadworkError("RATE_LIMITED", `too many failed logins from your address; try again in ${minutes(sprayWait)}`, { retryAfterSeconds: sprayWait });
    const wait = ctx.loginLimiter.hit(`${request.ip}|${input.email.trim().toLowerCase()}`);
    if (wait > 0) throw new RoadworkError("RATE_LIMITED", `too many login attempts; try again in ${minutes(wait)}`, { retryAfterSeconds: wait });
    const user = await store.users.byEmail(input.email);
    // Hash even for an unknown email, so the answer time does not tell which emails exist.
    const ok = await ctx.passwordGate.run(() => verifyPassword(input.password, user?.password_hash ?? UNUSABLE_HASH));
    if (user === undefined || !ok) {
      ctx.loginFailures.hit(request.ip);
      throw new RoadworkError("UNAUTHORIZED", "this email and password do not match an account");
    }
    const issued = await store.sessions.create(user.id, config.limits.sessionTtlMs, ctx.now());
    setSessionCookie(reply, issued, config);
    return reply.send({ user: presentUser(user), csrfToken: issued.csrfToken });
  });

  app.post("/api/auth/logout", async (request, reply) => {
    requireUser(request);
    if (request.auth?.sessionToken !== undefined) await store.sessions.delete(request.auth.sessionToken);
    clearSessionCookie(reply, config);
    return reply.status(204).send();
  });

  app.get("/api/auth/me", async (request) => {
    const user = requireUser(request);
    return { user: presentUser(user), csrfToken: request.auth?.session?.csrf_token ?? null };
  });
}
