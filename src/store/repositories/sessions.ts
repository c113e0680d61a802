import type { Kysely, Selectable } from "kysely";
import { hashSecret, newSecret } from "../ids.js";
import type { Database, SessionsTable } from "../schema.js";
import type { UserRow } from "./users.js";

export type SessionRow = Selectable<SessionsTable>;

/** A new session: the token goes into the cookie, only its hash into the table. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: number;
}

export class SessionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(userId: string, ttlMs: number, now = Date.now()): Promise<IssuedSession> {
    const token = newSecret();
    const csrfToken = newSecret();
    const expiresAt = now + ttlMs;
    await this.db.insertInto("sessions").values({ id: hashSecret(token), user_id: userId, csrf_token: csrfToken, created_at: now, expires_at: expiresAt }).execute();
    return { token, csrfToken, expiresAt };
  }

  /** The live session for a cookie value and its user, or undefined when unknown or expired. */
  async find(token: string, now = Date.now()): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.id as s_id",
        "sessions.user_id as s_user_id",
        "sessions.csrf_token as s_csrf_token",
        "sessions.created_at as s_created_at",
        "sessions.expires_at as s_expires_at",
        "users.id",
        "users.email",
        "users.name",
        "users.password_hash",
        "users.role",
        "users.created_at",
      ])
      .where("sessions.id", "=", hashSecret(token))
      .where("sessions.expires_at", ">", now)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      session: { id: row.s_id, user_id: row.s_user_id, csrf_token: row.s_csrf_token, created_at: row.s_created_at, expires_at: row.s_expires_at },
      user: { id: row.id, email: row.email, name: row.name, password_hash: row.password_hash, role: row.role, created_at: row.created_at },
    };
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", hashSecret(token)).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  }

  async deleteExpired(now = Date.now()): Promise<number> {
    const result = await this.db.deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
