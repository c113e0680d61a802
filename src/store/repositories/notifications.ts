import type { Kysely } from "kysely";
import { newId } from "../ids.js";
import type { Database, ItemKind, NotificationKind } from "../schema.js";

/** A notification with what it takes to word it: who acted, on which review of which item. */
export interface NotificationListing {
  id: string;
  kind: NotificationKind;
  review_id: string | null;
  actor_name: string | null;
  review_author_id: string | null;
  review_author_name: string | null;
  item_kind: ItemKind | null;
  item_id: string | null;
  verdict: string | null;
  created_at: number;
  read_at: number | null;
}

export class NotificationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(entries: ReadonlyArray<{ userId: string; kind: NotificationKind; reviewId: string | null; actorId: string | null }>, now = Date.now()): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto("notifications")
      .values(entries.map((e) => ({ id: newId(), user_id: e.userId, kind: e.kind, review_id: e.reviewId, actor_id: e.actorId, created_at: now, read_at: null })))
      .execute();
  }

  /** Newest first. */
  async list(userId: string, limit = 50): Promise<NotificationListing[]> {
    const rows = await this.db
      .selectFrom("notifications as n")
      .leftJoin("users as actor", "actor.id", "n.actor_id")
      .leftJoin("reviews as r", "r.id", "n.review_id")
      .leftJoin("users as author", "author.id", "r.user_id")
      .select(["n.id", "n.kind", "n.review_id", "actor.name as actor_name", "r.user_id as review_author_id", "author.name as review_author_name", "r.item_kind", "r.item_id", "r.verdict", "n.created_at", "n.read_at"])
      .where("n.user_id", "=", userId)
      .orderBy("n.created_at", "desc")
      .orderBy("n.id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at), read_at: r.read_at === null ? null : Number(r.read_at) }));
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("read_at", "is", null).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks the given notifications of the user read, or all of them when ids is null. */
  async markRead(userId: string, ids: readonly string[] | null, now = Date.now()): Promise<void> {
    let query = this.db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null);
    if (ids !== null) {
      if (ids.length === 0) return;
      query = query.where("id", "in", ids);
    }
    await query.execute();
  }

  /** Marks the user's notifications about one review read (they opened it). */
  async markReviewRead(userId: string, reviewId: string, now = Date.now()): Promise<void> {
    await this.db.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("review_id", "=", reviewId).where("read_at", "is", null).execute();
  }

  /** Whether the user gets email (on unless they opted out). */
  async emailEnabled(userId: string): Promise<boolean> {
    const row = await this.db.selectFrom("notification_settings").select("email").where("user_id", "=", userId).executeTakeFirst();
    return row === undefined || Number(row.email) === 1;
  }

  async setEmail(userId: string, enabled: boolean, now = Date.now()): Promise<void> {
    await this.db
      .insertInto("notification_settings")
      .values({ user_id: userId, email: enabled ? 1 : 0, updated_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ email: enabled ? 1 : 0, updated_at: now }))
      .execute();
  }
}
