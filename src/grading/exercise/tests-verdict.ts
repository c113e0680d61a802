/**
 * The verdict of a tests exercise from its pytest runs (tests-kind.ts): one report test per
 * learner test on the correct code, one per equivalent, one per mutant ("catches: ...").
 * A surviving mutant is named by the behaviour it breaks, never by its code.
 */
import type { LimitHit, TestResult, TestStatus } from "../report.js";

export interface PytestTest {
  /** pytest's node id: "test_discount.py::test_full_price". */
  name: string;
  outcome: "passed" | "failed" | "error" | "skipped";
  message?: string;
}

export interface PytestRun {
  exit: number;
  collected: number;
  tests: PytestTest[];
  /** Collection errors: a syntax error, an import that fails. */
  errors: Array<{ name: string; message: string }>;
}

export type RunOutcome =
  | { kind: "ran"; run: PytestRun }
  | { kind: "limit"; limitsHit: LimitHit[] }
  | { kind: "crashed"; exitCode: number | null; signal: string | null; stderr: string }
  | { kind: "not-run" };

export interface VersionOutcome {
  role: "subject" | "equivalent" | "mutant";
  name: string;
  description?: string;
  outcome: RunOutcome;
}

export interface TestsVerdict {
  status: TestStatus;
  message?: string;
  tests: TestResult[];
}

/**
 * How the verdict names the code the tests must pass on. A tests exercise hands the learner
 * correct code (the default); a project stage runs the learner's tests on their own app, and
 * each mutant replaces one file of it.
 */
export interface VerdictWording {
  /** The file each version replaces, as the learner knows it: "discount.py", "tickets/export.py". */
  file: string;
  /** What the tests must pass on: "the correct code", "your app". */
  correct: string;
  /** How that code is given: "as it is given", "as you wrote it". */
  asGiven: string;
}

export function exerciseWording(module: string): VerdictWording {
  return { file: `${module}.py`, correct: "the correct code", asGiven: "as it is given" };
}

/** `module` names the exercise's code under test; pass a VerdictWording for anything else. */
export function summarise(module: string | VerdictWording, versions: readonly VersionOutcome[]): TestsVerdict {
  const wording = typeof module === "string" ? exerciseWording(module) : module;
  const { file } = wording;
  const ON_CORRECT = `your tests fail on ${wording.correct}`;
  const subject = versions.find((v) => v.role === "subject");
  const tests: TestResult[] = subject === undefined ? [] : subjectTests(wording, subject.outcome);
  const subjectOk = tests.length > 0 && tests.every((t) => t.status === "pass");
  let equivalent = 0;
  for (const version of versions) {
    if (version.role === "equivalent") {
      equivalent += 1;
      tests.push(equivalentTest(file, wording.correct, equivalent, version.outcome, subjectOk));
    } else if (version.role === "mutant") {
      tests.push(mutantTest(file, wording.correct, version.description ?? version.name, version.outcome, subjectOk));
    }
  }
  const mutants = versions.filter((v) => v.role === "mutant");
  const caught = tests.filter((t) => t.name.startsWith("catches: ") && t.status === "pass").length;
  const infrastructure = tests.some((t) => t.status === "error");
  if (subjectOk && tests.every((t) => t.status === "pass")) return { status: "pass", message: `your tests pass on ${wording.correct} and catch all ${mutants.length} bugs`, tests };
  if (!subjectOk) {
    return { status: infrastructure && tests.every((t) => t.status !== "fail") ? "error" : "fail", message: `${ON_CORRECT}: every test must pass on ${file} ${wording.asGiven}`, tests };
  }
  const missed = mutants.length - caught;
  const badEquivalent = tests.some((t) => t.name.startsWith("passes on another correct version") && t.status !== "pass");
  const parts = [];
  if (missed > 0) parts.push(`your tests catch ${caught} of ${mutants.length} bugs`);
  if (badEquivalent) parts.push("your tests fail on a correct version of the code written differently");
  return { status: infrastructure && parts.length === 0 ? "error" : "fail", message: parts.join("; "), tests };
}

