/**
 * git exercises: the submission is a repository (a git bundle, or a git fast-import stream for
 * the exercise's own repositories) and tests.py reads it through the `repo` helper. Both run in
 * one sandboxed process (python/harness/git_runner.py): the learner sends data, never code, and
 * git runs there with hooks, includes, filters and external programs off, so the verdict is as
 * tamper-proof as a function exercise's. The host never runs git on a submission.
 */
import type { GitExercise } from "../../content/exercise.js";
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { runWithChannel } from "./channel-run.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "./paths.js";
import { pythonModule } from "./spawn.js";
import { testResult, verdict, type CollectedTest, type HarnessFrame } from "./harness-verdict.js";

export interface GitOptions {
  sandbox: Sandbox;
  limits: SandboxLimits;
  signal?: AbortSignal;
  onTest?: (test: TestResult) => void;
}

/**
 * The largest repository a submission may be, as sent: a bundle of a small project with a
 * few dozen commits is tens of KiB; the server's upload limit is the same.
 */
export const GIT_SUBMISSION_LIMIT = 10 * 1024 * 1024;
const FRAME_LIMIT = 16 * 1024 * 1024;

export async function gradeGit(exercise: GitExercise, submission: string | Buffer, opts: GitOptions): Promise<GradeReport> {
  const started = performance.now();
  const bytes = typeof submission === "string" ? Buffer.from(submission, "utf8") : submission;
  if (bytes.length > GIT_SUBMISSION_LIMIT) {
    const limit: LimitHit = { limit: "file-size", message: `submission size limit ${GIT_SUBMISSION_LIMIT / 1024 / 1024} MiB reached` };
    return { version: 3, status: "fail", message: `${limit.message}: your repository is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB as a bundle. Leave build output, data files and virtual environments out of it (.gitignore).`, tests: [], limits_hit: [limit], duration_ms: 0, tamper_proof: true };
  }
  let collected: CollectedTest[] | undefined;
  const results: TestResult[] = [];
  let problem: string | undefined;
  let contentError: string | undefined;
  let loadFailure: string | undefined;
  let done = false;
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
      // Frames of the function exercise's two-process protocol: git_runner.py never sends them.
      case "importing":
      case "imported":
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
      argv: [...pythonModule("git_runner"), String(opts.limits.wallTimeMs)],
      mounts: [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }],
      files: { "tests.py": exercise.tests, submission: bytes },
      stdin: "",
      limits: opts.limits,
    },
    FRAME_LIMIT,
    onFrame,
    opts.signal,
  );
  const limitsHit = run.limitsHit;
  if (!done && problem === undefined) {
    const limitText = limitsHit.map((h) => h.message).join("; ");
    const stderr = run.result.stderr.toString("utf8").trim().split("\n").slice(-3).join("\n");
    problem = limitText
      ? `${limitText} while your repository was read and checked`
      : `the checks stopped before finishing (${run.result.signal !== null ? `killed by ${run.result.signal}` : `exit code ${run.result.exitCode}`})${stderr ? `\n${stderr}` : ""}`;
    // Stopped before the checks were even collected: a limit reached reading the repository
    // is the submission's doing (a huge or damaged repository), not the machine's.
    if (collected === undefined && limitText) loadFailure = problem;
  }
  return verdict({ collected, results, current: undefined, problem, contentError, loadFailure, limitsHit, done, durationMs: performance.now() - started });
}
