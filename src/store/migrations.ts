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
  // Community solutions (opt-in per submission, starred by peers) and cohorts with invite
  // codes; per-cohort roles let an admin make someone a mentor of one cohort only.
  "0003-solutions-cohorts": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("published_solutions")
        .addColumn("submission_id", "text", (c) => c.primaryKey().references("submissions.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("exercise_id", "text", (c) => c.notNull())
        .addColumn("published_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("published_solutions_exercise").on("published_solutions").columns(["exercise_id", "published_at"]).execute();

      await db.schema
        .createTable("solution_stars")
        .addColumn("submission_id", "text", (c) => c.notNull().references("published_solutions.submission_id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("solution_stars_pk", ["submission_id", "user_id"])
        .execute();

      await db.schema
        .createTable("cohorts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("track_id", "text", (c) => c.notNull())
        .addColumn("invite_code", "text", (c) => c.notNull().unique())
        .addColumn("created_by", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("cohort_members")
        .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("joined_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("cohort_members_pk", ["cohort_id", "user_id"])
        .execute();
      await db.schema.createIndex("cohort_members_user").on("cohort_members").column("user_id").execute();
      // The cohort dashboard aggregates every attempt of its learners per item: with this
      // index it reads the index alone, already grouped, instead of every submission row.
      await db.schema.createIndex("submissions_progress").on("submissions").columns(["user_id", "item_kind", "item_id", "status", "created_at", "graded_at"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("submissions_progress").ifExists().execute();
      for (const table of ["cohort_members", "cohorts", "solution_stars", "published_solutions"]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  // A client that lost the answer to a submit retries with the same Idempotency-Key and gets
  // the first submission back. Unique per learner; NULLs (no key) never collide on either dialect.
  "0004-submission-idempotency-key": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("submissions").addColumn("idempotency_key", "text").execute();
      await db.schema.createIndex("submissions_user_idempotency_key").on("submissions").columns(["user_id", "idempotency_key"]).unique().execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("submissions_user_idempotency_key").execute();
      await db.schema.alterTable("submissions").dropColumn("idempotency_key").execute();
    },
  },
  // Review between people: a learner asks for a review of an item; the review follows every
  // later submission of that item by them (its versions are read from submissions, not copied),
  // so a version sent by the web page, `roadwork submit` or a git push joins alike. Comments sit
  // on a line of a file of one version, in threads; notifications are read in the app and, for
  // those who did not opt out, sent by email.
  "0005-reviews-notifications": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("reviews")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("item_kind", "text", (c) => c.notNull())
        .addColumn("item_id", "text", (c) => c.notNull())
        .addColumn("first_submission_id", "text", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
        .addColumn("since", "bigint", (c) => c.notNull())
        .addColumn("question", "text")
        .addColumn("verdict", "text")
        .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("decided_at", "bigint")
        .addColumn("closed_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("reviews_user_item").on("reviews").columns(["user_id", "item_id", "created_at"]).execute();
      await db.schema.createIndex("reviews_open").on("reviews").columns(["closed_at", "updated_at"]).execute();

      await db.schema
        .createTable("review_comments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("review_id", "text", (c) => c.notNull().references("reviews.id").onDelete("cascade"))
        .addColumn("submission_id", "text", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
        .addColumn("file", "text", (c) => c.notNull())
        .addColumn("line", "integer")
        .addColumn("parent_id", "text", (c) => c.references("review_comments.id").onDelete("cascade"))
        .addColumn("author_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("resolved_at", "bigint")
        .addColumn("resolved_by", "text", (c) => c.references("users.id").onDelete("set null"))
        .execute();
      await db.schema.createIndex("review_comments_review").on("review_comments").columns(["review_id", "created_at"]).execute();

      await db.schema
        .createTable("notifications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("review_id", "text", (c) => c.references("reviews.id").onDelete("cascade"))
        .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("read_at", "bigint")
        .execute();
      await db.schema.createIndex("notifications_user").on("notifications").columns(["user_id", "read_at", "created_at"]).execute();

      await db.schema
        .createTable("notification_settings")
        .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
        .addColumn("email", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ["notification_settings", "notifications", "review_comments", "reviews"]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  // Live results as rows of their own, one per test as it arrives, instead of a partial
  // report written into the verdict column.
  "0006-submission-tests": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("submission_tests")
        .addColumn("submission_id", "text", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
        .addColumn("idx", "integer", (c) => c.notNull())
        .addColumn("result", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("submission_tests_pk", ["submission_id", "idx"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("submission_tests").ifExists().execute();
    },
  },
  // The commit a `git push` graded, shown with the submission (docs/api.md, git routes).
  "0007-submission-commit": {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("submissions").addColumn("commit_id", "text").execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("submissions").dropColumn("commit_id").execute();
    },
  },
  // Pushed repositories in the database, so that several servers on one database share them
  // and a push is kept only if the repository is still the one it read (`version`, compared
  // and swapped in one statement). Repositories in <dataDir>/git from before are still read.
  "0008-git-repos": {
    async up(db: Kysely<unknown>): Promise<void> {
      const blob = db.getExecutor().adapter instanceof PostgresAdapter ? "bytea" : "blob";
      await db.schema
        .createTable("git_repos")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("refs", "text", (c) => c.notNull())
        .addColumn("pack", blob, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("git_repos_pk", ["user_id", "project_id"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("git_repos").ifExists().execute();
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
