/**
 * Project stages that run pytest on the learner's app folder, each run in a sandbox of its
 * own (../exercise/pytest-run.ts, the runner of tests exercises), never in the app's:
 *
 * - t.pytest: the app's own tests, or test files of the project added to the app's copy
 *   (a refactor-safety stage: the team's contract tests still pass on the learner's code);
 * - t.checkLearnerTests: the learner's tests must pass on their app and fail on every mutant
 *   the project ships, each mutant a whole version of one file of the app with one realistic
 *   bug, named by its module docstring (a surviving mutant is named, never shown), as a tests
 *   exercise grades them (../exercise/tests-verdict.ts).
 *
 * The files come from the app folder as it was handed in (copy-app.ts readAppFolder), not
 * from the copy the running app may have written into.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { asSandboxed, moduleDocstring } from "../../content/tests-parts.js";
import { RoadworkError } from "../../errors.js";
import { runVersions } from "../exercise/pytest-run.js";
import { summarise, type PytestRun, type RunOutcome, type VersionOutcome } from "../exercise/tests-verdict.js";
import type { TestResult } from "../report.js";
import { StageFailure, type LearnerTestsCheck, type PytestReport, type PytestRequest } from "./stage-api.js";

/** What the runner gives these stages: the project's files, the app's, and a pytest run. */
export interface AppTestsRuntime {
  /** The project folder, whose mutants and test files a stage names. */
  projectDir: string;
  /** The app folder as handed in, path relative to it -> contents. */
  appFiles(): ReadonlyMap<string, Buffer>;
  /** pytest on these files (the app's, some replaced or added), collecting `targets`. */
  pytest(files: ReadonlyMap<string, string | Buffer>, targets: readonly string[]): Promise<RunOutcome>;
}

/** Mutants run this many at once: each is an interpreter importing pytest and the app. */
const PARALLEL_RUNS = 3;

export async function runAppPytest(runtime: AppTestsRuntime, request: PytestRequest): Promise<PytestReport> {
  const files = new Map<string, string | Buffer>(runtime.appFiles());
  for (const [appPath, projectPath] of Object.entries(request.add ?? {})) files.set(appRelative(appPath), readProjectFile(runtime.projectDir, projectPath));
  const targets = request.tests.map(appRelative);
  const missing = targets.filter((target) => !present(files, target));
  if (missing.length > 0) return { passed: false, tests: [], problem: `Your app has no ${missing.join(", ")}: pytest had nothing to run there.` };
  return reportOf(await runtime.pytest(files, targets));
}

/**
 * The verdict on the learner's tests, as report tests (one per test on the app, one per
 * equivalent, one per mutant). Throws a StageFailure, with those tests, when one fails.
 */
export async function checkLearnerTests(runtime: AppTestsRuntime, spec: LearnerTestsCheck): Promise<{ tests: TestResult[]; failure?: StageFailure }> {
  const appFiles = runtime.appFiles();
  const replaces = appRelative(spec.replaces);
  const targets = spec.tests.map(appRelative);
  const own = appFiles.get(replaces);
  if (own === undefined) return failed(`your app has ${replaces}`, `Your app has no ${replaces}: the mutants this stage runs your tests against are versions of that file. Put the feature's code there, as the stage's instructions say.`);
  const missing = targets.filter((target) => !present(appFiles, target));
  if (missing.length > 0) return failed(`your app has ${missing.join(", ")}`, `Your app has no ${missing.join(", ")}: write your tests there, as the stage's instructions say.`);

  const ownSource = own.toString("utf8");
  const mutants = readVersions(runtime.projectDir, spec.mutants, true);
  if (mutants.length === 0) throw new RoadworkError("CONTENT_INVALID", `no mutants in ${spec.mutants}: checkLearnerTests needs at least one`, { file: join(runtime.projectDir, spec.mutants) });
  const equivalents = spec.equivalents === undefined ? [] : readVersions(runtime.projectDir, spec.equivalents, false);
  type Version = { role: VersionOutcome["role"]; name: string; description?: string; source?: string };
  const versions: Version[] = [
    { role: "subject", name: replaces },
    ...equivalents.map((v): Version => ({ role: "equivalent", name: v.name, source: v.source })),
    ...mutants.map((v): Version => ({ role: "mutant", name: v.name, source: v.source, ...(v.description === undefined ? {} : { description: v.description }) })),
  ];
  const outcomes = await runVersions(versions, PARALLEL_RUNS, (version) => {
    const files = new Map<string, string | Buffer>(appFiles);
    // A mutant carries the learner's own docstring: `module.__doc__` cannot tell versions apart.
    if (version.source !== undefined) files.set(replaces, asSandboxed(version.source, ownSource));
    return runtime.pytest(files, targets);
  });
  const verdict = summarise(
    { file: replaces, correct: "your app", asGiven: "as you wrote it" },
    versions.map((v, i) => ({ role: v.role, name: v.name, ...(v.description === undefined ? {} : { description: v.description }), outcome: outcomes[i] ?? { kind: "not-run" } })),
  );
  if (verdict.status === "error") {
    const why = verdict.tests.find((t) => t.status === "error")?.message ?? "a run could not start";
    throw new RoadworkError("INFRASTRUCTURE", `running the learner's tests failed on this machine: ${why}`);
  }
  if (verdict.status === "pass") return { tests: verdict.tests };
  return { tests: verdict.tests, failure: new StageFailure(`${capitalise(verdict.message ?? "your tests do not pass yet")}.`) };
}

