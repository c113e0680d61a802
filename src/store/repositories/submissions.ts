import { type Kysely, type Selectable, sql } from "kysely";
import type { GradeReport } from "../../grading/report.js";
import { newId } from "../ids.js";
import type { Database, ItemKind, SubmissionStatus, SubmissionsTable } from "../schema.js";
import type { DialectName } from "../database.js";

/** A submission without its archive bytes (see archiveOf): listings and pages stay small. */
export type SubmissionRow = Omit<Selectable<SubmissionsTable>, "archive" | "idempotency_key">;

const ROW_COLUMNS = ["id", "user_id", "item_kind", "item_id", "source", "archive_path", "commit_id", "status", "report", "created_at", "graded_at", "duration_ms"] as const satisfies readonly (keyof SubmissionRow)[];

export interface NewSubmission {
  userId: string;
  itemKind: ItemKind;
  itemId: string;
  source?: string | null;
  /** The uploaded project archive as sent (checked before it is stored). */
  archive?: Uint8Array | null;
  /** The client's Idempotency-Key: a second create with the same user and key is a unique violation. */
  idempotencyKey?: string | null;
  /** The pushed commit whose tree `archive` holds (`git push`). */
  commitId?: string | null;
}

/** An item a learner has passed, with the time of the first passing verdict. */
export interface PassedItem {
  item_kind: ItemKind;
  item_id: string;
  first_passed_at: number;
}

export interface ItemAttempts {
  item_kind: ItemKind;
  item_id: string;
  attempts: number;
  passed: boolean;
  last_status: SubmissionStatus | null;
}

/** One row of the grade export: a learner and an item they attempted. */
export interface GradeRow {
  user_id: string;
  email: string;
  name: string;
  item_kind: ItemKind;
  item_id: string;
  attempts: number;
  first_passed_at: number | null;
  /** Attempts graded fail (an error verdict is the grader's trouble, not the learner's). */
  failing_attempts: number;
  last_attempt_at: number;
}

