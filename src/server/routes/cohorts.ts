/**
 * Cohorts: an educator (mentor or admin) creates one for a track and shares its invite link;
 * learners join by the link. The cohort's mentors (and admins) see its dashboard, each
 * learner's timeline and a CSV export; an admin makes someone a mentor of one cohort.
 * A cohort's pages are refused (403) to everyone else, its own learners included.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import type { CohortRow, UserRow } from "../../store/index.js";
import { iso, parseInput, requireRole, requireUser } from "../http.js";
import { parseReport } from "../presenters.js";
import { buildDashboard, trackItems, type CellState } from "../cohort-dashboard.js";
import type { RouteContext } from "../deps.js";
import { csvCell } from "./admin.js";

const createSchema = z.object({ name: z.string().trim().min(1).max(100), trackId: z.string().min(1).max(100).optional() });
const mentorSchema = z.object({ email: z.email("enter a valid email address").max(254) });
const roleSchema = z.object({ role: z.enum(["learner", "mentor"]) });
/** The CSV spells the dashboard's one-character states out. */
const STATE_WORDS: Record<CellState, string> = { p: "passed", s: "stuck", f: "failing", "-": "none" };

export default function cohortRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store } = ctx;

  function present(cohort: CohortRow, staff: boolean): Record<string, unknown> {
    return {
      id: cohort.id,
      name: cohort.name,
      trackId: cohort.track_id,
      trackTitle: catalog.track(cohort.track_id)?.title ?? cohort.track_id,
      createdAt: iso(cohort.created_at),
      // Only those who may invite see the code: a learner must not pass on a link they were not given to.
      ...(staff ? { inviteCode: cohort.invite_code, inviteUrl: `/join/${cohort.invite_code}` } : {}),
    };
  }

  /** The cohort when the user is an admin or one of its mentors; 404 unknown, 403 anyone else. */
  async function staffCohort(user: UserRow, id: string): Promise<CohortRow> {
    const cohort = await store.cohorts.byId(id);
    if (cohort === undefined) throw new RoadworkError("NOT_FOUND", `no cohort "${id}"`);
    if (user.role === "admin") return cohort;
    const membership = await store.cohorts.membership(cohort.id, user.id);
    if (membership?.role !== "mentor") throw new RoadworkError("FORBIDDEN", "only this cohort's mentors and admins can see it");
    return cohort;
  }

  async function dashboardOf(cohort: CohortRow): Promise<{ items: ReturnType<typeof trackItems>; learners: ReturnType<typeof buildDashboard> }> {
    const track = catalog.track(cohort.track_id);
    const items = track === undefined ? [] : trackItems(catalog, track);
    const [members, cells] = await Promise.all([store.cohorts.members(cohort.id), store.cohorts.cells(cohort.id)]);
    return { items, learners: buildDashboard(items, members.filter((m) => m.role === "learner"), cells, ctx.now()) };
  }

  app.get("/api/cohorts", async (request) => {
    const user = requireUser(request);
    const rows = await store.cohorts.list(user.role === "admin" ? null : user.id);
    return { cohorts: rows.map((c) => ({ ...present(c, user.role === "admin" || c.role === "mentor"), myRole: c.role, learners: c.learners })) };
  });

  app.post("/api/cohorts", async (request, reply) => {
    const user = requireRole(request, "mentor");
    const input = parseInput(createSchema, request.body);
    const track = catalog.track(input.trackId);
    if (track === undefined) throw new RoadworkError("NOT_FOUND", input.trackId === undefined ? "no track is loaded" : `no track "${input.trackId}"`);
    const cohort = await store.cohorts.create({ name: input.name, trackId: track.id, createdBy: user.id }, ctx.now());
    return reply.status(201).send({ cohort: present(cohort, true) });
  });

  app.get<{ Params: { code: string } }>("/api/cohorts/invite/:code", async (request) => {
    const user = requireUser(request);
    const cohort = await store.cohorts.byInviteCode(request.params.code);
    if (cohort === undefined) throw new RoadworkError("NOT_FOUND", "this invite link is not valid; ask your teacher for a new one");
    const membership = await store.cohorts.membership(cohort.id, user.id);
    return { cohort: present(cohort, false), myRole: membership?.role ?? null };
  });

  app.post<{ Params: { code: string } }>("/api/cohorts/invite/:code/join", async (request) => {
    const user = requireUser(request);
    const cohort = await store.cohorts.byInviteCode(request.params.code);
    if (cohort === undefined) throw new RoadworkError("NOT_FOUND", "this invite link is not valid; ask your teacher for a new one");
    const membership = await store.cohorts.join(cohort.id, user.id, ctx.now());
    return { cohort: present(cohort, false), myRole: membership.role };
  });

  app.get<{ Params: { id: string } }>("/api/cohorts/:id/dashboard", async (request) => {
    const cohort = await staffCohort(requireUser(request), request.params.id);
    const { items, learners } = await dashboardOf(cohort);
    return { cohort: present(cohort, true), items, learners, generatedAt: iso(ctx.now()) };
  });

  app.get<{ Params: { id: string; userId: string } }>("/api/cohorts/:id/learners/:userId", async (request) => {
    const cohort = await staffCohort(requireUser(request), request.params.id);
    const membership = await store.cohorts.membership(cohort.id, request.params.userId);
    const learner = membership?.role === "learner" ? await store.users.byId(request.params.userId) : undefined;
    if (membership === undefined || learner === undefined) throw new RoadworkError("NOT_FOUND", "no such learner in this cohort");
    const submissions = await store.submissions.listForUser(learner.id, { limit: 500, offset: 0 });
    const title = (kind: string, id: string): string => (kind === "exercise" ? catalog.exercise(id)?.title : catalog.project(id)?.title) ?? id;
    return {
      cohort: present(cohort, true),
      learner: { id: learner.id, name: learner.name, email: learner.email, joinedAt: iso(membership.joined_at) },
      timeline: submissions.map((s) => {
        const tests = parseReport(s)?.tests ?? [];
        return { submissionId: s.id, itemKind: s.item_kind, itemId: s.item_id, itemTitle: title(s.item_kind, s.item_id), status: s.status, createdAt: iso(s.created_at), testsPassed: tests.filter((t) => t.status === "pass").length, testsTotal: tests.length };
      }),
    };
  });

  app.get<{ Params: { id: string } }>("/api/cohorts/:id/members", async (request) => {
    const cohort = await staffCohort(requireUser(request), request.params.id);
    const members = await store.cohorts.members(cohort.id);
    return { members: members.map((m) => ({ id: m.user_id, name: m.name, email: m.email, role: m.role, joinedAt: iso(m.joined_at) })) };
  });

  // Per-cohort roles are an admin's to give: a mentor of one cohort sees that cohort only.
  app.post<{ Params: { id: string } }>("/api/cohorts/:id/mentors", async (request) => {
    requireRole(request, "admin");
    const cohort = await store.cohorts.byId(request.params.id);
    if (cohort === undefined) throw new RoadworkError("NOT_FOUND", `no cohort "${request.params.id}"`);
    const { email } = parseInput(mentorSchema, request.body);
    const user = await store.users.byEmail(email);
    if (user === undefined) throw new RoadworkError("NOT_FOUND", `no account with the email ${email}`);
    await store.cohorts.setRole(cohort.id, user.id, "mentor", ctx.now());
    return { member: { id: user.id, name: user.name, email: user.email, role: "mentor" } };
  });

  app.patch<{ Params: { id: string; userId: string } }>("/api/cohorts/:id/members/:userId", async (request) => {
    requireRole(request, "admin");
    const { role } = parseInput(roleSchema, request.body);
    const membership = await store.cohorts.membership(request.params.id, request.params.userId);
    if (membership === undefined) throw new RoadworkError("NOT_FOUND", "no such member in this cohort");
    await store.cohorts.setRole(membership.cohort_id, membership.user_id, role, ctx.now());
    return { member: { id: membership.user_id, role } };
  });

  app.get<{ Params: { id: string } }>("/api/cohorts/:id/grades.csv", async (request, reply) => {
    const cohort = await staffCohort(requireUser(request), request.params.id);
    const { items, learners } = await dashboardOf(cohort);
    const lines = [["email", "name", "kind", "item", "state", "failing_attempts", "days_since_last_attempt", "learner_stuck", "learner_days_since_activity"].join(",")];
    for (const learner of learners) {
      items.forEach((item, i) => {
        const days = learner.days[i] ?? null;
        const state = STATE_WORDS[(learner.cells[i] ?? "-") as CellState];
        lines.push([learner.email, learner.name, item.kind, item.id, state, String(learner.fails[i] ?? 0), days === null ? "" : String(days), learner.stuck ? "yes" : "no", learner.daysSinceActivity === null ? "" : String(learner.daysSinceActivity)].map(csvCell).join(","));
      });
    }
    const filename = `roadwork-cohort-${cohort.name.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 40) || "export"}.csv`;
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${filename}"`).send(lines.join("\r\n") + "\r\n");
  });
}
