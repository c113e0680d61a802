/**
 * The database as Kysely sees it: one interface per table. Times are milliseconds since
 * the epoch in BIGINT columns on both dialects (the PostgreSQL pool parses int8 as a
 * number), so comparisons and ordering mean the same everywhere.
 */
export type Role = "learner" | "mentor" | "admin";
export const ROLES: readonly Role[] = ["learner", "mentor", "admin"];

export type ItemKind = "exercise" | "project";
export type SubmissionStatus = "queued" | "running" | "pass" | "fail" | "error";
export const FINAL_STATUSES: readonly SubmissionStatus[] = ["pass", "fail", "error"];

export type JobState = "queued" | "leased" | "done" | "failed";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked table does not hand out sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  /** sha256 of the token. */
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}

export interface SubmissionsTable {
  id: string;
  user_id: string;
  item_kind: ItemKind;
  item_id: string;
  /** Exercise source, or null for projects. */
  source: string | null;
  /**
   * Folder the project archive was unpacked into by the server, for submissions made before
   * archives were stored in the database (`archive`); null for newer ones and for exercises.
   */
  archive_path: string | null;
  /**
   * The uploaded project archive (.zip or .tar.gz) as sent, checked at upload; the grading
   * worker unpacks it into a private temporary folder. Null for exercises and older rows.
   * Read only through SubmissionsRepository.archiveOf, so listings do not carry the bytes.
   */
  archive: Buffer | null;
  /** The client's Idempotency-Key for the submit request (unique per user), or null. */
  idempotency_key: string | null;
  /** The commit a `git push` graded (40 hex digits); null for uploads, exercises and older rows. */
  commit_id: string | null;
  status: SubmissionStatus;
  /** The final GradeReport as JSON, once graded; never a partial one (those are submission_tests). */
  report: string | null;
  created_at: number;
  graded_at: number | null;
  duration_ms: number | null;
}

/**
 * Live results: each test's result as the grading worker learns it, keyed by the
 * submission and the test's index in arrival order (the SSE event id). Cleared when the
 * verdict is stored or the attempt is retried; the verdict column holds only final reports.
 */
export interface SubmissionTestsTable {
  submission_id: string;
  idx: number;
  /** TestResult as JSON. */
  result: string;
}

export interface DraftsTable {
  user_id: string;
  exercise_id: string;
  source: string;
  updated_at: number;
}

export interface JobsTable {
  id: string;
  submission_id: string;
  state: JobState;
  attempts: number;
  max_attempts: number;
  lease_until: number | null;
  worker_id: string | null;
  last_error: string | null;
  run_after: number;
  created_at: number;
  updated_at: number;
}

/** A passing exercise submission its author chose to show to others who passed it too. */
export interface PublishedSolutionsTable {
  submission_id: string;
  user_id: string;
  exercise_id: string;
  published_at: number;
}

/** One learner's appreciation of a published solution: at most one per learner and solution. */
export interface SolutionStarsTable {
  submission_id: string;
  user_id: string;
  created_at: number;
}

/** A group of learners following one track together, joined by an invite code. */
export interface CohortsTable {
  id: string;
  name: string;
  track_id: string;
  /** Random and unguessable: knowing it is what lets someone join. */
  invite_code: string;
  created_by: string;
  created_at: number;
}

export type CohortRole = "learner" | "mentor";

export interface CohortMembersTable {
  cohort_id: string;
  user_id: string;
  role: CohortRole;
  joined_at: number;
}

export type ReviewVerdict = "approved" | "changes_requested";
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ["approved", "changes_requested"];

/**
 * A learner's request for review of one item. Its versions are the learner's submissions of
 * the item from `since` on (until `closed_at`): a new submission joins without being copied.
 */
export interface ReviewsTable {
  id: string;
  /** The learner whose work is reviewed. */
  user_id: string;
  item_kind: ItemKind;
  item_id: string;
  /** The submission the review was asked for: its first version. */
  first_submission_id: string;
  /** created_at of the first version: later submissions of the item are its next versions. */
  since: number;
  question: string | null;
  /** A mentor's decision, shown beside the grading verdict; null until one is made. */
  verdict: ReviewVerdict | null;
  decided_by: string | null;
  decided_at: number | null;
  /** Set on approval: later submissions no longer join. */
  closed_at: number | null;
  created_at: number;
  /** Last activity (a comment, a decision): the queue is ordered by it. */
  updated_at: number;
}

/** A comment on a line (or on the whole file when line is null) of one version; replies name their thread's first comment. */
export interface ReviewCommentsTable {
  id: string;
  review_id: string;
  submission_id: string;
  file: string;
  line: number | null;
  parent_id: string | null;
  author_id: string;
  /** Markdown as written; rendered safely on the way out. */
  body: string;
  created_at: number;
  /** On a thread's first comment: the thread is resolved. */
  resolved_at: number | null;
  resolved_by: string | null;
}

export type NotificationKind = "review_requested" | "comment" | "verdict" | "new_version";

/** Something that happened in a review, for one person. The text is built when read, never stored. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  review_id: string | null;
  actor_id: string | null;
  created_at: number;
  read_at: number | null;
}

/** Per-user opt-out of email (in-app notifications always show). No row: email on. */
export interface NotificationSettingsTable {
  user_id: string;
  /** 1: send email, 0: in the app only (an integer on both dialects). */
  email: number;
  updated_at: number;
}

/** A learner's pushed repository for one project (`git push`, src/server/git/repo-store.ts). */
export interface GitReposTable {
  user_id: string;
  project_id: string;
  /** Branch -> commit, as a JSON object. */
  refs: string;
  /** Every object the branches reach, as one pack written by git in the sandbox; the host never reads inside it. */
  pack: Buffer;
  /** 1 at the first push, one more at every push kept: the value a push compares and swaps. */
  version: number;
  updated_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  submissions: SubmissionsTable;
  submission_tests: SubmissionTestsTable;
  drafts: DraftsTable;
  jobs: JobsTable;
  published_solutions: PublishedSolutionsTable;
  solution_stars: SolutionStarsTable;
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
  reviews: ReviewsTable;
  review_comments: ReviewCommentsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  git_repos: GitReposTable;
}
