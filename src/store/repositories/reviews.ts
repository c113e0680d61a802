import type { Kysely, Selectable } from "kysely";
import { newId } from "../ids.js";
import type { Database, ItemKind, ReviewCommentsTable, ReviewVerdict, ReviewsTable, SubmissionStatus } from "../schema.js";

export type ReviewRow = Selectable<ReviewsTable>;
export type ReviewCommentRow = Selectable<ReviewCommentsTable>;

/** A review with its author's name, for lists. */
export type ReviewListing = ReviewRow & { author_name: string };

/** One version of a reviewed item: a submission of it by the author since the review opened. */
export interface ReviewVersion {
  id: string;
  status: SubmissionStatus;
  source: string | null;
  /** The pushed commit (`git push`), else null. */
  commit_id: string | null;
  created_at: number;
}

/** How a viewer stands to the author of some work, through the cohorts they share. */
export interface CohortRelation {
  /** The viewer mentors a cohort the author is a learner in. */
  mentor: boolean;
  /** The viewer and the author are in a cohort together (any role). */
  sharesCohort: boolean;
}

/** Reviews, their comments and who may see them. Whether a viewer may act is the server's rule. */
export class ReviewsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { userId: string; itemKind: ItemKind; itemId: string; firstSubmission: { id: string; created_at: number }; question: string | null }, now = Date.now()): Promise<ReviewRow> {
    const row: ReviewRow = {
      id: newId(),
      user_id: input.userId,
      item_kind: input.itemKind,
      item_id: input.itemId,
      first_submission_id: input.firstSubmission.id,
      since: input.firstSubmission.created_at,
      question: input.question,
      verdict: null,
      decided_by: null,
      decided_at: null,
      closed_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto("reviews").values(row).execute();
    return row;
  }

