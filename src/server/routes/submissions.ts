/** Exercise submissions: submit, read one (own, or any for mentors), history, live results. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { errorReport } from "../../grading/report.js";
import type { ItemKind, SubmissionRow, UserRow } from "../../store/index.js";
import { canSeeWorkOf, parseInput, requireUser } from "../http.js";
import { presentSubmission } from "../presenters.js";
import { streamSubmission } from "../live.js";
import { refuseWhenGradingUnavailable } from "../grading-health.js";
import { refuseWhenQueueFull } from "../queue-bound.js";
import type { RouteContext } from "../app.js";

const submitSchema = z.object({ source: z.string() });

/** Stores a submission and queues it; when the queue refuses, the submission gets an error verdict instead of waiting forever. */
export async function submitAndQueue(ctx: RouteContext, input: { userId: string; itemKind: ItemKind; itemId: string; source?: string; archive?: Uint8Array }): Promise<SubmissionRow> {
  refuseWhenGradingUnavailable(ctx.gradingHealth);
  await refuseWhenTooManyPending(ctx, input.userId);
  await refuseWhenQueueFull(ctx);
  const submission = await ctx.store.submissions.create(input, ctx.now());
  try {
    await ctx.queue.enqueue(submission.id);
  } catch (error) {
    await ctx.store.submissions.recordVerdict(submission.id, errorReport("The grading queue is not available; please submit again later."), ctx.now());
    throw new RoadworkError("INFRASTRUCTURE", "the grading queue is not available", { cause: error });
  }
  return submission;
}

/** Grading is shared by everyone: one learner cannot fill the queue. */
export async function refuseWhenTooManyPending(ctx: RouteContext, userId: string): Promise<void> {
  const limit = ctx.config.limits.pendingPerUser;
  if ((await ctx.store.submissions.pendingCount(userId)) >= limit) {
    throw new RoadworkError("RATE_LIMITED", `you have ${limit} submissions waiting for their verdict; submit again once one of them is graded`);
  }
}

/** The submission when the viewer may see it; 404 (not 403) otherwise, so ids of others' work are not confirmed. */
export async function visibleSubmission(ctx: RouteContext, viewer: Pick<UserRow, "id" | "role">, id: string): Promise<SubmissionRow> {
  const submission = await ctx.store.submissions.byId(id);
  if (submission === undefined || !canSeeWorkOf(viewer, submission.user_id)) {
    throw new RoadworkError("NOT_FOUND", `no submission "${id}"`);
  }
  return submission;
}

export default function submissionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store, config } = ctx;

  app.post<{ Params: { id: string } }>("/api/exercises/:id/submissions", async (request, reply) => {
    const user = requireUser(request);
    const exercise = catalog.exercise(request.params.id);
    if (exercise === undefined) throw new RoadworkError("NOT_FOUND", `no exercise "${request.params.id}"`);
    const { source } = parseInput(submitSchema, request.body);
    if (Buffer.byteLength(source) > config.limits.sourceBytes) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the source is larger than ${Math.round(config.limits.sourceBytes / 1024)} KiB`);
    const submission = await submitAndQueue(ctx, { userId: user.id, itemKind: "exercise", itemId: exercise.id, source });
    return reply.status(202).send({ id: submission.id, status: submission.status, url: `/api/submissions/${submission.id}`, eventsUrl: `/api/submissions/${submission.id}/events` });
  });

  app.get<{ Params: { id: string } }>("/api/submissions/:id", async (request) => {
    const user = requireUser(request);
    const submission = await visibleSubmission(ctx, user, request.params.id);
    return presentSubmission(submission, { source: true });
  });

  app.get<{ Params: { id: string } }>("/api/submissions/:id/events", async (request, reply) => {
    const user = requireUser(request);
    await visibleSubmission(ctx, user, request.params.id);
    await streamSubmission(reply, ctx, request.params.id);
  });

  app.get<{ Params: { id: string } }>("/api/exercises/:id/submissions", async (request) => {
    const user = requireUser(request);
    if (catalog.exercise(request.params.id) === undefined) throw new RoadworkError("NOT_FOUND", `no exercise "${request.params.id}"`);
    const history = await store.submissions.history(user.id, request.params.id);
    return { submissions: history.map((s) => presentSubmission(s, { source: true })) };
  });
}
