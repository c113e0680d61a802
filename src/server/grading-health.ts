/**
 * Whether this process can grade, as its workers find out. Every grading reports "ok" (a
 * report came back, whatever its verdict) or "fault" (grading itself broke down: the sandbox,
 * the machine); after FAULTS_BEFORE_UNAVAILABLE faults in a row, grading is unavailable:
 * logged once at error level, /healthz answers 503, learners' submissions are refused with a
 * sentence that says so (instead of waiting for ever), and the canary grading runs every
 * PROBE_EVERY_MS until one passes or a grading reports "ok" again.
 *
 * Whoever runs the workers wraps their JobGrader with reportingGrader(grader, health), or calls
 * health.report(...) after each grading itself.
 */
import { RoadworkError } from "../errors.js";
import type { Log } from "../log.js";
import { silentLog } from "../log.js";
import type { JobGrader } from "../worker/grade-job.js";

export type GradingOutcome = "ok" | "fault";

export interface GradingState {
  status: "ok" | "unavailable";
  /** Faults since the last grading that worked. */
  consecutiveFaults: number;
  /** When grading became unavailable (ms since 1970), else null. */
  since: number | null;
  /** The last fault's reason, for the operator's log; never shown to learners. */
  reason: string | null;
}

export interface GradingHealthOptions {
  /** Runs the canary grading: undefined when it passes, else why not. */
  probe?: () => Promise<string | undefined>;
  log?: Log;
  now?: () => number;
  faultsBeforeUnavailable?: number;
  probeEveryMs?: number;
}

const FAULTS_BEFORE_UNAVAILABLE = 3;
const PROBE_EVERY_MS = 30_000;

export class GradingHealth {
  private faults = 0;
  private since: number | null = null;
  private reason: string | null = null;
  private probing: NodeJS.Timeout | undefined;
  private probeRunning = false;
  private readonly log: Log;
  private readonly now: () => number;

  constructor(private readonly options: GradingHealthOptions = {}) {
    this.log = options.log ?? silentLog;
    this.now = options.now ?? Date.now;
  }

  report(outcome: GradingOutcome, reason?: string): void {
    if (outcome === "ok") {
      if (this.since !== null) this.log.info({ unavailableMs: this.now() - this.since }, "grading works again; submissions are accepted");
      this.faults = 0;
      this.since = null;
      this.reason = null;
      this.stopProbing();
      return;
    }
    this.faults += 1;
    this.reason = reason ?? "grading broke down";
    if (this.since === null && this.faults >= (this.options.faultsBeforeUnavailable ?? FAULTS_BEFORE_UNAVAILABLE)) {
      this.since = this.now();
      this.log.error({ faults: this.faults, reason: this.reason }, `grading is unavailable: ${this.reason}. /healthz answers 503 and submissions are refused until a grading works again (checked every ${(this.options.probeEveryMs ?? PROBE_EVERY_MS) / 1000} s); run \`roadwork doctor\``);
      this.startProbing();
    }
  }

  state(): GradingState {
    return { status: this.since === null ? "ok" : "unavailable", consecutiveFaults: this.faults, since: this.since, reason: this.reason };
  }

  close(): void {
    this.stopProbing();
  }

  private startProbing(): void {
    if (this.options.probe === undefined || this.probing !== undefined) return;
    this.probing = setInterval(() => void this.probeOnce(), this.options.probeEveryMs ?? PROBE_EVERY_MS);
    this.probing.unref();
  }

  private stopProbing(): void {
    clearInterval(this.probing);
    this.probing = undefined;
  }

  private async probeOnce(): Promise<void> {
    const probe = this.options.probe;
    if (probe === undefined || this.probeRunning || this.since === null) return;
    this.probeRunning = true;
    try {
      const problem = await probe();
      if (problem === undefined) this.report("ok");
      else this.reason = problem;
    } finally {
      this.probeRunning = false;
    }
  }
}

/**
 * The grader, reporting each grading's outcome to `health`: a verdict is "ok", a failure
 * that another attempt may mend is a machine "fault". A grading given up on (lease lost,
 * stopping) reports nothing, nor does a broken track (the machine works).
 */
export function reportingGrader(grader: JobGrader, health: GradingHealth): JobGrader {
  return {
    async gradeJob(job, sink, signal) {
      const outcome = await grader.gradeJob(job, sink, signal);
      if (outcome.kind === "verdict") health.report("ok");
      else if (outcome.failure.retry && signal?.aborted !== true) health.report("fault", outcome.failure.message);
      return outcome;
    },
    close: () => grader.close(),
  };
}

/** Before a submission is stored: when grading is known not to work, say so instead of queueing it for ever. */
export function refuseWhenGradingUnavailable(health: GradingHealth | undefined): void {
  if (health?.state().status !== "unavailable") return;
  throw new RoadworkError(
    "SANDBOX_UNAVAILABLE",
    "grading is unavailable on this server at the moment, so this submission was not accepted; the people who run it have been told. Your code is not lost: submit it again in a few minutes",
    { retryAfterSeconds: 60 },
  );
}

/** The sentence learners see (GET /api/grading), or null while grading works. */
export function gradingNotice(health: GradingHealth | undefined): string | null {
  return health?.state().status === "unavailable" ? "Grading is unavailable on this server at the moment; submissions are not accepted until it works again. The people who run it have been told." : null;
}
