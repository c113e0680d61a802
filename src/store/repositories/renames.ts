import { sql, type Kysely } from "kysely";
import type { DialectName } from "../database.js";
import type { Database, ItemKind } from "../schema.js";

/** Rows stored under `from` belong to the track, exercise or project whose id is now `to` (`formerly:` in the content). */
export interface IdRename {
  kind: ItemKind | "track";
  from: string;
  to: string;
}

/**
 * Rows moved, per table. Every table that stores an item or track id is here; the others
 * reach one only through a foreign key, so they follow: submission_tests and jobs
 * (submission_id), solution_stars (submission_id of a published solution), review_comments
 * and notifications (review_id).
 */
export interface MovedRows {
  submissions: number;
  drafts: number;
  published_solutions: number;
  reviews: number;
  cohorts: number;
  /** Pushed repositories (`git push`) of a renamed project. */
  git_repos: number;
}

/** Any number: the PostgreSQL advisory lock that serializes renames between server processes. */
const RENAME_LOCK = 7_115_015;

/**
 * Moves stored progress from former ids to current ones (docs/tracks.md, "Renaming"). Run
 * in one transaction (Store.transaction) at start and after every reload; idempotent: once
 * moved, nothing is left under `from`, and a second run moves nothing.
 */
export class RenamesRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /** Two servers on one PostgreSQL database that reload together take turns (SQLite has one writer anyway). */
  async lock(): Promise<void> {
    if (this.dialect === "postgres") await sql`select pg_advisory_xact_lock(${RENAME_LOCK})`.execute(this.db);
  }

  async move(rename: IdRename): Promise<MovedRows> {
    const moved: MovedRows = { submissions: 0, drafts: 0, published_solutions: 0, reviews: 0, cohorts: 0, git_repos: 0 };
    const { kind, from, to } = rename;
    if (kind === "track") {
      moved.cohorts = count(await this.db.updateTable("cohorts").set({ track_id: to }).where("track_id", "=", from).executeTakeFirst());
      return moved;
    }
    moved.submissions = count(await this.db.updateTable("submissions").set({ item_id: to }).where("item_kind", "=", kind).where("item_id", "=", from).executeTakeFirst());
    moved.reviews = count(await this.db.updateTable("reviews").set({ item_id: to }).where("item_kind", "=", kind).where("item_id", "=", from).executeTakeFirst());
    if (kind === "exercise") {
      moved.drafts = await this.moveDrafts(from, to);
      moved.published_solutions = count(await this.db.updateTable("published_solutions").set({ exercise_id: to }).where("exercise_id", "=", from).executeTakeFirst());
    }
    if (kind === "project") moved.git_repos = await this.moveRepos(from, to);
    return moved;
  }

  /** A learner has one repository per project: one who has pushed under the new id already keeps that one. */
  private async moveRepos(from: string, to: string): Promise<number> {
    await this.db
      .deleteFrom("git_repos as old")
      .where("old.project_id", "=", from)
      .where(({ exists, selectFrom }) => exists(selectFrom("git_repos as cur").select("cur.user_id").whereRef("cur.user_id", "=", "old.user_id").where("cur.project_id", "=", to)))
      .execute();
    return count(await this.db.updateTable("git_repos").set({ project_id: to }).where("project_id", "=", from).executeTakeFirst());
  }

  /** A learner has one draft per exercise: one with drafts under both ids keeps the newer. */
  private async moveDrafts(from: string, to: string): Promise<number> {
    await this.db
      .deleteFrom("drafts as old")
      .where("old.exercise_id", "=", from)
      .where(({ exists, selectFrom }) => exists(selectFrom("drafts as cur").select("cur.user_id").whereRef("cur.user_id", "=", "old.user_id").where("cur.exercise_id", "=", to).whereRef("cur.updated_at", ">=", "old.updated_at")))
      .execute();
    // Whatever draft under `from` is left for a learner is newer than theirs under `to`.
    await this.db
      .deleteFrom("drafts as cur")
      .where("cur.exercise_id", "=", to)
      .where(({ exists, selectFrom }) => exists(selectFrom("drafts as old").select("old.user_id").whereRef("old.user_id", "=", "cur.user_id").where("old.exercise_id", "=", from)))
      .execute();
    return count(await this.db.updateTable("drafts").set({ exercise_id: to }).where("exercise_id", "=", from).executeTakeFirst());
  }
}

function count(result: { numUpdatedRows: bigint }): number {
  return Number(result.numUpdatedRows);
}
