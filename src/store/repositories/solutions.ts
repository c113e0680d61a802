import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";

/** A published solution as others see it: the code, who wrote it, how appreciated it is. */
export interface SolutionListing {
  submission_id: string;
  user_id: string;
  author_name: string;
  source: string | null;
  published_at: number;
  stars: number;
  starred_by_viewer: boolean;
}

/** Published solutions and their stars. Whether a viewer may see them is the server's rule. */
export class SolutionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Publishing twice is the same as once (the first time is kept). */
  async publish(input: { submissionId: string; userId: string; exerciseId: string }, now = Date.now()): Promise<void> {
    await this.db
      .insertInto("published_solutions")
      .values({ submission_id: input.submissionId, user_id: input.userId, exercise_id: input.exerciseId, published_at: now })
      .onConflict((oc) => oc.column("submission_id").doNothing())
      .execute();
  }

  /** Takes it down with its stars; true when it was published by this user. */
  async unpublish(submissionId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("published_solutions").where("submission_id", "=", submissionId).where("user_id", "=", userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async byId(submissionId: string): Promise<{ submission_id: string; user_id: string; exercise_id: string } | undefined> {
    return this.db.selectFrom("published_solutions").select(["submission_id", "user_id", "exercise_id"]).where("submission_id", "=", submissionId).executeTakeFirst();
  }

  /** The ids of a user's published submissions for one exercise. */
  async publishedBy(userId: string, exerciseId: string): Promise<string[]> {
    const rows = await this.db.selectFrom("published_solutions").select("submission_id").where("user_id", "=", userId).where("exercise_id", "=", exerciseId).execute();
    return rows.map((r) => r.submission_id);
  }

  /** Most starred first, then the earliest published; at most `limit`. */
  async list(exerciseId: string, viewerId: string, limit = 100): Promise<SolutionListing[]> {
    const rows = await this.db
      .selectFrom("published_solutions as p")
      .innerJoin("submissions as s", "s.id", "p.submission_id")
      .innerJoin("users as u", "u.id", "p.user_id")
      .leftJoin("solution_stars as st", "st.submission_id", "p.submission_id")
      .select(["p.submission_id", "p.user_id", "u.name as author_name", "s.source", "p.published_at"])
      .select((eb) => [
        eb.fn.count<number>("st.user_id").as("stars"),
        eb.fn.max(eb.case().when("st.user_id", "=", viewerId).then(1).else(0).end()).as("mine"),
      ])
      .where("p.exercise_id", "=", exerciseId)
      .groupBy(["p.submission_id", "p.user_id", "u.name", "s.source", "p.published_at"])
      .orderBy(sql`count(st.user_id)`, "desc")
      .orderBy("p.published_at")
      .orderBy("p.submission_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      submission_id: r.submission_id,
      user_id: r.user_id,
      author_name: r.author_name,
      source: r.source,
      published_at: Number(r.published_at),
      stars: Number(r.stars),
      starred_by_viewer: Number(r.mine) === 1,
    }));
  }

  /** Whether the user has a passing submission for the exercise (the key to its solutions). */
  async hasPassed(userId: string, exerciseId: string): Promise<boolean> {
    const row = await this.db.selectFrom("submissions").select("id").where("user_id", "=", userId).where("item_id", "=", exerciseId).where("item_kind", "=", "exercise").where("status", "=", "pass").limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** One star per learner and solution: starring again changes nothing. */
  async star(submissionId: string, userId: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto("solution_stars")
      .values({ submission_id: submissionId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(["submission_id", "user_id"]).doNothing())
      .execute();
  }

  async unstar(submissionId: string, userId: string): Promise<void> {
    await this.db.deleteFrom("solution_stars").where("submission_id", "=", submissionId).where("user_id", "=", userId).execute();
  }

  async stars(submissionId: string): Promise<number> {
    const row = await this.db.selectFrom("solution_stars").select((eb) => eb.fn.countAll<number>().as("n")).where("submission_id", "=", submissionId).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
