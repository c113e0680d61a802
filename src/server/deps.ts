/**
 * What buildApp needs (the CLI builds these from the Config; tests build them directly), and
 * what it hands every route: in a module of its own so that routes never import the app.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.js";
import type { Sandbox } from "../grading/sandbox/types.js";
import type { GradingQueue } from "../queue/types.js";
import type { Signals } from "../queue/signals.js";
import type { Store, SubmissionRow } from "../store/index.js";
import type { Catalog } from "./catalog.js";
import type { GradingHealth } from "./grading-health.js";
import type { RequestGuards } from "./guards.js";
import type { LiveHub } from "./live-hub.js";

export interface AppDeps {
  config: Config;
  store: Store;
  queue: GradingQueue;
  signals: Signals;
  catalog: Catalog;
  /** A pino logger; none (silent) when omitted. */
  logger?: FastifyBaseLogger;
  /** The built front end (index.html + assets); default src/web/dist of this package. */
  webRoot?: string;
  /** The live-results safety poll, for tests; default config.limits.liveSafetyPollMs. Streams wake on the queue's signals. */
  eventsPollMs?: number;
  /** The clock, for rate limits and sessions. */
  now?: () => number;
  /** Whether this process's grading workers can grade; none when separate `roadwork worker`s grade. */
  gradingHealth?: GradingHealth;
  /** The sandbox that reads pushed packs; default one made at the first `git push` from config.grading. */
  gitSandbox?: () => Promise<Sandbox>;
  /** Where repositories pushed before they moved into the database (migration 0008) are read from; default <dataDir>/git. */
  gitRoot?: string;
  /** How long a `git push` waits for its verdict; default 10 minutes. */
  pushWaitMs?: number;
}

export interface RouteContext extends AppDeps, RequestGuards {
  now: () => number;
  /** Aborted when the app closes: open live-results streams end so that close() does not wait on them. */
  closing: AbortSignal;
  /** Wakes live-results streams: one listener on the queue's signals for all of them. */
  liveHub: LiveHub;
  /**
   * Run after every new submission, however it came (page, `roadwork submit`, upload, the
   * review page): the review routes add theirs, so that a new version of a reviewed item
   * tells the review's people. A failing follower is logged; the submission stands.
   */
  afterSubmit: Array<(submission: SubmissionRow) => Promise<void>>;
}