/** One report test per learner test, as pytest ran them on the correct code. */
function subjectTests(wording: VerdictWording, outcome: RunOutcome): TestResult[] {
  const { file } = wording;
  const ON_CORRECT = `your tests fail on ${wording.correct}`;
  const RUN = `your tests run on ${wording.correct}`;
  if (outcome.kind === "not-run") return [{ name: RUN, status: "error", message: "the run was cancelled" }];
  if (outcome.kind === "limit") {
    return [{ name: RUN, status: "fail", message: `${ON_CORRECT}: the run was stopped: ${outcome.limitsHit.map((h) => h.message).join("; ")}` }];
  }
  if (outcome.kind === "crashed") {
    const how = outcome.signal !== null ? `killed by ${outcome.signal}` : `exit code ${outcome.exitCode ?? "?"}`;
    return [{ name: RUN, status: "fail", message: `${ON_CORRECT}: the test run ended before pytest could report (${how})${outcome.stderr ? `\n${outcome.stderr}` : ""}` }];
  }
  const { run } = outcome;
  if (run.errors.length > 0) {
    return run.errors.map((e) => ({ name: `pytest can collect ${e.name}`, status: "fail" as const, message: `your test file could not be loaded:\n${e.message}` }));
  }
  if (run.tests.length === 0) {
    return [{ name: "your test file has tests", status: "fail", message: "pytest found no tests in your file: write functions whose names start with test_, for example `def test_full_price_without_discount():`, each with an assert" }];
  }
  const results = run.tests.map((t): TestResult => {
    const name = `on ${wording.correct}: ${t.name.replace(/^[^:]*::/, "")}`;
    if (t.outcome === "passed") return { name, status: "pass" };
    if (t.outcome === "skipped") return { name, status: "pass", message: "skipped (a skipped test checks nothing)" };
    return { name, status: "fail", message: `${ON_CORRECT} (${file} ${wording.asGiven}):\n${t.message ?? "(no message)"}` };
  });
  if (!run.tests.some((t) => t.outcome === "passed")) {
    results.push({ name: "your test file has tests that run", status: "fail", message: "every test was skipped: a skipped test checks nothing. Remove the skip marks so that your tests run." });
  }
  return results;
}

function equivalentTest(file: string, correct: string, n: number, outcome: RunOutcome, subjectOk: boolean): TestResult {
  const name = `passes on another correct version of ${file} (${n})`;
  if (!subjectOk) return { name, status: "fail", message: `not checked: your tests must pass on ${correct} first` };
  const why = failure(outcome);
  if (why === "not-run") return { name, status: "error", message: "the run was cancelled" };
  if (why === undefined) return { name, status: "pass" };
  return {
    name,
    status: "fail",
    message: `your tests fail on a version of ${file} that is correct but written differently (same behaviour, other code):\n${why}\nTest what the code does (its results and errors), not how it is written.`,
  };
}

function mutantTest(file: string, correct: string, description: string, outcome: RunOutcome, subjectOk: boolean): TestResult {
  const name = `catches: ${description}`;
  if (!subjectOk) return { name, status: "fail", message: `not checked: your tests must pass on ${correct} first` };
  // A sandbox that could not start says nothing about the tests: never count it as a catch.
  if (outcome.kind === "limit" && outcome.limitsHit.some((h) => h.limit === "boot-time")) return { name, status: "error", message: `the run could not start: ${outcome.limitsHit.map((h) => h.message).join("; ")}` };
  const why = failure(outcome);
  if (why === "not-run") return { name, status: "error", message: "the run was cancelled" };
  if (why !== undefined) return { name, status: "pass" };
  return {
    name,
    status: "fail",
    message: `a bug survived: with this bug in ${file}, every one of your tests still passes.\nThe behaviour your tests do not check: ${description}.\nAdd a test that would fail if the code had this bug.`,
  };
}

/** Why a run did not pass cleanly, in a line or two; undefined when every test passed. */
function failure(outcome: RunOutcome): string | undefined | "not-run" {
  switch (outcome.kind) {
    case "not-run":
      return "not-run";
    case "limit":
      return `the run was stopped: ${outcome.limitsHit.map((h) => h.message).join("; ")}`;
    case "crashed":
      return `the test run ended before pytest could report (${outcome.signal !== null ? `killed by ${outcome.signal}` : `exit code ${outcome.exitCode ?? "?"}`})`;
    case "ran": {
      const { run } = outcome;
      const error = run.errors[0];
      if (error !== undefined) return `your test file could not be loaded:\n${error.message}`;
      const failed = run.tests.find((t) => t.outcome === "failed" || t.outcome === "error");
      if (failed !== undefined) return `${failed.name.replace(/^[^:]*::/, "")}:\n${failed.message ?? "(no message)"}`;
      if (run.exit !== 0 || !run.tests.some((t) => t.outcome === "passed")) return `pytest ended with exit code ${run.exit}`;
      return undefined;
    }
  }
}
