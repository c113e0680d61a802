/**
 * Compatible mode for function exercises: tests and solution in one sandboxed process
 * (python/harness/compat_runner.py). The submission could forge what that process reports,
 * so the report says tamper_proof: false, in the field and in the message.
 */
import type { FunctionExercise } from "../../content/exercise.js";
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { runWithChannel } from "./channel-run.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "./paths.js";
import { pythonModule } from "./spawn.js";
import { testResult, verdict, type CollectedTest, type HarnessFrame } from "./harness-verdict.js";

export interface CompatOptions {
  sandbox: Sandbox;
  limits: SandboxLimits;
  signal?: AbortSignal;
  onTest?: (test: TestResult) => void;
}

export const COMPATIBLE_NOTE =
  "compatible mode: the tests ran in the same process as the solution, so this verdict is not tamper-proof";

const COMPAT_MESSAGE_LIMIT = 16 * 1024 * 1024;

export async function gradeCompatible(exercise: FunctionExercise, source: string, opts: CompatOptions): Promise<GradeReport> {
  const started = performance.now();
  let collected: CollectedTest[] | undefined;
  const results: TestResult[] = [];
  let problem: string | undefined;
  let contentError: string | undefined;
  let loadFailure: string | undefined;
  let done = false;
  const state: { importing: "not yet" | "under way" | "done" } = { importing: "not yet" };
  const onFrame = (raw: unknown): void => {
    const frame = raw as HarnessFrame;
    switch (frame.t) {
      case "collected":
        collected ??= frame.tests;
        return;
      case "collect_error":
        contentError = frame.message;
        return;
      case "result": {
        const expected = collected?.[results.length];
        if (expected === undefined || expected.name !== frame.name) {
          problem = `a result for "${frame.name}" came out of order`;
          return;
        }
        const test = testResult(frame, expected);
        results.push(test);
        opts.onTest?.(test);
        return;
      }
      case "load_failed":
        loadFailure = frame.message;
        return;
      case "done":
        done = true;
        return;
      case "importing":
        state.importing = "under way";
        return;
      case "imported":
        state.importing = "done";
        return;
      case "loaded?":
      case "req":
      case "begin":
      case "abandon":
        return;
    }
  };
  const run = await runWithChannel(
    opts.sandbox,
    {
      argv: [...pythonModule("compat_runner"), String(opts.limits.wallTimeMs)],
      mounts: [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }],
      // Support files first: the tests and the solution cannot be replaced by one of them.
      files: { ...exercise.support, "tests.py": exercise.tests, "solution.py": source },
      stdin: "",
      limits: opts.limits,
    },
    COMPAT_MESSAGE_LIMIT,
    onFrame,
    opts.signal,
  );
  const limitsHit: LimitHit[] = run.limitsHit;
  const limitText = limitsHit.map((h) => h.message).join("; ");
  if (!done && state.importing === "under way") {
    // Ended while solution.py was imported: the learner's own doing, named as in tamper-proof mode.
    loadFailure ??= limitText
      ? `${limitText}: solution.py was still being imported, before any test ran`
      : `your code ${run.result.signal !== null ? `was killed by ${run.result.signal}` : `exited with status ${run.result.exitCode}`} while solution.py was being imported, before any test ran`;
  }
  if (!done && problem === undefined) {
    problem = limitText || `the test process stopped before finishing (${run.result.signal !== null ? `killed by ${run.result.signal}` : `exit code ${run.result.exitCode}`})`;
  }
  const report = verdict(
    { collected, results, current: undefined, problem, contentError, loadFailure, limitsHit, done, durationMs: performance.now() - started },
    false,
  );
  report.message = report.message ? `${report.message}\n(${COMPATIBLE_NOTE})` : COMPATIBLE_NOTE;
  return report;
}
