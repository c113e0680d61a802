/**
 * tests exercises: the learner writes the tests. Their test file runs with pytest once per
 * version of the code under test, each run in a sandbox of its own that holds only the test
 * file and that one version, under the module's real name (see python/harness/pytest_runner.py):
 *   - subject.py, the correct code: every test must pass (at least one must run);
 *   - each of equivalents/*.py, correct code written differently: every test must pass, so
 *     that a test which fingerprints the code (its source, a hash, its bytecode) cannot pass;
 *   - each of mutants/*.py, a realistic bug: at least one test must fail ("catches: ...").
 * Nothing in a run can tell which version it is except what the code does.
 */
import type { TestsExercise } from "../../content/exercise.js";
import { asSandboxed, testFileName, type SubjectVersion } from "../../content/tests-parts.js";
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import type { Sandbox, SandboxLimits } from "../sandbox/types.js";
import { runWithChannel } from "./channel-run.js";
import { mapLimited } from "./parallel.js";
import { HARNESS_DIR, HARNESS_MOUNT } from "./paths.js";
import { pythonModule } from "./spawn.js";
import { summarise, type PytestRun, type RunOutcome } from "./tests-verdict.js";

export interface TestsOptions {
  sandbox: Sandbox;
  limits: SandboxLimits;
  signal?: AbortSignal;
  onTest?: (test: TestResult) => void;
}

/**
 * Runs at once. Each run is an interpreter importing pytest (about 0.3 s of CPU) in a sandbox
 * of its own; starting them together overlaps each sandbox's set-up with the others' work
 * (bench/kinds.mjs: on a busy 2-core machine, 6 at once took 2.6x a function grading's wall
 * time, 2 at once 4.7x). Bounded so that an exercise with many mutants cannot flood the machine.
 */
const PARALLEL_RUNS = 6;
const RUN_MESSAGE_LIMIT = 1024 * 1024;

type Role = "subject" | "equivalent" | "mutant";
interface Version extends SubjectVersion {
  role: Role;
  description?: string;
}

export async function gradeTests(exercise: TestsExercise, source: string, opts: TestsOptions): Promise<GradeReport> {
  const started = performance.now();
  const versions: Version[] = [
    { role: "subject", name: "subject.py", source: exercise.subject },
    ...exercise.equivalents.map((v): Version => ({ ...v, role: "equivalent" })),
    ...exercise.mutants.map((m): Version => ({ ...m, role: "mutant" })),
  ];
  let subjectFailed = false;
  const outcomes = await mapLimited(versions, PARALLEL_RUNS, async (version): Promise<RunOutcome> => {
    // Once the tests fail on the correct code, what they do on a bug says nothing.
    if (subjectFailed || opts.signal?.aborted === true) return { kind: "not-run" };
    const outcome = await runVersion(exercise, version, source, opts);
    if (version.role === "subject" && !(outcome.kind === "ran" && cleanPass(outcome.run))) subjectFailed = true;
    return outcome;
  });
  const limitsHit: LimitHit[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind !== "limit") continue;
    for (const hit of outcome.limitsHit) if (!limitsHit.some((h) => h.limit === hit.limit)) limitsHit.push(hit);
  }
  const verdict = summarise(
    exercise.module,
    versions.map((v, i) => ({ role: v.role, name: v.name, ...(v.description === undefined ? {} : { description: v.description }), outcome: outcomes[i] ?? { kind: "not-run" } })),
  );
  for (const test of verdict.tests) opts.onTest?.(test);
  return {
    version: 3,
    status: verdict.status,
    ...(verdict.message === undefined ? {} : { message: verdict.message }),
    tests: verdict.tests,
    duration_ms: Math.round(performance.now() - started),
    ...(limitsHit.length > 0 ? { limits_hit: limitsHit } : {}),
    tamper_proof: true,
  };
}

/** Every test passed and at least one ran: what the correct code must get. */
export function cleanPass(run: PytestRun): boolean {
  return run.exit === 0 && run.errors.length === 0 && run.tests.some((t) => t.outcome === "passed") && run.tests.every((t) => t.outcome === "passed" || t.outcome === "skipped");
}

async function runVersion(exercise: TestsExercise, version: Version, testSource: string, opts: TestsOptions): Promise<RunOutcome> {
  const run = await runWithChannel(
    opts.sandbox,
    {
      argv: [...pythonModule("pytest_runner"), testFileName(exercise.module)],
      mounts: [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }],
      files: { [`${exercise.module}.py`]: asSandboxed(version.source, exercise.subject), [testFileName(exercise.module)]: testSource },
      stdin: "",
      limits: opts.limits,
    },
    RUN_MESSAGE_LIMIT,
    undefined,
    opts.signal,
  );
  if (run.limitsHit.length > 0) return { kind: "limit", limitsHit: run.limitsHit };
  const frame = run.frames[0];
  if (frame === undefined) {
    const stderr = run.result.stderr.toString("utf8").trim().split("\n").slice(-5).join("\n");
    return { kind: "crashed", exitCode: run.result.exitCode, signal: run.result.signal, stderr };
  }
  return { kind: "ran", run: readRun(frame) };
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
