/**
 * The warm path for the server: function-exercise process pairs (solution host and harness)
 * started ahead of time, Python running and harness imports done, each waiting for one
 * submission. Each pair is used once and replaced in the background.
 */
import type { Exercise } from "../../content/exercise.js";
import type { GradeReport } from "../report.js";
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { DEFAULT_LIMITS } from "../sandbox/types.js";
import { gradeSubmission, MESSAGE_LIMIT, type GradeOptions } from "./index.js";
import { sandboxLimitsFor } from "./limits.js";
import { runFunctionSession, type FunctionProcesses } from "./session.js";
import { spawnFunctionProcesses } from "./spawn.js";

export interface WarmGraderOptions {
  sandbox: Sandbox;
  /** How many pairs wait at once. */
  size: number;
  /** A waiting pair older than this is replaced (default 5 minutes). */
  maxIdleMs?: number;
}

export interface WarmGrader {
  grade(exercise: Exercise, source: string, opts?: Omit<GradeOptions, "sandbox">): Promise<GradeReport>;
  /** Pairs ready now (for tests and metrics). */
  ready(): number;
  close(): Promise<void>;
}

interface Waiting {
  procs: FunctionProcesses;
  since: number;
}

/** A waiting pair must outlive its idle time: Node enforces the exercise's wall time itself. */
const WARM_WALL_MS = 15 * 60 * 1000;

export function createWarmGrader(options: WarmGraderOptions): WarmGrader {
  const { sandbox } = options;
  const maxIdleMs = options.maxIdleMs ?? 5 * 60 * 1000;
  const warmLimits: SandboxLimits = { ...DEFAULT_LIMITS, wallTimeMs: WARM_WALL_MS };
  const waiting: Waiting[] = [];
  let closed = false;

  const startOne = (): void => {
    if (closed) return;
    const procs = spawnFunctionProcesses(sandbox, warmLimits);
    const entry: Waiting = { procs, since: Date.now() };
    waiting.push(entry);
    // A pair that dies while waiting (machine trouble) is replaced.
    void Promise.race([procs.solution.result, procs.harness.result]).then(() => {
      const index = waiting.indexOf(entry);
      if (index >= 0) {
        waiting.splice(index, 1);
        void retire(entry.procs);
        setTimeout(startOne, 100).unref();
      }
    });
  };
  for (let i = 0; i < options.size; i++) startOne();

  const refresher = setInterval(() => {
    const now = Date.now();
    for (const entry of [...waiting]) {
      if (now - entry.since > maxIdleMs) {
        waiting.splice(waiting.indexOf(entry), 1);
        void retire(entry.procs);
        startOne();
      }
    }
  }, Math.min(maxIdleMs, 60_000));
  refresher.unref();

  return {
    ready: () => waiting.length,
    async grade(exercise, source, opts = {}) {
      if (closed) throw new Error("the warm grader is closed");
      const limits = sandboxLimitsFor(exercise.config.limits);
      const usable = exercise.kind === "function" && exercise.config.mode !== "compatible" && sameExceptWall(limits, DEFAULT_LIMITS);
      const entry = usable ? waiting.shift() : undefined;
      if (exercise.kind !== "function" || entry === undefined) {
        return gradeSubmission(exercise, source, { ...opts, sandbox });
      }
      startOne();
      return runFunctionSession(exercise.tests, source, entry.procs, { limits, messageLimit: MESSAGE_LIMIT, ...opts });
    },
    async close() {
      closed = true;
      clearInterval(refresher);
      const all = waiting.splice(0);
      await Promise.all(all.map((entry) => retire(entry.procs)));
    },
  };
}

function sameExceptWall(a: SandboxLimits, b: Readonly<SandboxLimits>): boolean {
  return (Object.keys(a) as Array<keyof SandboxLimits>).every((key) => key === "wallTimeMs" || a[key] === b[key]);
}

async function retire(procs: FunctionProcesses): Promise<void> {
  await Promise.all([procs.solution.kill(), procs.harness.kill()]);
}
