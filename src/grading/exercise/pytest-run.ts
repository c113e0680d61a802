/**
 * One pytest run in a sandbox of its own (python/harness/pytest_runner.py), read strictly:
 * the learner's code ran in that process. Shared by tests exercises (the learner's test file
 * against each version of the code under test) and by project stages that run a learner's
 * own test suite against their app and against mutants of it (../project/learner-tests.ts).
 */
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { runWithChannel } from "./channel-run.js";
import { mapLimited } from "./parallel.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "./paths.js";
import { pythonModule } from "./spawn.js";
import type { PytestRun, RunOutcome } from "./tests-verdict.js";

const RUN_MESSAGE_LIMIT = 1024 * 1024;

export interface PytestRunSpec {
  /** Every file of the run, written into /work: the code and the tests. */
  files: Readonly<Record<string, string | Buffer>>;
  /** What pytest collects, relative to /work: test files or folders. */
  targets: readonly string[];
  limits: Partial<SandboxLimits>;
  env?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

export async function runPytest(sandbox: Sandbox, spec: PytestRunSpec): Promise<RunOutcome> {
  const run = await runWithChannel(
    sandbox,
    {
      argv: [...pythonModule("pytest_runner"), ...spec.targets],
      mounts: [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }],
      files: spec.files,
      stdin: "",
      limits: spec.limits,
      ...(spec.env === undefined ? {} : { env: spec.env }),
    },
    RUN_MESSAGE_LIMIT,
    undefined,
    spec.signal,
  );
  if (run.limitsHit.length > 0) return { kind: "limit", limitsHit: run.limitsHit };
  const frame = run.frames[0];
  if (frame === undefined) {
    const stderr = run.result.stderr.toString("utf8").trim().split("\n").slice(-5).join("\n");
    return { kind: "crashed", exitCode: run.result.exitCode, signal: run.result.signal, stderr };
  }
  return { kind: "ran", run: readRun(frame) };
}

/** Every test passed and at least one ran: what the correct code must get. */
export function cleanPass(run: PytestRun): boolean {
  return run.exit === 0 && run.errors.length === 0 && run.tests.some((t) => t.outcome === "passed") && run.tests.every((t) => t.outcome === "passed" || t.outcome === "skipped");
}

/**
 * Runs the correct version first among the others, at most `parallel` at once. Once the tests
 * fail on the correct version, what they do on a bug says nothing: the versions not started
 * yet are left out ("not-run").
 */
export async function runVersions<V extends { role: "subject" | "equivalent" | "mutant" }>(
  versions: readonly V[],
  parallel: number,
  run: (version: V) => Promise<RunOutcome>,
  signal?: AbortSignal,
): Promise<RunOutcome[]> {
  let subjectFailed = false;
  return mapLimited(versions, parallel, async (version): Promise<RunOutcome> => {
    if (subjectFailed || signal?.aborted === true) return { kind: "not-run" };
    const outcome = await run(version);
    if (version.role === "subject" && !(outcome.kind === "ran" && cleanPass(outcome.run))) subjectFailed = true;
    return outcome;
  });
}

/** The runner's frame, read strictly: the learner's code ran in that process. */
function readRun(raw: unknown): PytestRun {
  const frame = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const list = (value: unknown): Array<Record<string, unknown>> => (Array.isArray(value) ? value.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null) : []);
  const text = (value: unknown, fallback: string): string => (typeof value === "string" ? value.slice(0, 4000) : fallback);
  const outcomes = ["passed", "failed", "error", "skipped"] as const;
  return {
    exit: typeof frame.exit === "number" ? frame.exit : -1,
    collected: typeof frame.collected === "number" ? frame.collected : 0,
    tests: list(frame.tests)
      .slice(0, 500)
      .map((t) => {
        const outcome = outcomes.find((o) => o === t.outcome) ?? "error";
        return { name: text(t.name, "?"), outcome, ...(typeof t.message === "string" ? { message: text(t.message, "") } : {}) };
      }),
    errors: list(frame.errors)
      .slice(0, 20)
      .map((e) => ({ name: text(e.name, "collection"), message: text(e.message, "") })),
  };
}