export class SubmissionsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Within a transaction: makes other submits of this user wait until it ends, so that a
   * count of their pending submissions stays true until the new one is stored. PostgreSQL
   * locks the user row (NO KEY UPDATE: logins and sessions, which only reference the row, go
   * on); SQLite runs one write transaction at a time, and taking the write lock now (a no-op
   * write) keeps a reader from counting before another process's insert.
   */
  async lockSubmitter(userId: string): Promise<void> {
    if (this.dialect === "postgres") {
      await this.db.selectFrom("users").select("id").where("id", "=", userId).forNoKeyUpdate().execute();
    } else {
      await sql`update users set role = role where id = ${userId}`.execute(this.db);
    }
  }

  /** The submission a user made with this Idempotency-Key, if any. */
  async byIdempotencyKey(userId: string, key: string): Promise<SubmissionRow | undefined> {
    return this.db.selectFrom("submissions").select(ROW_COLUMNS).where("user_id", "=", userId).where("idempotency_key", "=", key).executeTakeFirst();
  }

  async create(input: NewSubmission, now = Date.now()): Promise<SubmissionRow> {
    const row: SubmissionRow = {
      id: newId(),
      user_id: input.userId,
      item_kind: input.itemKind,
      item_id: input.itemId,
      source: input.source ?? null,
      archive_path: null,
      commit_id: input.commitId ?? null,
      status: "queued",
      report: null,
      created_at: now,
      graded_at: null,
      duration_ms: null,
    };
    const archive = input.archive === undefined || input.archive === null ? null : Buffer.from(input.archive.buffer, input.archive.byteOffset, input.archive.byteLength);
    await this.db
      .insertInto("submissions")
      .values({ ...row, archive, idempotency_key: input.idempotencyKey ?? null })
      .execute();
    return row;
  }

  /** The stored project archive of a submission, or null (exercises, and rows from before archives were stored). */
  async archiveOf(id: string): Promise<Buffer | null> {
    const row = await this.db.selectFrom("submissions").select("archive").where("id", "=", id).executeTakeFirst();
    const archive: unknown = row?.archive ?? null;
    if (archive === null) return null;
    // better-sqlite3 and pg both hand back a Buffer; accept any byte view to be safe.
    return Buffer.isBuffer(archive) ? archive : Buffer.from(archive as Uint8Array);
  }

  async byId(id: string): Promise<SubmissionRow | undefined> {
    return this.db.selectFrom("submissions").select(ROW_COLUMNS).where("id", "=", id).executeTakeFirst();
  }

  /** Submissions of a user still queued or grading. */
  async pendingCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom("submissions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Only what the live-results stream needs; cheap to poll. */
  async statusOf(id: string): Promise<Pick<SubmissionRow, "status" | "report" | "graded_at" | "duration_ms"> | undefined> {
    return this.db.selectFrom("submissions").select(["status", "report", "graded_at", "duration_ms"]).where("id", "=", id).executeTakeFirst();
  }

  /** Newest first. */
  async history(userId: string, itemId: string, limit = 50): Promise<SubmissionRow[]> {
    return this.db.selectFrom("submissions").select(ROW_COLUMNS).where("user_id", "=", userId).where("item_id", "=", itemId).orderBy("created_at", "desc").orderBy("id").limit(limit).execute();
  }

  async listForUser(userId: string, options: { limit: number; offset: number }): Promise<SubmissionRow[]> {
    return this.db.selectFrom("submissions").select(ROW_COLUMNS).where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id").limit(options.limit).offset(options.offset).execute();
  }

  async markRunning(id: string): Promise<void> {
    await this.db.updateTable("submissions").set({ status: "running" }).where("id", "=", id).where("status", "in", ["queued", "running"]).execute();
  }

  /** Back to the queue after a grading attempt broke down; the attempt's live results go with it. */
  async markQueuedAgain(id: string): Promise<void> {
    await this.db.updateTable("submissions").set({ status: "queued", report: null }).where("id", "=", id).where("status", "=", "running").execute();
    await this.db.deleteFrom("submission_tests").where("submission_id", "=", id).execute();
  }

  /** The final verdict; the live results it replaces are removed (call within the job's transaction). */
  async recordVerdict(id: string, report: GradeReport, now = Date.now()): Promise<void> {
    const row = await this.db.selectFrom("submissions").select("created_at").where("id", "=", id).executeTakeFirst();
    await this.db
      .updateTable("submissions")
      .set({ status: report.status, report: JSON.stringify(report), graded_at: now, duration_ms: report.duration_ms === undefined ? (row === undefined ? null : now - row.created_at) : Math.round(report.duration_ms) })
      .where("id", "=", id)
      .execute();
    await this.db.deleteFrom("submission_tests").where("submission_id", "=", id).execute();
  }

  async passedItems(userId: string): Promise<PassedItem[]> {
    const rows = await this.db
      .selectFrom("submissions")
      .select(["item_kind", "item_id"])
      .select((eb) => eb.fn.min("graded_at").as("first_passed_at"))
      .where("user_id", "=", userId)
      .where("status", "=", "pass")
      .groupBy(["item_kind", "item_id"])
      .execute();
    return rows.map((r) => ({ item_kind: r.item_kind, item_id: r.item_id, first_passed_at: Number(r.first_passed_at ?? 0) }));
  }

  /** Attempts per item, whether it was ever passed, and the latest status (one query, aggregated here). */
  async attempts(userId: string): Promise<ItemAttempts[]> {
    const rows = await this.db
      .selectFrom("submissions")
      .select(["item_kind", "item_id", "status"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const byItem = new Map<string, ItemAttempts>();
    for (const r of rows) {
      const key = `${r.item_kind}:${r.item_id}`;
      const entry = byItem.get(key) ?? { item_kind: r.item_kind, item_id: r.item_id, attempts: 0, passed: false, last_status: null };
      entry.attempts += 1;
      entry.passed ||= r.status === "pass";
      entry.last_status = r.status;
      byItem.set(key, entry);
    }
    return [...byItem.values()];
  }

  /** When each of a learner's submissions since `since` was made, and its status (the activity calendar). */
  async attemptTimes(userId: string, since: number): Promise<Array<{ created_at: number; status: SubmissionStatus }>> {
    const rows = await this.db
      .selectFrom("submissions")
      .select(["created_at", "status"])
      .where("user_id", "=", userId)
      .where("created_at", ">=", since)
      .execute();
    return rows.map((r) => ({ created_at: Number(r.created_at), status: r.status }));
  }

  /** Every learner and item attempted, for the CSV grade export. */
  async gradeRows(): Promise<GradeRow[]> {
    const rows = await this.db
      .selectFrom("submissions")
      .innerJoin("users", "users.id", "submissions.user_id")
      .select(["submissions.user_id", "users.email", "users.name", "submissions.item_kind", "submissions.item_id"])
      .select((eb) => [
        eb.fn.countAll<number>().as("attempts"),
        eb.fn.min(eb.case().when("submissions.status", "=", "pass").then(eb.ref("submissions.graded_at")).end()).as("first_passed_at"),
        eb.fn.sum<number>(eb.case().when("submissions.status", "=", "fail").then(1).else(0).end()).as("failing_attempts"),
        eb.fn.max("submissions.created_at").as("last_attempt_at"),
      ])
      .groupBy(["submissions.user_id", "users.email", "users.name", "submissions.item_kind", "submissions.item_id"])
      .orderBy("users.email")
      .orderBy("submissions.item_id")
      .execute();
    return rows.map((r) => ({
      user_id: r.user_id,
      email: r.email,
      name: r.name,
      item_kind: r.item_kind,
      item_id: r.item_id,
      attempts: Number(r.attempts),
      first_passed_at: r.first_passed_at === null || r.first_passed_at === undefined ? null : Number(r.first_passed_at),
      failing_attempts: Number(r.failing_attempts),
      last_attempt_at: Number(r.last_attempt_at),
    }));
  }
}
