import type { FastifyInstance } from "fastify";
import { databaseAnswers } from "../../store/index.js";
import type { RouteContext } from "../app.js";

/** GET /healthz: 200 when the database answers and the queue can be read, 503 otherwise. */
export default function healthRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/healthz", async (_request, reply) => {
    const database = await databaseAnswers(ctx.store.db);
    let queue: Record<string, number> | null = null;
    if (database) {
      try {
        queue = await ctx.queue.counts();
      } catch {
        queue = null;
      }
    }
    const ok = database && queue !== null;
    return reply.status(ok ? 200 : 503).send({ status: ok ? "ok" : "unavailable", database: database ? "ok" : "unreachable", queue: queue ?? "unusable" });
  });
}
