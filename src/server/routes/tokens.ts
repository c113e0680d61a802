/** Personal API tokens for `roadwork submit`: shown once at creation, stored hashed. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RoadworkError } from "../../errors.js";
import { iso, parseInput, requireUser } from "../http.js";
import type { RouteContext } from "../deps.js";

const createSchema = z.object({ name: z.string().trim().min(1, "name the token (for example the computer it is for)").max(100) });

export default function tokenRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { store } = ctx;

  app.post("/api/tokens", async (request, reply) => {
    const user = requireUser(request);
    // A token cannot mint more tokens: only a logged-in browser session can.
    if (request.auth?.via !== "session") throw new RoadworkError("FORBIDDEN", "create tokens from a logged-in session");
    const { name } = parseInput(createSchema, request.body);
    const { token, info } = await store.tokens.create(user.id, name, ctx.now());
    return reply.status(201).send({ token, id: info.id, name: info.name, createdAt: iso(info.created_at) });
  });

  app.get("/api/tokens", async (request) => {
    const user = requireUser(request);
    const tokens = await store.tokens.list(user.id);
    return { tokens: tokens.map((t) => ({ id: t.id, name: t.name, createdAt: iso(t.created_at), lastUsedAt: iso(t.last_used_at) })) };
  });

  app.delete<{ Params: { id: string } }>("/api/tokens/:id", async (request, reply) => {
    const user = requireUser(request);
    if (!(await store.tokens.delete(user.id, request.params.id))) throw new RoadworkError("NOT_FOUND", "no such token");
    return reply.status(204).send();
  });
}
