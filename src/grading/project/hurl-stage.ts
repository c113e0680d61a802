/**
 * Runs one Hurl stage against the app and turns each entry into a test. A test is named
 * after the comment above its entry in the Hurl file ("POST /tasks creates a task: 201,
 * the new task, and where to find it."), which is written for learners, or else after its
 * request line. The sign-in file of a project runs first and lends its captures.
 */
import { readFileSync } from "node:fs";
import type { Project, ProjectStage } from "../../content/project.js";
import type { TestResult } from "../report.js";
import { parseHurl, runHurl, type HurlEntryResult, type JsonValue } from "./hurl/index.js";
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

export async function runHurlStage(stage: ProjectStage, runtime: StageRuntime, options: HurlStageOptions): Promise<TestResult[]> {
  const source = readFileSync(stage.testsPath, "utf8");
  const file = parseHurl(source, stage.testsPath);
  // Signing in costs the app a password hash or two: skip it for a stage that never uses it.
  const usesSignIn = options.signInNames.some((name) => new RegExp(`\\{\\{\\s*${escapeRegex(name)}\\s*\\}\\}`).test(source));
  const signIn = usesSignIn ? await options.signIn() : {};
  const entries = await runHurl(file, {
    send: runtime.send,
    variables: { ...baseVariables(runtime, options.runId), ...signIn },
    baseUrl: runtime.baseUrl,
  });
  const names = entryNames(source);
  const starts = file.entries.map((entry) => entry.line);
  const tests: TestResult[] = entries.map((entry) => {
    const test = entryTest(stage, entry, names, runtime);
    const code = entrySource(source, entry.line, starts.find((line) => line > entry.line));
    if (code !== "") test.test_code = code;
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
  const file = parseHurl(readFileSync(signIn.testsPath, "utf8"), signIn.testsPath);
  const fallback = { signedIn: false, variables: { ...signIn.defaults } };
  try {
    const entries = await runHurl(file, { send: runtime.send, variables: baseVariables(runtime, runId), baseUrl: runtime.baseUrl });
    if (entries.some((entry) => entry.status !== "pass") || entries.length < file.entries.length) return fallback;
    const variables: Record<string, JsonValue> = { ...signIn.defaults };
    for (const entry of entries) for (const capture of entry.captures) variables[capture.name] = capture.value;
    return { signedIn: true, variables };
  } catch {
    return fallback;
  }
}

/** Every variable the sign-in file can lend a stage: its captures and its defaults. */
export function signInNames(signIn: NonNullable<Project["signIn"]>): string[] {
  const file = parseHurl(readFileSync(signIn.testsPath, "utf8"), signIn.testsPath);
  const names = new Set(Object.keys(signIn.defaults));
  for (const entry of file.entries) for (const capture of entry.response?.captures ?? []) names.add(capture.name);
  return [...names];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function baseVariables(runtime: StageRuntime, runId: string): Record<string, JsonValue> {
  return { base_url: runtime.baseUrl, run_id: runId };
}

function entryTest(stage: ProjectStage, entry: HurlEntryResult, names: Map<number, string>, runtime: StageRuntime): TestResult {
  const title = names.get(entry.line) ?? `${entry.request.method} ${entry.request.target}`;
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

/** The entry's own lines (request, response, asserts), without the comments of the next one. */
function entrySource(source: string, line: number, nextLine: number | undefined): string {
  const lines = source.split("\n").slice(line - 1, nextLine === undefined ? undefined : nextLine - 1);
  while (lines.length > 0 && /^\s*(#.*)?$/.test(lines[lines.length - 1] ?? "")) lines.pop();
  return lines.join("\n");
}

/** Entry line -> the comment block just above it, made into one sentence. */
function entryNames(source: string): Map<number, string> {
  const lines = source.split("\n");
  const names = new Map<number, string>();
  const requestLine = /^\s*(GET|HEAD|POST|PUT|DELETE|CONNECT|OPTIONS|TRACE|PATCH)\s/;
  lines.forEach((line, i) => {
    if (!requestLine.test(line)) return;
    const comment: string[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const above = (lines[j] ?? "").trim();
      if (!above.startsWith("#")) break;
      comment.unshift(above.replace(/^#+\s?/, ""));
    }
    // A line that opens the file ("# Stage 2: ...") describes the stage, not the entry.
    const text = comment
      .filter((c) => !/^Stage \d+:/i.test(c))
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    if (text !== "") names.set(i + 1, text.length > 140 ? `${text.slice(0, 137)}...` : text);
  });
  return names;
}

function relativeName(path: string): string {
  const parts = path.split("/");
  return parts.slice(-2).join("/");
}
