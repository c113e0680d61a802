/**
 * The jobs table in SQL. Leasing is one atomic UPDATE ... RETURNING on both dialects; on
 * PostgreSQL the candidate row is chosen with FOR UPDATE SKIP LOCKED so that concurrent
 * workers never wait on, or take, the same job. Policy (backoff, attempts, verdicts) lives
 * in src/queue/.
 */
import { type Kysely, type Selectable, type UpdateQueryBuilder, type UpdateResult, sql } from "kysely";
import { newId } from "../ids.js";
import type { Database, JobState, JobsTable } from "../schema.js";
import type { DialectName } from "../database.js";

export type JobRow = Selectable<JobsTable>;

/** Who holds a job: a worker id and the attempt it leased, so a stale holder cannot finish it. */
export interface LeaseKey {
  jobId: string;
  workerId: string;
  attempt: number;
}

export class JobsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async insert(submissionId: string, maxAttempts: number, now: number): Promise<JobRow> {
    const row: JobRow = { id: newId(), submission_id: submissionId, state: "queued", attempts: 0, max_attempts: maxAttempts, lease_until: null, worker_id: null, last_error: null, run_after: now, created_at: now, updated_at: now };
    await this.db.insertInto("jobs").values(row).execute();
    return row;
  }

  /** Takes the oldest ready job: queued and due, or leased by someone whose lease ran out. */
  async leaseNext(workerId: string, leaseMs: number, now: number): Promise<JobRow | undefined> {
    let candidate = this.db
      .selectFrom("jobs")
      .select("id")
      .where((eb) =>
        eb.or([
          eb.and([eb("state", "=", "queued"), eb("run_after", "<=", now)]),
          eb.and([eb("state", "=", "leased"), eb("lease_until", "<", now), eb("attempts", "<", eb.ref("max_attempts"))]),
        ]),
      )
      .orderBy("run_after")
      .orderBy("created_at")
      .limit(1);
    if (this.dialect === "postgres") candidate = candidate.forUpdate().skipLocked();
    return this.db
      .updateTable("jobs")
      .set({ state: "leased", worker_id: workerId, lease_until: now + leaseMs, attempts: sql<number>`attempts + 1`, updated_at: now })
      .where("id", "=", candidate)
      .returningAll()
      .executeTakeFirst();
  }

  async extendLease(key: LeaseKey, leaseMs: number, now: number): Promise<boolean> {
    const result = await this.held(this.db.updateTable("jobs").set({ lease_until: now + leaseMs, updated_at: now }), key).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markDone(key: LeaseKey, now: number): Promise<boolean> {
    const result = await this.held(this.db.updateTable("jobs").set({ state: "done", lease_until: null, updated_at: now }), key).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async requeue(key: LeaseKey, error: string, runAfter: number, now: number): Promise<boolean> {
    const result = await this.held(this.db.updateTable("jobs").set({ state: "queued", lease_until: null, worker_id: null, last_error: error, run_after: runAfter, updated_at: now }), key).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markFailed(key: LeaseKey, error: string, now: number): Promise<boolean> {
    const result = await this.held(this.db.updateTable("jobs").set({ state: "failed", lease_until: null, last_error: error, updated_at: now }), key).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Leased jobs whose lease has run out. */
  async expired(now: number): Promise<JobRow[]> {
    return this.db.selectFrom("jobs").selectAll().where("state", "=", "leased").where("lease_until", "<", now).execute();
  }

  /** Every leased job: at most one per worker, so few. */
  async leased(): Promise<JobRow[]> {
    return this.db.selectFrom("jobs").selectAll().where("state", "=", "leased").execute();
  }

  async byId(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async bySubmission(submissionId: string): Promise<JobRow | undefined> {
    return this.db.selectFrom("jobs").selectAll().where("submission_id", "=", submissionId).executeTakeFirst();
  }

  /** Jobs waiting for a worker (not yet leased, or put back for a retry); uses the jobs_ready index. */
  async queuedCount(): Promise<number> {
    const row = await this.db.selectFrom("jobs").select((eb) => eb.fn.countAll<number>().as("n")).where("state", "=", "queued").executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async counts(): Promise<Record<JobState, number>> {
    const rows = await this.db.selectFrom("jobs").select(["state"]).select((eb) => eb.fn.countAll<number>().as("n")).groupBy("state").execute();
    const counts: Record<JobState, number> = { queued: 0, leased: 0, done: 0, failed: 0 };
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  }

  /** Narrows an update to the job only while `key` still holds it. */
  private held(query: UpdateQueryBuilder<Database, "jobs", "jobs", UpdateResult>, key: LeaseKey): UpdateQueryBuilder<Database, "jobs", "jobs", UpdateResult> {
    return query.where("id", "=", key.jobId).where("worker_id", "=", key.workerId).where("attempts", "=", key.attempt).where("state", "=", "leased");
  }
}
