/** Shared set-up of the grading tests: one real sandbox per test file, fixture exercises. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadExercise, type Exercise } from "../../src/content/exercise.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import type { GradeReport, TestResult } from "../../src/grading/report.js";
import { createSandbox } from "../../src/grading/sandbox/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "exercises");
export const TRACK = join(import.meta.dirname, "..", "..", "tracks", "python-backend", "exercises");

let sandbox: Promise<Sandbox> | undefined;

/** The real sandbox; tests never run learner code any other way. */
export function theSandbox(): Promise<Sandbox> {
  sandbox ??= createSandbox();
  return sandbox;
}

export async function closeSandbox(): Promise<void> {
  if (sandbox !== undefined) await (await sandbox).close();
  sandbox = undefined;
}

const exercises = new Map<string, Promise<Exercise>>();

export function exercise(dir: string): Promise<Exercise> {
  let found = exercises.get(dir);
  if (found === undefined) {
    found = loadExercise(dir);
    exercises.set(dir, found);
  }
  return found;
}

export async function grade(dir: string, source: string, onTest?: (t: TestResult) => void): Promise<GradeReport> {
  return gradeSubmission(await exercise(dir), source, { sandbox: await theSandbox(), ...(onTest ? { onTest } : {}) });
}

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export function track(name: string): string {
  return join(TRACK, name);
}

export function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), "utf8");
}

export function badSolutions(dir: string): string[] {
  try {
    return readdirSync(join(dir, "bad")).sort();
  } catch {
    return [];
  }
}

export function testNamed(report: GradeReport, name: string): TestResult {
  const found = report.tests.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no test named ${name} in ${report.tests.map((t) => t.name).join(", ")}`);
  return found;
}

/** One line for assertion messages: the report without test code. */
export function summary(report: GradeReport): string {
  return JSON.stringify({ ...report, tests: report.tests.map(({ test_code: _code, ...rest }) => rest) }).slice(0, 3000);
}
