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
import { runPytest, runVersions } from "./pytest-run.js";
import { summarise } from "./tests-verdict.js";

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
  const outcomes = await runVersions(
    versions,
    PARALLEL_RUNS,
    (version) =>
      runPytest(opts.sandbox, {
        targets: [testFileName(exercise.module)],
        files: { [`${exercise.module}.py`]: asSandboxed(version.source, exercise.subject), [testFileName(exercise.module)]: source },
        limits: opts.limits,
        ...(opts.signal === undefined ? {} : { signal: opts.signal }),
      }),
    opts.signal,
  );
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
