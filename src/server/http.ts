/**
 * The small steps every route chains: who is asking (requireUser), may they (requireRole,
 * canRead), is the input right (parseInput). Each throws a RoadworkError that the error
 * handler turns into `{ error: { code, message } }`.
 */
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { RoadworkError } from "../errors.js";
import type { Role, SessionRow, UserRow } from "../store/index.js";

export interface Auth {
  user: UserRow;
  /** Cookie sessions carry a CSRF token; API tokens (Bearer) are not sent by browsers on their own, so need none. */
  via: "session" | "token";
  session?: SessionRow;
  /** The raw cookie value, for logging out. */
  sessionToken?: string;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: Auth | null;
  }
  interface FastifyContextConfig {
    /** false on routes that need no CSRF token (sign up and log in create the session). */
    csrf?: boolean;
  }
}

const RANK: Record<Role, number> = { learner: 0, mentor: 1, admin: 2 };

export function requireUser(request: FastifyRequest): UserRow {
  if (request.auth === null) throw new RoadworkError("UNAUTHORIZED", "log in first");
  return request.auth.user;
}

/** The user, when their role is `role` or above (admin > mentor > learner). */
export function requireRole(request: FastifyRequest, role: Role): UserRow {
  const user = requireUser(request);
  if (RANK[user.role] < RANK[role]) throw new RoadworkError("FORBIDDEN", `this needs the ${role} role`);
  return user;
}

/** Mentors and admins see every learner's work; a learner sees their own. */
export function canSeeWorkOf(viewer: Pick<UserRow, "id" | "role">, ownerId: string): boolean {
  return viewer.id === ownerId || RANK[viewer.role] >= RANK.mentor;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new RoadworkError("BAD_INPUT", `${where}${issue?.message ?? "invalid input"}`);
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
