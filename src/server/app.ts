/**
 * buildApp(deps) returns the Fastify app with every route; it never listens (the CLI does,
 * tests call app.inject()). Routes live by domain in ./routes/.
 */
import { setMaxListeners } from "node:events";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import type { AppDeps, RouteContext } from "./deps.js";
import { checkCsrf, resolveAuth } from "./auth/session.js";
import { previewAuth } from "./auth/preview.js";
import { errorHandler } from "./errors.js";
import { LiveHub } from "./live-hub.js";
import { checkRequestSite } from "./auth/request-site.js";
import { createGuards } from "./guards.js";
import healthRoutes from "./routes/health.js";
import authRoutes from "./routes/auth.js";
import trackRoutes from "./routes/track.js";
import submissionRoutes from "./routes/submissions.js";
import projectRoutes from "./routes/projects.js";
import draftRoutes from "./routes/drafts.js";
import progressRoutes from "./routes/progress.js";
import tokenRoutes from "./routes/tokens.js";
import adminRoutes from "./routes/admin.js";
import solutionRoutes from "./routes/solutions.js";
import cohortRoutes from "./routes/cohorts.js";
import reviewRoutes from "./routes/reviews.js";
import notificationRoutes from "./routes/notifications.js";
import webRoutes from "./routes/web.js";
import pyodideRoutes from "./routes/pyodide.js";
import gitRoutes from "./routes/git.js";

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const closing = new AbortController();
  // Every open live stream listens for the server closing: one listener per stream is the
  // design, not a leak, so the default warning past 10 would only mislead operators.
  setMaxListeners(0, closing.signal);
  const ctx: RouteContext = { ...deps, ...createGuards(deps.config.limits, now), now, closing: closing.signal, liveHub: new LiveHub(deps.signals, deps.eventsPollMs ?? deps.config.limits.liveSafetyPollMs), afterSubmit: [] };
  // Errors are logged; one line per request is left to the proxy in front, it costs throughput here.
  const options = {
    trustProxy: deps.config.trustProxy,
    // JSON bodies carry at most a source file (and its escaping); uploads have their own limit.
    bodyLimit: Math.max(1024 * 1024, deps.config.limits.sourceBytes * 2 + 4096),
  };
  const app = deps.logger === undefined ? Fastify({ ...options, logger: false }) : Fastify({ ...options, loggerInstance: deps.logger, logController: new LogController({ disableRequestLogging: true }) });

  app.setErrorHandler(errorHandler);
  // Before the server stops accepting: end the streams (clients reconnect to the next server).
  app.addHook("preClose", async () => {
    closing.abort();
  });

  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: deps.config.limits.uploadBytes, files: 1, fields: 10, fieldSize: 1024 } });

  app.decorateRequest("auth", null);
  // Before anything is read or parsed: a change another site asks a browser for is refused.
  app.addHook("onRequest", async (request) => {
    checkRequestSite(request);
  });
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/")) return;
    request.auth = await resolveAuth(request, deps.store, now());
    if (request.auth === null && deps.config.preview) request.auth = await previewAuth(reply, deps.store, deps.config, now());
  });
  app.addHook("preHandler", async (request) => {
    checkCsrf(request);
  });
  // The API's answers depend on who asks; no shared cache may keep them.
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  trackRoutes(app, ctx);
  submissionRoutes(app, ctx);
  projectRoutes(app, ctx);
  draftRoutes(app, ctx);
  progressRoutes(app, ctx);
  tokenRoutes(app, ctx);
  adminRoutes(app, ctx);
  solutionRoutes(app, ctx);
  cohortRoutes(app, ctx);
  reviewRoutes(app, ctx);
  notificationRoutes(app, ctx);
  await pyodideRoutes(app);
  gitRoutes(app, ctx);
  await webRoutes(app, ctx);
  return app;
}
