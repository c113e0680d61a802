/**
 * Migrations live in code (no folder scanned at run time), so the built package carries
 * them and both dialects run the very same steps. Append new migrations; never edit one
 * that has shipped.
 */
import { type Kysely, type Migration, type MigrationProvider, type MigrationResultSet, Migrator, PostgresAdapter } from "kysely";
import { RoadworkError } from "../errors.js";

const migrations: Record<string, Migration> = {
  "0001-accounts-submissions-jobs": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .execute();
      await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();

      await db.schema
        .createTable("submissions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("item_kind", "text", (c) => c.notNull())
        .addColumn("item_id", "text", (c) => c.notNull())
        .addColumn("source", "text")
        .addColumn("archive_path", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("report", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("graded_at", "bigint")
        .addColumn("duration_ms", "integer")
        .execute();
      // Attempt history of one item, and a learner's passes (their progress).
      await db.schema.createIndex("submissions_user_item").on("submissions").columns(["user_id", "item_id", "created_at"]).execute();
      await db.schema.createIndex("submissions_user_status").on("submissions").columns(["user_id", "status"]).execute();

      await db.schema
        .createTable("drafts")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("exercise_id", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("drafts_pk", ["user_id", "exercise_id"])
        .execute();

      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("submission_id", "text", (c) => c.notNull().unique().references("submissions.id").onDelete("cascade"))
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("max_attempts", "integer", (c) => c.notNull())
        .addColumn("lease_until", "bigint")
        .addColumn("worker_id", "text")
        .addColumn("last_error", "text")
        .addColumn("run_after", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_ready").on("jobs").columns(["state", "run_after"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["jobs", "drafts", "submissions", "api_tokens", "sessions", "users"]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  // Project archives travel in the database, so a worker on another machine needs only the
  // database; rows from before keep archive_path (null archive) and still grade from there.
  "0002-submission-archive-bytes": {
    async up(db: Kysely<unknown>): Promise<void> {
      const blob = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
      await db.schema.alterTable("submissions").addColumn("archive", blob).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("submissions").dropColumn("archive").execute();
    },
  },
  // A client that lost the answer to a submit retries with the same Idempotency-Key and gets
  // the first submission back. Unique per learner; NULLs (no key) never collide on either dialect.
  "0003-submission-idempotency-key": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("submissions").addColumn("idempotency_key", "text").execute();
      await db.schema.createIndex("submissions_user_idempotency_key").on("submissions").columns(["user_id", "idempotency_key"]).unique().execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("submissions_user_idempotency_key").execute();
      await db.schema.alterTable("submissions").dropColumn("idempotency_key").execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema up to date; throws INFRASTRUCTURE naming the migration that failed. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider, migrationTableName: "roadwork_migrations", migrationLockTableName: "roadwork_migrations_lock" });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new RoadworkError("INFRASTRUCTURE", `database migration ${failed?.migrationName ?? "(unknown)"} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
