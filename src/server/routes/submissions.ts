/** Exercise submissions: submit, read one (own, or any for mentors), history, live results. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError, isRoadworkError } from "../../errors.js";
import type { Store, SubmissionRow, UserRow } from "../../store/index.js";
import { isUniqueViolation } from "../../store/errors.js";
import { canSeeWorkOf, parseInput, requireUser } from "../http.js";
import { presentSubmission } from "../presenters.js";
import { firstUnseenTest, streamSubmission } from "../live.js";
import { refuseWhenGradingUnavailable } from "../grading-health.js";
import { refuseWhenQueueFull } from "../queue-bound.js";
import type { RouteContext } from "../deps.js";
import { earlierSubmission, idempotencyKeyOf, sendSubmitted, type KeyedSubmission, type Submitted } from "../idempotency.js";

const submitSchema = z.object({ source: z.string() });
/** A git exercise: the repository as a bundle (`git bundle create --all`), base64. */
const bundleSchema = z.object({ bundle: z.string().min(1) });
const BUNDLE_SIGNATURES = ["# v2 git bundle\n", "# v3 git bundle\n"];
/** A zip or tar.gz of the repository's folder, .git included: read only in the sandbox (python/harness/repo_archive.py). */
const ARCHIVE_SIGNATURES = ["PK\u0003\u0004", "\u001f\u008b"];

/**
 * Stores a submission and its job in one transaction: a crash cannot leave a submission
 * without its job, holding one of the learner's pending slots for good. The learner's other
 * submits wait for it, so that the pending cap counts true under concurrent requests, and a
 * retry with the same Idempotency-Key gets the first submission back.
 */
export async function submitAndQueue(ctx: RouteContext, input: KeyedSubmission & { archive?: Uint8Array; commitId?: string }): Promise<Submitted> {
  refuseWhenGradingUnavailable(ctx.gradingHealth);
  await refuseWhenQueueFull(ctx);
  let submitted: Submitted;
  try {
    submitted = await ctx.queue.inTransaction(async (tx, enqueue) => {
      await tx.submissions.lockSubmitter(input.userId);
      const earlier = await earlierSubmission(tx, input);
      if (earlier !== undefined) return { submission: earlier, replayed: true };
      await refuseWhenTooManyPending(ctx, input.userId, tx);
      const submission = await tx.submissions.create(input, ctx.now());
      await enqueue(submission.id);
      return { submission, replayed: false };
    });
  } catch (error) {
    // Two requests with one key at once (SQLite in two processes): the second insert lost.
    if (input.idempotencyKey !== undefined && isUniqueViolation(error)) {
      const earlier = await earlierSubmission(ctx.store, input);
      if (earlier !== undefined) return { submission: earlier, replayed: true };
    }
    if (isRoadworkError(error)) throw error;
    throw new RoadworkError("INFRASTRUCTURE", "the submission could not be stored (nothing was kept); please submit again", { cause: error });
  }
  if (!submitted.replayed) await followSubmission(ctx, submitted.submission);
  return submitted;
}

async function followSubmission(ctx: RouteContext, submission: SubmissionRow): Promise<void> {
  for (const follow of ctx.afterSubmit) {
    try {
      await follow(submission);
    } catch (error) {
      ctx.logger?.warn({ err: error, submission: submission.id }, "a follower of a new submission failed; the submission stands");
    }
  }
}

/** Grading is shared by everyone: one learner cannot fill the queue. */
export async function refuseWhenTooManyPending(ctx: RouteContext, userId: string, store: Store = ctx.store): Promise<void> {
  const limit = ctx.config.limits.pendingPerUser;
  if ((await store.submissions.pendingCount(userId)) >= limit) {
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
    const exercise = catalog.requireExercise(request.params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const input = { userId: user.id, itemKind: "exercise" as const, itemId: exercise.id, ...submittedWork(exercise.kind, request.body, config.limits.sourceBytes), ...(idempotencyKey === undefined ? {} : { idempotencyKey }) };
    // A retry stores nothing, even while grading is down or the learner is at the cap.
    const earlier = await earlierSubmission(store, input);
    if (earlier !== undefined) return sendSubmitted(reply, { submission: earlier, replayed: true });
    return sendSubmitted(reply, await submitAndQueue(ctx, input));
  });

  app.get<{ Params: { id: string } }>("/api/submissions/:id", async (request) => {
    const user = requireUser(request);
    const submission = await visibleSubmission(ctx, user, request.params.id);
    const testsSoFar = submission.status === "running" ? (await ctx.store.submissionTests.from(submission.id, 0)).map((row) => row.test) : [];
    return presentSubmission(submission, { source: true, testsSoFar });
  });

  app.get<{ Params: { id: string } }>("/api/submissions/:id/events", async (request, reply) => {
    const user = requireUser(request);
    await visibleSubmission(ctx, user, request.params.id);
    await streamSubmission(reply, ctx, request.params.id, firstUnseenTest(request.headers["last-event-id"]));
  });

  app.get<{ Params: { id: string } }>("/api/exercises/:id/submissions", async (request) => {
    const user = requireUser(request);
    catalog.requireExercise(request.params.id);
    const history = await store.submissions.history(user.id, request.params.id);
    return { submissions: history.map((s) => presentSubmission(s, { source: true })) };
  });
}

/** What a learner sends for an exercise: its source, or for a git exercise a bundle or a zip/tar.gz of the repository's folder (stored as the archive; the grader reads it only in the sandbox). */
function submittedWork(kind: string, body: unknown, sourceBytes: number): { source: string } | { archive: Buffer } {
  if (kind !== "git") {
    const { source } = parseInput(submitSchema, body);
    if (Buffer.byteLength(source) > sourceBytes) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the source is larger than ${Math.round(sourceBytes / 1024)} KiB`);
    return { source };
  }
  const bundle = Buffer.from(parseInput(bundleSchema, body).bundle, "base64");
  if (![...BUNDLE_SIGNATURES, ...ARCHIVE_SIGNATURES].some((signature) => bundle.subarray(0, signature.length).toString("latin1") === signature)) {
    throw new RoadworkError("BAD_INPUT", "this exercise takes a git repository: run `roadwork submit ID .` in your repository, or send `git bundle create repo.bundle --all`, or a zip or tar.gz of the repository's folder with its .git folder in it");
  }
  return { archive: bundle };
}