  async byId(id: string): Promise<ReviewRow | undefined> {
    return this.db.selectFrom("reviews").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** The author's review of an item that new submissions still join, if any. */
  async openFor(userId: string, itemKind: ItemKind, itemId: string): Promise<ReviewRow | undefined> {
    return this.db.selectFrom("reviews").selectAll().where("user_id", "=", userId).where("item_kind", "=", itemKind).where("item_id", "=", itemId).where("closed_at", "is", null).executeTakeFirst();
  }

  /** Every review a learner asked for, newest activity first. */
  async byAuthor(userId: string): Promise<ReviewListing[]> {
    const rows = await this.db.selectFrom("reviews as r").innerJoin("users as u", "u.id", "r.user_id").selectAll("r").select("u.name as author_name").where("r.user_id", "=", userId).orderBy("r.updated_at", "desc").orderBy("r.id").execute();
    return rows.map(numbers);
  }

  /**
   * Open reviews the viewer may take: every one for an admin; otherwise those of learners in a
   * cohort the viewer mentors, and those of cohort mates on items the viewer has passed.
   * Longest waiting first.
   */
  async queue(viewerId: string, everyone: boolean, limit = 200): Promise<ReviewListing[]> {
    let query = this.db.selectFrom("reviews as r").innerJoin("users as u", "u.id", "r.user_id").selectAll("r").select("u.name as author_name").where("r.closed_at", "is", null).where("r.user_id", "!=", viewerId);
    if (!everyone) {
      query = query.where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom("cohort_members as a").innerJoin("cohort_members as v", "v.cohort_id", "a.cohort_id").select("a.user_id").whereRef("a.user_id", "=", "r.user_id").where("a.role", "=", "learner").where("v.user_id", "=", viewerId).where("v.role", "=", "mentor")),
          eb.and([
            eb.exists(eb.selectFrom("cohort_members as a").innerJoin("cohort_members as v", "v.cohort_id", "a.cohort_id").select("a.user_id").whereRef("a.user_id", "=", "r.user_id").where("v.user_id", "=", viewerId)),
            eb.exists(eb.selectFrom("submissions as s").select("s.id").where("s.user_id", "=", viewerId).whereRef("s.item_id", "=", "r.item_id").whereRef("s.item_kind", "=", "r.item_kind").where("s.status", "=", "pass")),
          ]),
        ]),
      );
    }
    const rows = await query.orderBy("r.updated_at").orderBy("r.id").limit(limit).execute();
    return rows.map(numbers);
  }

  async relation(viewerId: string, authorId: string): Promise<CohortRelation> {
    const rows = await this.db
      .selectFrom("cohort_members as a")
      .innerJoin("cohort_members as v", "v.cohort_id", "a.cohort_id")
      .select(["a.role as author_role", "v.role as viewer_role"])
      .where("a.user_id", "=", authorId)
      .where("v.user_id", "=", viewerId)
      .execute();
    return { mentor: rows.some((r) => r.author_role === "learner" && r.viewer_role === "mentor"), sharesCohort: rows.length > 0 };
  }

  /** Whether the user has a passing submission of the item (what makes a cohort mate a reviewer). */
  async hasPassed(userId: string, itemKind: ItemKind, itemId: string): Promise<boolean> {
    const row = await this.db.selectFrom("submissions").select("id").where("user_id", "=", userId).where("item_kind", "=", itemKind).where("item_id", "=", itemId).where("status", "=", "pass").limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** The mentors of every cohort the learner is in: who hears of a new review request. */
  async mentorsOf(authorId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("cohort_members as a")
      .innerJoin("cohort_members as m", "m.cohort_id", "a.cohort_id")
      .select("m.user_id")
      .distinct()
      .where("a.user_id", "=", authorId)
      .where("a.role", "=", "learner")
      .where("m.role", "=", "mentor")
      .where("m.user_id", "!=", authorId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Versions oldest first: the author's submissions of the item from the first one on, up to the approval. */
  async versions(review: ReviewRow): Promise<ReviewVersion[]> {
    let query = this.db.selectFrom("submissions").select(["id", "status", "source", "commit_id", "created_at"]).where("user_id", "=", review.user_id).where("item_kind", "=", review.item_kind).where("item_id", "=", review.item_id).where("created_at", ">=", review.since);
    if (review.closed_at !== null) query = query.where("created_at", "<=", review.closed_at);
    const rows = await query.orderBy("created_at").orderBy("id").execute();
    return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
  }

  async decide(id: string, verdict: ReviewVerdict, by: string, now = Date.now()): Promise<void> {
    await this.db.updateTable("reviews").set({ verdict, decided_by: by, decided_at: now, updated_at: now, closed_at: verdict === "approved" ? now : null }).where("id", "=", id).execute();
  }

  async touch(id: string, now = Date.now()): Promise<void> {
    await this.db.updateTable("reviews").set({ updated_at: now }).where("id", "=", id).execute();
  }

  async addComment(input: { reviewId: string; submissionId: string; file: string; line: number | null; parentId: string | null; authorId: string; body: string }, now = Date.now()): Promise<ReviewCommentRow> {
    const row: ReviewCommentRow = { id: newId(), review_id: input.reviewId, submission_id: input.submissionId, file: input.file, line: input.line, parent_id: input.parentId, author_id: input.authorId, body: input.body, created_at: now, resolved_at: null, resolved_by: null };
    await this.db.insertInto("review_comments").values(row).execute();
    await this.touch(input.reviewId, now);
    return row;
  }

  async comment(reviewId: string, commentId: string): Promise<ReviewCommentRow | undefined> {
    const row = await this.db.selectFrom("review_comments").selectAll().where("review_id", "=", reviewId).where("id", "=", commentId).executeTakeFirst();
    return row === undefined ? undefined : commentNumbers(row);
  }

  /** Oldest first, with each author's name. */
  async comments(reviewId: string): Promise<Array<ReviewCommentRow & { author_name: string }>> {
    const rows = await this.db.selectFrom("review_comments as c").innerJoin("users as u", "u.id", "c.author_id").selectAll("c").select("u.name as author_name").where("c.review_id", "=", reviewId).orderBy("c.created_at").orderBy("c.id").execute();
    return rows.map((r) => ({ ...commentNumbers(r), author_name: r.author_name }));
  }

  /** Resolves (or reopens, with null) a thread by its first comment. */
  async setResolved(commentId: string, by: string | null, now = Date.now()): Promise<void> {
    await this.db.updateTable("review_comments").set(by === null ? { resolved_at: null, resolved_by: null } : { resolved_at: now, resolved_by: by }).where("id", "=", commentId).where("parent_id", "is", null).execute();
  }

  /** Everyone who commented on the review. */
  async participants(reviewId: string): Promise<string[]> {
    const rows = await this.db.selectFrom("review_comments").select("author_id").distinct().where("review_id", "=", reviewId).execute();
    return rows.map((r) => r.author_id);
  }
}

function numbers<T extends ReviewRow>(row: T): T {
  return { ...row, since: Number(row.since), created_at: Number(row.created_at), updated_at: Number(row.updated_at), decided_at: row.decided_at === null ? null : Number(row.decided_at), closed_at: row.closed_at === null ? null : Number(row.closed_at) };
}

function commentNumbers<T extends ReviewCommentRow>(row: T): T {
  return { ...row, created_at: Number(row.created_at), line: row.line === null ? null : Number(row.line), resolved_at: row.resolved_at === null ? null : Number(row.resolved_at) };
}
