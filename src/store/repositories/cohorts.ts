import type { Kysely, Selectable } from "kysely";
import { newId, newSecret } from "../ids.js";
import type { CohortMembersTable, CohortRole, CohortsTable, Database, ItemKind } from "../schema.js";

export type CohortRow = Selectable<CohortsTable>;
export type CohortMemberRow = Selectable<CohortMembersTable>;

export interface CohortMember {
  user_id: string;
  name: string;
  email: string;
  role: CohortRole;
  joined_at: number;
}

/** What one cohort learner did on one item, aggregated in the database. */
export interface CohortCell {
  user_id: string;
  item_kind: ItemKind;
  item_id: string;
  attempts: number;
  /** Attempts whose verdict was fail (an error verdict is the grader's trouble, not the learner's). */
  fails: number;
  first_passed_at: number | null;
  last_attempt_at: number;
}

export class CohortsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The creator becomes the cohort's first mentor. */
  async create(input: { name: string; trackId: string; createdBy: string }, now = Date.now()): Promise<CohortRow> {
    const row: CohortRow = { id: newId(), name: input.name, track_id: input.trackId, invite_code: newSecret(18), created_by: input.createdBy, created_at: now };
    await this.db.insertInto("cohorts").values(row).execute();
    await this.db.insertInto("cohort_members").values({ cohort_id: row.id, user_id: input.createdBy, role: "mentor", joined_at: now }).execute();
    return row;
  }

  async byId(id: string): Promise<CohortRow | undefined> {
    return this.db.selectFrom("cohorts").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async byInviteCode(code: string): Promise<CohortRow | undefined> {
    return this.db.selectFrom("cohorts").selectAll().where("invite_code", "=", code).executeTakeFirst();
  }

  /** Every cohort (for admins), or the ones a user belongs to, with their role there. */
  async list(userId: string | null): Promise<Array<CohortRow & { role: CohortRole | null; learners: number }>> {
    let query = this.db
      .selectFrom("cohorts as c")
      .leftJoin("cohort_members as me", (join) => join.onRef("me.cohort_id", "=", "c.id").on("me.user_id", "=", userId ?? ""))
      .selectAll("c")
      .select("me.role")
      .select((eb) => eb.selectFrom("cohort_members as m").whereRef("m.cohort_id", "=", "c.id").where("m.role", "=", "learner").select((e) => e.fn.countAll<number>().as("n")).as("learners"))
      .orderBy("c.created_at")
      .orderBy("c.id");
    if (userId !== null) query = query.where("me.user_id", "is not", null);
    const rows = await query.execute();
    return rows.map((r) => ({ ...r, role: r.role ?? null, learners: Number(r.learners ?? 0) }));
  }

  async membership(cohortId: string, userId: string): Promise<CohortMemberRow | undefined> {
    return this.db.selectFrom("cohort_members").selectAll().where("cohort_id", "=", cohortId).where("user_id", "=", userId).executeTakeFirst();
  }

  /** Joins as a learner; someone already in the cohort keeps the role they have. */
  async join(cohortId: string, userId: string, now = Date.now()): Promise<CohortMemberRow> {
    await this.db
      .insertInto("cohort_members")
      .values({ cohort_id: cohortId, user_id: userId, role: "learner", joined_at: now })
      .onConflict((oc) => oc.columns(["cohort_id", "user_id"]).doNothing())
      .execute();
    const row = await this.membership(cohortId, userId);
    if (row === undefined) throw new Error("cohort membership vanished right after it was written");
    return row;
  }

  /** Sets a member's role, adding them when they are not a member yet. */
  async setRole(cohortId: string, userId: string, role: CohortRole, now = Date.now()): Promise<void> {
    await this.db
      .insertInto("cohort_members")
      .values({ cohort_id: cohortId, user_id: userId, role, joined_at: now })
      .onConflict((oc) => oc.columns(["cohort_id", "user_id"]).doUpdateSet({ role }))
      .execute();
  }

  async members(cohortId: string): Promise<CohortMember[]> {
    const rows = await this.db
      .selectFrom("cohort_members as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.user_id", "u.name", "u.email", "m.role", "m.joined_at"])
      .where("m.cohort_id", "=", cohortId)
      .orderBy("u.name")
      .orderBy("m.user_id")
      .execute();
    return rows.map((r) => ({ ...r, joined_at: Number(r.joined_at) }));
  }

  /** The names of the cohorts each user is a learner in, for exports. */
  async learnerCohortNames(): Promise<Map<string, string[]>> {
    const rows = await this.db.selectFrom("cohort_members as m").innerJoin("cohorts as c", "c.id", "m.cohort_id").select(["m.user_id", "c.name"]).where("m.role", "=", "learner").orderBy("c.name").execute();
    const names = new Map<string, string[]>();
    for (const row of rows) names.set(row.user_id, [...(names.get(row.user_id) ?? []), row.name]);
    return names;
  }

  /** Per learner of the cohort and item attempted: attempts, fails, first pass, last attempt. One query. */
  async cells(cohortId: string): Promise<CohortCell[]> {
    const rows = await this.db
      .selectFrom("submissions as s")
      .innerJoin("cohort_members as m", (join) => join.onRef("m.user_id", "=", "s.user_id").on("m.cohort_id", "=", cohortId).on("m.role", "=", "learner"))
      .select(["s.user_id", "s.item_kind", "s.item_id"])
      .select((eb) => [
        eb.fn.countAll<number>().as("attempts"),
        eb.fn.sum<number>(eb.case().when("s.status", "=", "fail").then(1).else(0).end()).as("fails"),
        eb.fn.min(eb.case().when("s.status", "=", "pass").then(eb.ref("s.graded_at")).end()).as("first_passed_at"),
        eb.fn.max("s.created_at").as("last_attempt_at"),
      ])
      .groupBy(["s.user_id", "s.item_kind", "s.item_id"])
      .execute();
    return rows.map((r) => ({
      user_id: r.user_id,
      item_kind: r.item_kind,
      item_id: r.item_id,
      attempts: Number(r.attempts),
      fails: Number(r.fails),
      first_passed_at: r.first_passed_at === null || r.first_passed_at === undefined ? null : Number(r.first_passed_at),
      last_attempt_at: Number(r.last_attempt_at),
    }));
  }
}
