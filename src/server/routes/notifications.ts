/** Notifications (docs/api.md): the signed-in user's own, an unread count for the menu, and the email opt-out. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { iso, parseInput, requireUser } from "../http.js";
import type { RouteContext } from "../deps.js";
import { notificationText } from "../notify/wording.js";
import { itemTitle } from "../review-presenters.js";

const readSchema = z.object({ ids: z.array(z.string().min(1).max(100)).max(500).optional(), reviewId: z.string().min(1).max(100).optional() });
const settingsSchema = z.object({ email: z.boolean() });

export default function notificationRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { catalog, store } = ctx;

  app.get("/api/notifications", async (request) => {
    const user = requireUser(request);
    const [rows, unread] = await Promise.all([store.notifications.list(user.id), store.notifications.unreadCount(user.id)]);
    return {
      unread,
      notifications: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        // Plain text: the page puts it in as text, never as HTML.
        text: notificationText({ kind: n.kind, actorName: n.actor_name, readerIsAuthor: n.review_author_id === user.id, authorName: n.review_author_name, itemTitle: n.item_kind === null || n.item_id === null ? "an item" : itemTitle(catalog, n.item_kind, n.item_id), verdict: n.verdict }),
        url: n.review_id === null ? null : `/reviews/${n.review_id}`,
        read: n.read_at !== null,
        createdAt: iso(n.created_at),
      })),
    };
  });

  /** The menu polls this: one cheap count. */
  app.get("/api/notifications/unread", async (request) => {
    const user = requireUser(request);
    return { unread: await store.notifications.unreadCount(user.id) };
  });

  app.post("/api/notifications/read", async (request) => {
    const user = requireUser(request);
    const { ids, reviewId } = parseInput(readSchema, request.body);
    // Only the user's own rows change, whatever ids or review they name.
    if (reviewId !== undefined) await store.notifications.markReviewRead(user.id, reviewId, ctx.now());
    else await store.notifications.markRead(user.id, ids ?? null, ctx.now());
    return { unread: await store.notifications.unreadCount(user.id) };
  });

  app.get("/api/notifications/settings", async (request) => {
    const user = requireUser(request);
    return { email: await store.notifications.emailEnabled(user.id), emailConfigured: ctx.config.smtpUrl !== undefined };
  });

  app.put("/api/notifications/settings", async (request) => {
    const user = requireUser(request);
    const { email } = parseInput(settingsSchema, request.body);
    await store.notifications.setEmail(user.id, email, ctx.now());
    return { email, emailConfigured: ctx.config.smtpUrl !== undefined };
  });
}
