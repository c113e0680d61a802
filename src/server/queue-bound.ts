/**
 * The global bound on the grading queue. Under a burst the queue grew without bound and a
 * learner waited 30-50 s for a verdict while the server kept accepting more; past
 * limits.queuedMax a new submission is refused at once with 503 QUEUE_FULL and Retry-After,
 * and the clients (web page, `roadwork submit`) wait and send it again, keeping the code.
 */
import { RoadworkError } from "../errors.js";
import type { RouteContext } from "./deps.js";

/** Throws QUEUE_FULL when as many jobs wait for a worker as the queue may hold. */
export async function refuseWhenQueueFull(ctx: Pick<RouteContext, "config" | "store">): Promise<void> {
  const { queuedMax, queueFullRetryAfterSeconds } = ctx.config.limits;
  if ((await ctx.store.jobs.queuedCount()) >= queuedMax) {
    throw new RoadworkError("QUEUE_FULL", `grading is busy: ${queuedMax} submissions are waiting for a grader; your work is kept, send it again in ${queueFullRetryAfterSeconds} seconds`, {
      retryAfterSeconds: queueFullRetryAfterSeconds,
    });
  }
}