function failed(name: string, message: string): { tests: TestResult[]; failure: StageFailure } {
  return { tests: [{ name, status: "fail", message }], failure: new StageFailure(message) };
}

/** What pytest reported, in the shape a stage reads. */
function reportOf(outcome: RunOutcome): PytestReport {
  switch (outcome.kind) {
    case "not-run":
      throw new RoadworkError("INFRASTRUCTURE", "the pytest run was cancelled");
    case "limit":
      if (outcome.limitsHit.some((h) => h.limit === "boot-time")) throw new RoadworkError("INFRASTRUCTURE", `the pytest run could not start: ${outcome.limitsHit.map((h) => h.message).join("; ")}`);
      return { passed: false, tests: [], problem: `The test run was stopped: ${outcome.limitsHit.map((h) => h.message).join("; ")}.` };
    case "crashed":
      return { passed: false, tests: [], problem: `The test run ended before pytest could report (${outcome.signal !== null ? `killed by ${outcome.signal}` : `exit code ${outcome.exitCode ?? "?"}`}).${outcome.stderr ? `\n${outcome.stderr}` : ""}` };
    case "ran":
      return ranReport(outcome.run);
  }
}

function ranReport(run: PytestRun): PytestReport {
  const tests = run.tests.map((t) => ({ name: t.name, outcome: t.outcome, ...(t.message === undefined ? {} : { message: t.message }) }));
  const error = run.errors[0];
  if (error !== undefined) return { passed: false, tests, problem: `pytest could not load ${error.name}:\n${error.message}` };
  if (!tests.some((t) => t.outcome === "passed")) return { passed: false, tests, problem: tests.length === 0 ? "pytest found no tests." : "Every test was skipped." };
  return { passed: run.exit === 0 && tests.every((t) => t.outcome === "passed" || t.outcome === "skipped"), tests };
}

/** A path inside the app folder, as the stage wrote it ("tests/test_export.py"); anything else is the stage's mistake. */
function appRelative(path: string): string {
  const clean = path.replace(/^\.\//, "").replace(/\/+$/, "");
  if (clean === "" || clean.startsWith("/") || clean.split("/").some((part) => part === ".." || part === "." || part === "")) {
    throw new RoadworkError("CONTENT_INVALID", `"${path}" is not a path inside the app's folder (write it relative, without ..)`);
  }
  return clean;
}

/** A file, or a folder holding at least one file. */
function present(files: ReadonlyMap<string, unknown>, path: string): boolean {
  if (files.has(path)) return true;
  for (const name of files.keys()) if (name.startsWith(`${path}/`)) return true;
  return false;
}

function insideProject(projectDir: string, path: string): string {
  const abs = resolve(projectDir, path);
  if (relative(projectDir, abs).startsWith("..")) throw new RoadworkError("CONTENT_INVALID", `${path} is outside the project folder`, { file: projectDir });
  return abs;
}

function readProjectFile(projectDir: string, path: string): Buffer {
  const abs = insideProject(projectDir, path);
  try {
    return readFileSync(abs);
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `the stage names ${path}, which the project does not have`, { file: abs, cause: error });
  }
}

/** The .py files of a project folder (mutants/..., equivalents/...), sorted; mutants need their docstring. */
function readVersions(projectDir: string, folder: string, docstrings: boolean): Array<{ name: string; source: string; description?: string }> {
  const dir = insideProject(projectDir, folder);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".py") && statSync(join(dir, name)).isFile()).sort();
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `the stage names the folder ${folder}, which the project does not have`, { file: dir, cause: error });
  }
  return names.map((name) => {
    const source = readFileSync(join(dir, name), "utf8");
    if (!docstrings) return { name, source };
    const description = moduleDocstring(source);
    if (description === undefined) throw new RoadworkError("CONTENT_INVALID", 'a mutant needs a module docstring naming the behaviour it breaks, e.g. """cancelled orders are left out"""', { file: join(dir, name), line: 1 });
    return { name, source, description };
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
