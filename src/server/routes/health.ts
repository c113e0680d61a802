import type { FastifyInstance } from "fastify";
import { databaseAnswers } from "../../store/index.js";
import { gradingNotice } from "../grading-health.js";
import type { RouteContext } from "../deps.js";

/**
 * GET /healthz: 200 when the database answers, the queue can be read and this process's
 * grading works (or separate workers grade: "external"), 503 otherwise. GET /api/grading:
 * the same about grading, in a sentence for learners.
 */
export default function healthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/healthz", async (request, reply) => {
    const database = await databaseAnswers(ctx.store.db, request.log);
    let queue: Record<string, number> | null = null;
    if (database) {
      try {
        queue = await ctx.queue.counts();
      } catch (error) {
        request.log.warn({ err: error }, "the queue cannot be read");
        queue = null;
      }
    }
    const grading = gradingStatus(ctx);
    const ok = database && queue !== null && grading.status !== "unavailable";
    return reply.status(ok ? 200 : 503).send({ status: ok ? "ok" : "unavailable", database: database ? "ok" : "unreachable", queue: queue ?? "unusable", grading });
  });

  app.get("/api/grading", async () => {
    const notice = gradingNotice(ctx.gradingHealth);
    return { available: notice === null, message: notice };
  });
}

function gradingStatus(ctx: RouteContext): { status: "ok" | "unavailable" | "external"; consecutiveFaults?: number; since?: string } {
  const state = ctx.gradingHealth?.state();
  if (state === undefined) return { status: "external" };
  if (state.status === "ok") return { status: "ok", consecutiveFaults: state.consecutiveFaults };
  return { status: "unavailable", consecutiveFaults: state.consecutiveFaults, since: new Date(state.since ?? 0).toISOString() };
}
