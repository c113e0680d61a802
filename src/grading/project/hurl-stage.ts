/**
 * Runs one Hurl stage against the app and turns each entry into a test. A test is named
 * after the comment above its entry in the Hurl file ("POST /tasks creates a task: 201,
 * the new task, and where to find it."), which is written for learners, or else after its
 * request line. The sign-in file of a project runs first and lends its captures.
 */
import type { Project, ProjectStage, ProjectVariables } from "../../content/project.js";
import type { TestResult } from "../report.js";
import { runHurl } from "../../hurl/run.js";
import type { HurlEntry, HurlEntryResult, JsonValue } from "../../hurl/index.js";
import { isRoadworkError } from "../../errors.js";
import type { StageRuntime } from "./stage-context.js";
import { formatFailure, type ShownRequest } from "./failure-message.js";

export interface HurlStageOptions {
  /** A few random characters that make this run's test data unique ({{run_id}}). */
  runId: string;
  /** Captures of the project's sign-in file (or its defaults); asked for only when the stage uses one. */
  signIn: () => Promise<Record<string, JsonValue>>;
  /** The names the sign-in file captures (or defaults). */
  signInNames: readonly string[];
}

export async function runHurlStage(stage: Extract<ProjectStage, { kind: "hurl" }>, runtime: StageRuntime, options: HurlStageOptions): Promise<TestResult[]> {
  const file = stage.hurl;
  // Signing in costs the app a password hash or two: skip it for a stage that never uses it.
  const usesSignIn = options.signInNames.some((name) => file.variables.includes(name));
  const signIn = usesSignIn ? await options.signIn() : {};
  const builtIn = baseVariables(runtime, options.runId);
  const entries = await runHurl(file, {
    send: runtime.send,
    variables: { ...builtIn, ...stageVariables(stage.variables ?? {}, builtIn), ...signIn },
    baseUrl: runtime.baseUrl,
  });
  const tests: TestResult[] = entries.map((result) => {
    const entry = file.entries[result.index];
    const test = entryTest(stage, result, entry, runtime);
    if (entry !== undefined && entry.source !== "") test.test_code = entry.source;
    return test;
  });
  // Two entries can share a comment or a request line; the report needs distinct names.
  const seen = new Set<string>();
  for (const [i, test] of tests.entries()) {
    if (seen.has(test.name)) test.name = `${test.name} (line ${entries[i]?.line ?? "?"})`;
    seen.add(test.name);
  }
  if (tests.length === 0) tests.push({ name: `stage ${stage.n}: ${stage.title}`, status: "pass", stage: stage.n });
  return tests;
}

/**
 * Runs the project's sign-in file; its captures become variables of the stage. When any of
 * its requests fails (no users exist yet in early stages), the defaults are used instead.
 */
export async function runSignIn(signIn: NonNullable<Project["signIn"]>, runtime: StageRuntime, runId: string): Promise<{ signedIn: boolean; variables: Record<string, JsonValue> }> {
  const file = signIn.hurl;
  const fallback = { signedIn: false, variables: { ...signIn.defaults } };
  try {
    const entries = await runHurl(file, { send: runtime.send, variables: baseVariables(runtime, runId), baseUrl: runtime.baseUrl });
    if (entries.some((entry) => entry.status !== "pass") || entries.length < file.entries.length) return fallback;
    const variables: Record<string, JsonValue> = { ...signIn.defaults };
    for (const entry of entries) for (const capture of entry.captures) variables[capture.name] = capture.value;
    return { signedIn: true, variables };
  } catch (error) {
    // A machine fault or a broken sign-in file is not "no users yet": it goes up.
    if (isRoadworkError(error)) throw error;
    return fallback;
  }
}

/** Every variable the sign-in file can lend a stage: its captures and its defaults. */
export function signInNames(signIn: NonNullable<Project["signIn"]>): string[] {
  const file = signIn.hurl;
  const names = new Set(Object.keys(signIn.defaults));
  for (const entry of file.entries) for (const capture of entry.response?.captures ?? []) names.add(capture.name);
  return [...names];
}

function baseVariables(runtime: StageRuntime, runId: string): Record<string, string> {
  return { base_url: runtime.baseUrl, run_id: runId };
}

/** project.yaml's variables, {{base_url}} and {{run_id}} in their text filled in (the loader refused any other name). */
function stageVariables(variables: ProjectVariables, builtIn: Record<string, string>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(variables)) {
    out[name] = typeof value === "string" ? value.replace(/\{\{\s*([^}\s]*)\s*\}\}/g, (whole, key: string) => builtIn[key] ?? whole) : value;
  }
  return out;
}

function entryTest(stage: ProjectStage, entry: HurlEntryResult, parsed: HurlEntry | undefined, runtime: StageRuntime): TestResult {
  const title = parsed?.title ?? `${entry.request.method} ${entry.request.target}`;
  const test: TestResult = { name: `stage ${stage.n}: ${title}`, status: entry.status, stage: stage.n, duration_ms: entry.durationMs };
  if (entry.status === "fail") {
    const request: ShownRequest = { method: entry.request.method, target: entry.request.target, headers: Object.entries(entry.request.headers), body: entry.request.bodyExcerpt };
    const exited = runtime.appExited();
    test.message = formatFailure({
      stage: { n: stage.n, title: stage.title },
      message: `${relativeName(stage.testsPath)} line ${entry.line}:\n${entry.message.trimEnd()}`,
      request,
      ...(entry.response ? { response: { status: entry.response.status, headers: entry.response.headers, body: entry.response.bodyExcerpt } } : {}),
      ...(exited === undefined ? {} : { appExited: exited }),
      logTail: runtime.logTail(),
    });
  }
  return test;
}

function relativeName(path: string): string {
  const parts = path.split("/");
  return parts.slice(-2).join("/");
}
