import type { Kysely } from "kysely";
import { hashSecret, newSecret } from "../ids.js";
import type { Database } from "../schema.js";
import type { UserRow } from "./users.js";

/** Personal API tokens (for `roadwork submit`): shown once, stored hashed. */
export const TOKEN_PREFIX = "rw_";

export interface TokenInfo {
  id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

export class TokensRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(userId: string, name: string, now = Date.now()): Promise<{ token: string; info: TokenInfo }> {
    const token = TOKEN_PREFIX + newSecret();
    const info: TokenInfo = { id: hashSecret(token), name, created_at: now, last_used_at: null };
    await this.db.insertInto("api_tokens").values({ ...info, user_id: userId }).execute();
    return { token, info };
  }

  async findUser(token: string, now = Date.now()): Promise<UserRow | undefined> {
    const id = hashSecret(token);
    const user = await this.db
      .selectFrom("api_tokens")
      .innerJoin("users", "users.id", "api_tokens.user_id")
      .select(["users.id", "users.email", "users.name", "users.password_hash", "users.role", "users.created_at"])
      .where("api_tokens.id", "=", id)
      .executeTakeFirst();
    if (user !== undefined) await this.db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
    return user;
  }

  async list(userId: string): Promise<TokenInfo[]> {
    return this.db.selectFrom("api_tokens").select(["id", "name", "created_at", "last_used_at"]).where("user_id", "=", userId).orderBy("created_at").execute();
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("api_tokens").where("user_id", "=", userId).where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
