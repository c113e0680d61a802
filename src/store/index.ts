/**
 * The store: one object holding a repository per domain over one database. `transaction`
 * hands the same repositories bound to a transaction.
 */
import type { Kysely } from "kysely";
import type { DialectName, OpenDatabase } from "./database.js";
import type { Database } from "./schema.js";
import { UsersRepository } from "./repositories/users.js";
import { SessionsRepository } from "./repositories/sessions.js";
import { TokensRepository } from "./repositories/tokens.js";
import { SubmissionsRepository } from "./repositories/submissions.js";
import { SubmissionTestsRepository } from "./repositories/submission-tests.js";
import { DraftsRepository } from "./repositories/drafts.js";
import { JobsRepository } from "./repositories/jobs.js";
import { SolutionsRepository } from "./repositories/solutions.js";
import { CohortsRepository } from "./repositories/cohorts.js";
import { ReviewsRepository } from "./repositories/reviews.js";
import { NotificationsRepository } from "./repositories/notifications.js";
import { RenamesRepository, type IdRename, type MovedRows } from "./repositories/renames.js";
import { GitReposRepository } from "./repositories/git-repos.js";

export class Store {
  readonly users: UsersRepository;
  readonly sessions: SessionsRepository;
  readonly tokens: TokensRepository;
  readonly submissions: SubmissionsRepository;
  /** Live results while a submission is graded. */
  readonly submissionTests: SubmissionTestsRepository;
  readonly drafts: DraftsRepository;
  readonly jobs: JobsRepository;
  readonly solutions: SolutionsRepository;
  readonly cohorts: CohortsRepository;
  readonly reviews: ReviewsRepository;
  readonly notifications: NotificationsRepository;
  /** Moves rows from former item and track ids to current ones; use through moveRenamed. */
  readonly renames: RenamesRepository;
  /** Pushed repositories (`git push`). */
  readonly gitRepos: GitReposRepository;

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
  ) {
    this.users = new UsersRepository(db);
    this.sessions = new SessionsRepository(db);
    this.tokens = new TokensRepository(db);
    this.submissions = new SubmissionsRepository(db, dialect);
    this.submissionTests = new SubmissionTestsRepository(db);
    this.drafts = new DraftsRepository(db);
    this.jobs = new JobsRepository(db, dialect);
    this.solutions = new SolutionsRepository(db);
    this.cohorts = new CohortsRepository(db);
    this.reviews = new ReviewsRepository(db);
    this.notifications = new NotificationsRepository(db);
    this.renames = new RenamesRepository(db, dialect);
    this.gitRepos = new GitReposRepository(db);
  }

  static from(opened: OpenDatabase): Store {
    return new Store(opened.db, opened.dialect);
  }

  /** Every rename applied in one transaction: all rows move, or none do. Returns the rows moved per rename. */
  async moveRenamed(renames: readonly IdRename[]): Promise<Array<IdRename & { moved: MovedRows }>> {
    if (renames.length === 0) return [];
    return this.transaction(async (store) => {
      await store.renames.lock();
      const out: Array<IdRename & { moved: MovedRows }> = [];
      for (const rename of renames) out.push({ ...rename, moved: await store.renames.move(rename) });
      return out;
    });
  }

  /** Runs `work` with repositories bound to one transaction; commits when it resolves. */
  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new Store(trx, this.dialect)));
  }
}

export { openDatabase, databaseAnswers, type OpenDatabase, type DialectName } from "./database.js";
export type { UserRow } from "./repositories/users.js";
export type { SessionRow } from "./repositories/sessions.js";
export type { SubmissionRow, PassedItem, ItemAttempts, GradeRow } from "./repositories/submissions.js";
export type { IndexedTest } from "./repositories/submission-tests.js";
export type { DraftRow } from "./repositories/drafts.js";
export type { JobRow, LeaseKey } from "./repositories/jobs.js";
export type { SolutionListing } from "./repositories/solutions.js";
export type { ReviewRow, ReviewCommentRow, ReviewListing, ReviewVersion, CohortRelation } from "./repositories/reviews.js";
export type { NotificationListing } from "./repositories/notifications.js";
export type { IdRename, MovedRows } from "./repositories/renames.js";
export type { GitRepoState } from "./repositories/git-repos.js";
export type { CohortRow, CohortMemberRow, CohortMember, CohortCell } from "./repositories/cohorts.js";
export * from "./schema.js";
