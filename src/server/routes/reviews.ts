/**
 * Reviews between people (docs/api.md, "Reviews"): a learner asks for a review of any of their
 * submissions; the cohort's mentors, and cohort mates who passed the item, comment on lines of
 * it in threads; the author replies, resolves and sends new versions, which the review follows
 * (every later submission of the item joins it, whatever sent it); a mentor approves or asks
 * for changes. Who may do what: ../review-access.ts.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { REVIEW_VERDICTS, type ReviewRow, type UserRow } from "../../store/index.js";
import { iso, parseInput, requireUser } from "../http.js";
import type { RouteContext } from "../deps.js";
import { reviewRoleOf, canDecide, canResolve, type ReviewRole } from "../review-access.js";
import { itemTitle, presentListing, presentReview } from "../review-presenters.js";
import { ReviewFiles, diffVersions } from "../review-files.js";
import { Notifier, type ReviewEvent } from "../notify/notifier.js";
import { sendMail } from "../notify/smtp-client.js";
import { presentSubmission } from "../presenters.js";
import { submitAndQueue } from "./submissions.js";
import { earlierSubmission, idempotencyKeyOf, sendSubmitted } from "../idempotency.js";

const requestSchema = z.object({ question: z.string().trim().max(4000).optional() });
const commentSchema = z.object({
  submissionId: z.string().min(1).max(100),
  file: z.string().min(1).max(1000),
  line: z.number().int().positive().max(1_000_000).nullable().optional(),
  body: z.string().trim().min(1, "write something first").max(20_000),
  parentId: z.string().min(1).max(100).optional(),
});
const resolveSchema = z.object({ resolved: z.boolean() });
const verdictSchema = z.object({ verdict: z.enum(REVIEW_VERDICTS as [string, ...string[]]) });
const versionSchema = z.object({ source: z.string() });

export interface ReviewRoutesOptions {
  /** For tests: how email leaves (default: the SMTP client, when --smtp-url is set). */
  notifier?: Notifier;
}

