/** For mentors and admins: learners, their submissions, the grade export; roles for admins. */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isRoadworkError, RoadworkError } from "../../errors.js";
import { reloadTracks } from "../reload-tracks.js";
import { trackDirs } from "../start-core.js";
import { ROLES } from "../../store/index.js";
import { iso, parseInput, requireRole } from "../http.js";
import { presentSubmission, presentUser } from "../presenters.js";
import type { RouteContext } from "../deps.js";
import { hashPassword } from "../auth/passwords.js";
import { knownTimeZone } from "../activity.js";
import { progressOf } from "./progress.js";

const listSchema = z.object({
  role: z.enum(["learner", "mentor", "admin"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const createSchema = z.object({
  email: z.email("enter a valid email address").max(254),
  name: z.string().trim().min(1).max(100),
  role: z.enum(["learner", "mentor", "admin"]).default("learner"),
});
const roleSchema = z.object({ role: z.enum(ROLES as ["learner", "mentor", "admin"]) });

export default function adminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  // The tracks again from their folders, as SIGHUP does: for an educator who pushed a change.
  // A broken file answers 422 naming it, and the running tracks stay.
  app.post("/api/admin/tracks/reload", async (request) => {
    requireRole(request, "admin");
    try {
      return await reloadTracks(ctx.catalog, trackDirs(ctx.config), { store, log: request.log });
    } catch (error) {
      if (isRoadworkError(error) && error.code === "CONTENT_INVALID") throw new RoadworkError("CONTENT_INVALID", `the tracks were not reloaded (the running ones stay): ${error.toString()}`);
      throw error;
    }
  });

  app.get("/api/admin/users", async (request) => {
    requireRole(request, "mentor");
    const query = parseInput(listSchema, request.query);
    const [users, total] = await Promise.all([store.users.list(query), store.users.count(query.role)]);
    return { users: users.map(presentUser), total, limit: query.limit, offset: query.offset };
  });

  // Accounts made by an admin (for closed sign up): the password is generated and shown once.
  app.post("/api/admin/users", async (request, reply) => {
    requireRole(request, "admin");
    const input = parseInput(createSchema, request.body);
    const password = randomBytes(12).toString("base64url");
    const user = await store.users.create({ email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(password) }, ctx.now());
    return reply.status(201).send({ user: presentUser(user), password });
  });

  // ?tz= as on the learner's own page: the mentor's browser says in which time zone to count days.
  app.get<{ Params: { id: string }; Querystring: { tz?: string } }>("/api/admin/users/:id/progress", async (request) => {
    requireRole(request, "mentor");
    const user = await store.users.byId(request.params.id);
    if (user === undefined) throw new RoadworkError("NOT_FOUND", "no such user");
    return { user: presentUser(user), ...(await progressOf(ctx, user.id, knownTimeZone(request.query.tz))) };
  });

  app.patch<{ Params: { id: string } }>("/api/admin/users/:id", async (request) => {
    const admin = requireRole(request, "admin");
    const { role } = parseInput(roleSchema, request.body);
    if (request.params.id === admin.id && role !== "admin") throw new RoadworkError("CONFLICT", "you cannot take the admin role from yourself; ask another admin");
    if (!(await store.users.setRole(request.params.id, role))) throw new RoadworkError("NOT_FOUND", "no such user");
    const user = await store.users.byId(request.params.id);
    return { user: user === undefined ? null : presentUser(user) };
  });

  app.get<{ Params: { id: string } }>("/api/admin/users/:id/submissions", async (request) => {
    requireRole(request, "mentor");
    const query = parseInput(listSchema.omit({ role: true }), request.query);
    const user = await store.users.byId(request.params.id);
    if (user === undefined) throw new RoadworkError("NOT_FOUND", "no such user");
    const submissions = await store.submissions.listForUser(user.id, query);
    return { user: presentUser(user), submissions: submissions.map((s) => presentSubmission(s, { source: true })) };
  });

  app.get("/api/admin/grades.csv", async (request, reply) => {
    requireRole(request, "mentor");
    const [rows, cohorts] = await Promise.all([store.submissions.gradeRows(), store.cohorts.learnerCohortNames()]);
    // New columns go at the end, so spreadsheets built on the first seven keep working.
    const lines = [["email", "name", "kind", "item", "attempts", "passed", "first_passed_at", "failing_attempts", "last_attempt_at", "cohorts"].join(",")];
    for (const r of rows) {
      const cells = [r.email, r.name, r.item_kind, r.item_id, String(r.attempts), r.first_passed_at === null ? "no" : "yes", iso(r.first_passed_at) ?? "", String(r.failing_attempts), iso(r.last_attempt_at) ?? "", (cohorts.get(r.user_id) ?? []).join("; ")];
      lines.push(cells.map(csvCell).join(","));
    }
    return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="roadwork-grades.csv"').send(lines.join("\r\n") + "\r\n");
  });
}

/** Quotes a CSV cell; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
