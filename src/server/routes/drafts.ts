/** Drafts: the code a learner is working on, saved as they type and restored on return. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { iso, parseInput, requireUser } from "../http.js";
import type { RouteContext } from "../deps.js";

const draftSchema = z.object({ source: z.string() });

export default function draftRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store, config } = ctx;

  app.get<{ Params: { id: string } }>("/api/exercises/:id/draft", async (request) => {
    const user = requireUser(request);
    const exercise = catalog.requireExercise(request.params.id);
    const draft = await store.drafts.get(user.id, exercise.id);
    // No draft yet: the starter code, marked as not saved.
    return draft === undefined ? { source: exercise.starter, saved: false, updatedAt: null } : { source: draft.source, saved: true, updatedAt: iso(draft.updated_at) };
  });

  app.put<{ Params: { id: string } }>("/api/exercises/:id/draft", async (request) => {
    const user = requireUser(request);
    const exercise = catalog.requireExercise(request.params.id);
    const { source } = parseInput(draftSchema, request.body);
    if (Buffer.byteLength(source) > config.limits.sourceBytes) throw new RoadworkError("PAYLOAD_TOO_LARGE", `the draft is larger than ${Math.round(config.limits.sourceBytes / 1024)} KiB`);
    const draft = await store.drafts.put(user.id, exercise.id, source, ctx.now());
    return { source: draft.source, saved: true, updatedAt: iso(draft.updated_at) };
  });
}