export default function reviewRoutes(app: FastifyInstance, ctx: RouteContext, options: ReviewRoutesOptions = {}): Notifier {
  const { catalog, store, config } = ctx;
  const files = new ReviewFiles({ store, catalog, limits: config.limits });
  const smtp = config.smtpUrl === undefined ? null : new URL(config.smtpUrl);
  const notifier =
    options.notifier ??
    new Notifier({ store, send: smtp === null ? null : (message) => sendMail({ url: smtp }, message), from: config.mailFrom, publicUrl: config.publicUrl ?? null, logger: app.log, itemTitle: (kind, id) => itemTitle(catalog, kind, id) });

  /** The review and the viewer's part in it; 404 for anyone without one (see review-access.ts). */
  async function reviewFor(user: UserRow, id: string): Promise<{ review: ReviewRow; role: ReviewRole }> {
    const review = await store.reviews.byId(id);
    if (review === undefined) throw new RoadworkError("NOT_FOUND", `no review "${id}"`);
    return { review, role: await reviewRoleOf(store, user, review) };
  }

  async function versionOf(review: ReviewRow, submissionId: string) {
    const version = (await store.reviews.versions(review)).find((v) => v.id === submissionId);
    if (version === undefined) throw new RoadworkError("NOT_FOUND", `submission "${submissionId}" is not a version of this review`);
    return version;
  }

  const event = (kind: ReviewEvent["kind"], review: ReviewRow, actor: UserRow): ReviewEvent => ({ kind, review, actor: { id: actor.id, name: actor.name } });

  // Every new submission of a reviewed item is the review's next version, however it was sent
  // (the page, `roadwork submit`, an upload, the review page): its people hear of it.
  ctx.afterSubmit.push(async (submission) => {
    const review = await store.reviews.openFor(submission.user_id, submission.item_kind, submission.item_id);
    if (review === undefined) return;
    const author = await store.users.byId(submission.user_id);
    if (author === undefined) return;
    await store.reviews.touch(review.id, ctx.now());
    await notifier.notify(await store.reviews.participants(review.id), event("new_version", review, author), ctx.now());
  });

  app.post<{ Params: { id: string } }>("/api/submissions/:id/review", async (request, reply) => {
    const user = requireUser(request);
    const submission = await store.submissions.byId(request.params.id);
    if (submission === undefined || submission.user_id !== user.id) throw new RoadworkError("NOT_FOUND", `no submission "${request.params.id}"`);
    const { question } = parseInput(requestSchema, request.body);
    const open = await store.reviews.openFor(user.id, submission.item_kind, submission.item_id);
    if (open !== undefined) {
      if (submission.created_at >= open.since) return reply.status(200).send({ review: presentListing(catalog, { ...open, author_name: user.name }), created: false });
      throw new RoadworkError("CONFLICT", "you already have an open review of this item with a newer version; open it from Reviews");
    }
    const review = await store.reviews.create({ userId: user.id, itemKind: submission.item_kind, itemId: submission.item_id, firstSubmission: submission, question: question === undefined || question === "" ? null : question }, ctx.now());
    await notifier.notify(await store.reviews.mentorsOf(user.id), event("review_requested", review, user), ctx.now());
    return reply.status(201).send({ review: presentListing(catalog, { ...review, author_name: user.name }), created: true });
  });

  app.get("/api/reviews", async (request) => {
    const user = requireUser(request);
    const [queue, mine] = await Promise.all([store.reviews.queue(user.id, user.role === "admin"), store.reviews.byAuthor(user.id)]);
    return { queue: queue.map((r) => presentListing(catalog, r)), mine: mine.map((r) => presentListing(catalog, r)) };
  });

  app.get<{ Params: { id: string } }>("/api/reviews/:id", async (request) => {
    const user = requireUser(request);
    const { review, role } = await reviewFor(user, request.params.id);
    const [author, decider, versions, comments] = await Promise.all([
      store.users.byId(review.user_id),
      review.decided_by === null ? undefined : store.users.byId(review.decided_by),
      store.reviews.versions(review),
      store.reviews.comments(review.id),
    ]);
    return { review: presentReview(catalog, { ...review, author_name: author?.name ?? "", decided_by_name: decider?.name ?? null }, versions, comments, role, user.id) };
  });

  app.get<{ Params: { id: string; submissionId: string } }>("/api/reviews/:id/versions/:submissionId/files", async (request) => {
    const user = requireUser(request);
    const { review } = await reviewFor(user, request.params.id);
    const version = await versionOf(review, request.params.submissionId);
    return { submissionId: version.id, files: await files.of({ ...version, item_kind: review.item_kind, item_id: review.item_id }) };
  });

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>("/api/reviews/:id/diff", async (request) => {
    const user = requireUser(request);
    const { review } = await reviewFor(user, request.params.id);
    const { from, to } = request.query;
    if (from === undefined || to === undefined) throw new RoadworkError("BAD_INPUT", "name the two versions to compare: ?from=SUBMISSION_ID&to=SUBMISSION_ID");
    const [a, b] = await Promise.all([versionOf(review, from), versionOf(review, to)]);
    const item = { item_kind: review.item_kind, item_id: review.item_id };
    const [before, after] = await Promise.all([files.of({ ...a, ...item }), files.of({ ...b, ...item })]);
    return { from: a.id, to: b.id, files: diffVersions(before, after) };
  });

  app.post<{ Params: { id: string } }>("/api/reviews/:id/comments", async (request, reply) => {
    const user = requireUser(request);
    const { review, role } = await reviewFor(user, request.params.id);
    const input = parseInput(commentSchema, request.body);
    let anchor = { submissionId: input.submissionId, file: input.file, line: input.line ?? null };
    if (input.parentId !== undefined) {
      // A reply sits where its thread does, whatever the client sent.
      const parent = await store.reviews.comment(review.id, input.parentId);
      if (parent === undefined || parent.parent_id !== null) throw new RoadworkError("NOT_FOUND", "no such thread in this review");
      anchor = { submissionId: parent.submission_id, file: parent.file, line: parent.line };
    } else {
      await versionOf(review, input.submissionId);
    }
    const comment = await store.reviews.addComment({ reviewId: review.id, ...anchor, parentId: input.parentId ?? null, authorId: user.id, body: input.body }, ctx.now());
    const audience = [review.user_id, ...(await store.reviews.participants(review.id))];
    await notifier.notify(audience, event("comment", review, user), ctx.now());
    return reply.status(201).send({ comment: { id: comment.id, threadId: input.parentId ?? comment.id, role, createdAt: iso(comment.created_at) } });
  });

  app.put<{ Params: { id: string; commentId: string } }>("/api/reviews/:id/comments/:commentId/resolved", async (request) => {
    const user = requireUser(request);
    const { review, role } = await reviewFor(user, request.params.id);
    const { resolved } = parseInput(resolveSchema, request.body);
    const thread = await store.reviews.comment(review.id, request.params.commentId);
    if (thread === undefined || thread.parent_id !== null) throw new RoadworkError("NOT_FOUND", "no such thread in this review");
    if (!canResolve(role, user.id, thread.author_id)) throw new RoadworkError("FORBIDDEN", "the author of the work, whoever opened the thread, or a mentor resolves it");
    await store.reviews.setResolved(thread.id, resolved ? user.id : null, ctx.now());
    return { threadId: thread.id, resolved };
  });

  app.put<{ Params: { id: string } }>("/api/reviews/:id/verdict", async (request) => {
    const user = requireUser(request);
    const { review, role } = await reviewFor(user, request.params.id);
    if (!canDecide(role)) throw new RoadworkError("FORBIDDEN", "only a mentor of the learner's cohort (or an admin) approves or requests changes");
    const { verdict } = parseInput(verdictSchema, request.body);
    await store.reviews.decide(review.id, verdict as "approved" | "changes_requested", user.id, ctx.now());
    await notifier.notify([review.user_id], event("verdict", { ...review, verdict: verdict as "approved" | "changes_requested" }, user), ctx.now());
    return { reviewId: review.id, state: verdict };
  });

  // A new version from the review page; any other submission of the item joins the same way.
  app.post<{ Params: { id: string } }>("/api/reviews/:id/versions", async (request, reply) => {
    const user = requireUser(request);
    const { review, role } = await reviewFor(user, request.params.id);
    if (role !== "author") throw new RoadworkError("FORBIDDEN", "only the author sends new versions");
    if (review.closed_at !== null) throw new RoadworkError("CONFLICT", "this review is approved and closed; ask for a new review to go on");
    if (review.item_kind !== "exercise") throw new RoadworkError("BAD_INPUT", "send a new version of a project from the project page, or with `roadwork submit`: it joins this review");
    const { source } = parseInput(versionSchema, request.body);
    if (Buffer.byteLength(source) > config.limits.sourceBytes) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the source is larger than ${Math.round(config.limits.sourceBytes / 1024)} KiB`);
    const idempotencyKey = idempotencyKeyOf(request);
    const input = { userId: user.id, itemKind: "exercise" as const, itemId: review.item_id, source, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) };
    const earlier = await earlierSubmission(store, input);
    if (earlier !== undefined) return sendSubmitted(reply, { submission: earlier, replayed: true });
    // submitAndQueue's follower (above) tells the review's people.
    return sendSubmitted(reply, await submitAndQueue(ctx, input));
  });

  // The item's submissions with the review each belongs to, for the "ask for a review" buttons.
  app.get<{ Params: { kind: string; id: string } }>("/api/reviews/for/:kind/:id", async (request) => {
    const user = requireUser(request);
    const kind = request.params.kind === "project" ? "project" : request.params.kind === "exercise" ? "exercise" : undefined;
    if (kind === undefined) throw new RoadworkError("NOT_FOUND", `no item kind "${request.params.kind}"`);
    const open = await store.reviews.openFor(user.id, kind, request.params.id);
    return { open: open === undefined ? null : presentListing(catalog, { ...open, author_name: user.name }), submissions: (await store.submissions.history(user.id, request.params.id, 20)).filter((s) => s.item_kind === kind).map((s) => presentSubmission(s)) };
  });

  return notifier;
}
