/**
 * Community solutions: a learner publishes one of their passing submissions; others who
 * passed the exercise too read them, most starred first, and star them (once each).
 * Before one's own pass nothing is shown: 403 PASS_FIRST.
 */
import type { FastifyInstance } from "fastify";
import { RoadworkError } from "../../errors.js";
import type { UserRow } from "../../store/index.js";
import { iso, requireUser } from "../http.js";
import type { RouteContext } from "../deps.js";

export const PASS_FIRST_MESSAGE = "pass this exercise first to see how others solved it";

export default function solutionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store } = ctx;

  async function requirePassed(user: UserRow, exerciseId: string): Promise<void> {
    if (!(await store.solutions.hasPassed(user.id, exerciseId))) throw new RoadworkError("PASS_FIRST", PASS_FIRST_MESSAGE);
  }

  /** A published solution the viewer may act on: 404 when not published (or unknown), 403 before their pass. */
  async function visibleSolution(user: UserRow, submissionId: string): Promise<{ submission_id: string; user_id: string; exercise_id: string }> {
    const solution = await store.solutions.byId(submissionId);
    if (solution === undefined) throw new RoadworkError("NOT_FOUND", `no published solution "${submissionId}"`);
    await requirePassed(user, solution.exercise_id);
    return solution;
  }

  app.get<{ Params: { id: string } }>("/api/exercises/:id/solutions", async (request) => {
    const user = requireUser(request);
    const exercise = catalog.requireExercise(request.params.id);
    await requirePassed(user, exercise.id);
    const [solutions, mine] = await Promise.all([store.solutions.list(exercise.id, user.id), store.solutions.publishedBy(user.id, exercise.id)]);
    return {
      exerciseId: exercise.id,
      solutionFile: exercise.kind === "sql" ? "solution.sql" : "solution.py",
      language: exercise.kind === "sql" ? "sql" : "python",
      published: mine,
      solutions: solutions.map((s) => ({
        submissionId: s.submission_id,
        author: { id: s.user_id, name: s.author_name },
        mine: s.user_id === user.id,
        source: s.source ?? "",
        stars: s.stars,
        starredByMe: s.starred_by_viewer,
        publishedAt: iso(s.published_at),
      })),
    };
  });

  // Only one's own passing exercise submission can be published; another's answers 404 like elsewhere.
  app.post<{ Params: { id: string } }>("/api/submissions/:id/publish", async (request) => {
    const user = requireUser(request);
    const submission = await store.submissions.byId(request.params.id);
    if (submission === undefined || submission.user_id !== user.id) throw new RoadworkError("NOT_FOUND", `no submission "${request.params.id}"`);
    if (submission.item_kind !== "exercise") throw new RoadworkError("BAD_INPUT", "only exercise solutions can be published");
    // A git exercise's submission is a repository (its bundle), which the solutions page cannot show.
    if (submission.source === null) throw new RoadworkError("BAD_INPUT", "a git exercise's repository cannot be published as a solution");
    if (submission.status !== "pass") throw new RoadworkError("CONFLICT", "only a passing submission can be published; this one is " + submission.status);
    await store.solutions.publish({ submissionId: submission.id, userId: user.id, exerciseId: submission.item_id }, ctx.now());
    return { submissionId: submission.id, published: true };
  });

  app.delete<{ Params: { id: string } }>("/api/submissions/:id/publish", async (request) => {
    const user = requireUser(request);
    const submission = await store.submissions.byId(request.params.id);
    if (submission === undefined || submission.user_id !== user.id) throw new RoadworkError("NOT_FOUND", `no submission "${request.params.id}"`);
    await store.solutions.unpublish(submission.id, user.id);
    return { submissionId: submission.id, published: false };
  });

  app.put<{ Params: { id: string } }>("/api/solutions/:id/star", async (request) => {
    const user = requireUser(request);
    const solution = await visibleSolution(user, request.params.id);
    if (solution.user_id === user.id) throw new RoadworkError("CONFLICT", "stars are for other people's solutions");
    await store.solutions.star(solution.submission_id, user.id, ctx.now());
    return { submissionId: solution.submission_id, starredByMe: true, stars: await store.solutions.stars(solution.submission_id) };
  });

  app.delete<{ Params: { id: string } }>("/api/solutions/:id/star", async (request) => {
    const user = requireUser(request);
    const solution = await visibleSolution(user, request.params.id);
    await store.solutions.unstar(solution.submission_id, user.id);
    return { submissionId: solution.submission_id, starredByMe: false, stars: await store.solutions.stars(solution.submission_id) };
  });
}
