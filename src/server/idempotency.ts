/**
 * Idempotency-Key on the submit routes: a client that lost the answer to a submit (a crash,
 * a dropped connection) sends the same request with the same key again and gets the first
 * submission back, instead of a second copy graded twice and holding a second pending slot.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { RoadworkError } from "../errors.js";
import type { ItemKind, Store, SubmissionRow } from "../store/index.js";

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export interface KeyedSubmission {
  userId: string;
  itemKind: ItemKind;
  itemId: string;
  source?: string;
  idempotencyKey?: string;
}

export interface Submitted {
  submission: SubmissionRow;
  /** True when an earlier request with the same key stored it: nothing new was stored. */
  replayed: boolean;
}

/** The request's Idempotency-Key, checked; undefined when the header is absent. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers["idempotency-key"];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !KEY_PATTERN.test(value)) {
    throw new RoadworkError("BAD_INPUT", "the Idempotency-Key header must be 1 to 200 visible ASCII characters (a random UUID per submission is right)");
  }
  return value;
}

/**
 * The submission an earlier request with this key stored, or undefined. A key reused for
 * another item or another source is a client mistake: CONFLICT, rather than answering with
 * a submission of something else.
 */
export async function earlierSubmission(store: Store, input: KeyedSubmission): Promise<SubmissionRow | undefined> {
  if (input.idempotencyKey === undefined) return undefined;
  const earlier = await store.submissions.byIdempotencyKey(input.userId, input.idempotencyKey);
  if (earlier === undefined) return undefined;
  if (earlier.item_kind !== input.itemKind || earlier.item_id !== input.itemId || (input.source !== undefined && earlier.source !== input.source)) {
    throw new RoadworkError("CONFLICT", "this Idempotency-Key was already used for a different submission; send a new key with each new submission");
  }
  return earlier;
}

/** 202 for a new submission, 200 (and Idempotent-Replayed) for the one an earlier request stored. */
export function sendSubmitted(reply: FastifyReply, { submission, replayed }: Submitted): FastifyReply {
  if (replayed) void reply.header("idempotent-replayed", "true");
  return reply.status(replayed ? 200 : 202).send({ id: submission.id, status: submission.status, url: `/api/submissions/${submission.id}`, eventsUrl: `/api/submissions/${submission.id}/events` });
}
