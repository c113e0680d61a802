/**
 * Program exercises: each case runs the learner's script in the sandbox with the case's stdin
 * and arguments; stdout and the exit code must match exactly.
 */
import { observed } from "../../log.js";
import type { ProgramExercise } from "../../content/exercise.js";
import type { ProgramCase } from "../../content/schema.js";
import type { GradeReport, LimitHit, LimitName, TestResult } from "../report.js";
import type { Sandbox, SandboxLimits, SandboxProcess, SandboxResult } from "../sandbox/types.js";
import { lineDiff, quote, shown } from "./text.js";
import { PYTHON } from "./paths.js";
import { mapLimited } from "./parallel.js";

export interface ProgramOptions {
  sandbox: Sandbox;
  limits: SandboxLimits;
  signal?: AbortSignal;
  onTest?: (test: TestResult) => void;
}

/** Cases run two at a time: the machines this runs on have two cores. */
const PARALLEL_CASES = 2;

export async function gradeProgram(exercise: ProgramExercise, source: string, opts: ProgramOptions): Promise<GradeReport> {
  const started = performance.now();
  const limitsHit: LimitHit[] = [];
  // A program that never ends would run every case to its time limit and hold a worker for
  // all of them: the first case that reaches a time limit stops the grading.
  const early: { stop?: { caseName: string; hit: LimitHit } } = {};
  const running = new Set<SandboxProcess>();
  const stoppedEarly = new Set<SandboxProcess>();
  const tests = await mapLimited(exercise.cases, PARALLEL_CASES, async (testCase) => {
    if (opts.signal?.aborted) return { name: testCase.name, status: "error" as const, message: "the grading was cancelled" };
    if (early.stop !== undefined) return notRun(testCase, early.stop.caseName, false);
    const proc = opts.sandbox.spawn({
      argv: [PYTHON, "-I", "-B", "/work/solution.py", ...testCase.args],
      files: { ...testCase.files, "solution.py": source },
      stdin: testCase.stdin,
      limits: opts.limits,
    });
    running.add(proc);
    const result = await proc.result.finally(() => running.delete(proc));
    const timeHit = result.limitsHit.find((h) => TIME_LIMITS.has(h.limit));
    // Read again after the await: another case may have stopped this one meanwhile (one that
    // reached a time limit of its own by then is reported as such).
    const stopNow = early.stop as { caseName: string } | undefined;
    if (stoppedEarly.has(proc) && stopNow !== undefined && timeHit === undefined) return notRun(testCase, stopNow.caseName, true);
    for (const hit of result.limitsHit) if (!limitsHit.some((h) => h.limit === hit.limit)) limitsHit.push(hit);
    if (timeHit !== undefined && early.stop === undefined) {
      early.stop = { caseName: testCase.name, hit: timeHit };
      for (const other of running) {
        stoppedEarly.add(other);
        observed(other.kill()); // its own case awaits its result and reports a failure
      }
    }
    const test = judgeCase(testCase, result);
    opts.onTest?.(test);
    return test;
  });
  const failed = tests.filter((t) => t.status !== "pass").length;
  const { stop } = early;
  const skipped = stop === undefined ? 0 : tests.filter((t) => t.message?.startsWith(NOT_RUN) === true).length;
  const message =
    stop !== undefined
      ? `case ${quote(stop.caseName)} reached the ${stop.hit.message.replace(/ reached$/, "")}${skipped > 0 ? `, so ${skipped} of ${tests.length} cases were not run` : ""}`
      : `${failed} of ${tests.length} cases did not pass`;
  return {
    version: 3,
    status: failed === 0 ? "pass" : "fail",
    ...(failed > 0 ? { message } : {}),
    tests,
    duration_ms: Math.round(performance.now() - started),
    ...(limitsHit.length > 0 ? { limits_hit: limitsHit } : {}),
    tamper_proof: true,
  };
}

const TIME_LIMITS = new Set<LimitName>(["wall-time", "cpu-time"]);
const NOT_RUN = "not run: ";

/** A case skipped (or stopped while it ran) because another reached a time limit. */
function notRun(testCase: ProgramCase, caseName: string, stopped: boolean): TestResult {
  const message = stopped
    ? `${NOT_RUN}it was stopped when case ${quote(caseName)} reached the time limit`
    : `${NOT_RUN}an earlier case (${quote(caseName)}) reached the time limit`;
  return { name: testCase.name, status: "fail", test_code: describeCase(testCase), message };
}

function describeCase(testCase: ProgramCase): string {
  const lines = [`stdin: ${quote(testCase.stdin)}`];
  if (testCase.args.length > 0) lines.push(`args: ${testCase.args.map((arg) => quote(arg)).join(" ")}`);
  for (const name of Object.keys(testCase.files ?? {})) lines.push(`file ${name}: ${quote(testCase.files?.[name] ?? "")}`);
  lines.push(`expected stdout: ${quote(testCase.stdout)}`);
  if (testCase.exit_code !== 0) lines.push(`expected exit code: ${testCase.exit_code}`);
  for (const text of stderrContains(testCase)) lines.push(`expected stderr to contain: ${quote(text)}`);
  if (testCase.stderr_matches !== undefined) lines.push(`expected stderr to match: /${testCase.stderr_matches}/`);
  return lines.join("\n");
}

export function judgeCase(testCase: ProgramCase, result: SandboxResult): TestResult {
  const base: TestResult = { name: testCase.name, status: "pass", test_code: describeCase(testCase), duration_ms: Math.round(result.wallTimeMs) };
  const stderr = result.stderr.toString("utf8");
  if (stderr.length > 0) base.output = shown(stderr);
  const got = result.stdout.toString("utf8");
  const sent = [`sent stdin ${quote(testCase.stdin)}${testCase.args.length > 0 ? ` with arguments ${testCase.args.map((arg) => quote(arg)).join(" ")}` : ""}`];
  if (result.limitsHit.length > 0) {
    return { ...base, status: "error", message: [result.limitsHit.map((h) => h.message).join("; "), ...sent].join("\n") };
  }
  const problems: string[] = [];
  if (got !== testCase.stdout) {
    problems.push(`expected stdout ${quote(testCase.stdout)}`, `got stdout      ${quote(got)}`);
    const diff = lineDiff(testCase.stdout, got);
    if (diff) problems.push("difference (- expected, + got):", diff);
  }
  const exitCode = result.exitCode ?? -1;
  if (exitCode !== testCase.exit_code) {
    problems.push(`expected exit code ${testCase.exit_code}, got ${result.signal !== null ? `killed by ${result.signal}` : exitCode}`);
  }
  for (const text of stderrContains(testCase)) {
    if (!stderr.includes(text)) problems.push(`expected stderr to contain ${quote(text)}`, `got stderr ${quote(stderr)}`);
  }
  if (testCase.stderr_matches !== undefined && !new RegExp(testCase.stderr_matches).test(stderr)) {
    problems.push(`expected stderr to match /${testCase.stderr_matches}/`, `got stderr ${quote(stderr)}`);
  }
  if (problems.length === 0) return base;
  return { ...base, status: "fail", message: [...sent, ...problems].join("\n") };
}

function stderrContains(testCase: ProgramCase): string[] {
  const wanted = testCase.stderr_contains;
  return wanted === undefined ? [] : typeof wanted === "string" ? [wanted] : wanted;
}
