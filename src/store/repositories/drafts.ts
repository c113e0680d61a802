import type { Kysely, Selectable } from "kysely";
import type { Database, DraftsTable } from "../schema.js";

export type DraftRow = Selectable<DraftsTable>;

/** The code a learner is working on, saved as they type, one per exercise. */
export class DraftsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: string, exerciseId: string): Promise<DraftRow | undefined> {
    return this.db.selectFrom("drafts").selectAll().where("user_id", "=", userId).where("exercise_id", "=", exerciseId).executeTakeFirst();
  }

  async put(userId: string, exerciseId: string, source: string, now = Date.now()): Promise<DraftRow> {
    const row: DraftRow = { user_id: userId, exercise_id: exerciseId, source, updated_at: now };
    await this.db
      .insertInto("drafts")
      .values(row)
      .onConflict((oc) => oc.columns(["user_id", "exercise_id"]).doUpdateSet({ source, updated_at: now }))
      .execute();
    return row;
  }
}
