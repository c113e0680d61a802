/**
 * Beginner explanations of grading failures: a test's raw message (and the learner's source,
 * when there is one) in, a short plain-language explanation pointing at the learner's line out.
 * Pure: no I/O. The explanation goes under the raw message and never replaces it; a plain
 * assertion mismatch gets none, because its expected/got already says what went wrong.
 */
import type { Explanation, GradeReport, LimitHit, TestResult } from "../report.js";
import { ERROR_TABLE, LIMIT_TEXT } from "./table.js";

export type { Explanation };


/** The forms our harnesses write an error in, each giving the error name and its detail. */
const ERROR_LINE_FORMS: readonly RegExp[] = [
  /^The solution raised (\w+): (.*)$/,
  /^\S+ raised (\w+) while it was loaded: (.*)$/,
  /^(?<file>\S+) has an? (\w+) on line (?<line>\d+): (.*?)(?: \([^()]*, line \d+\))?$/,
  /^(\w+(?:Error|Exception|Exit|Interrupt)): (.*)$/,
];

interface ErrorLine {
  name: string;
  detail: string;
  file?: string;
  line?: number;
}

function findErrorLines(message: string): ErrorLine[] {
  const found: ErrorLine[] = [];
  for (const raw of message.split("\n")) {
    const text = raw.trim();
    for (const form of ERROR_LINE_FORMS) {
      const m = form.exec(text);
      if (!m) continue;
      // The syntax-error form names its file and line; its name and detail are groups 2 and 4.
      const named = m.groups;
      const entry: ErrorLine = named ? { name: m[2] ?? "", detail: m[4] ?? "" } : { name: m[1] ?? "", detail: m[2] ?? "" };
      if (named?.file) entry.file = named.file;
      if (named?.line) entry.line = Number(named.line);
      found.push(entry);
      break;
    }
  }
  return found;
}

/** The innermost frame of the learner's code in a trimmed traceback (the harness drops ours). */
function lastFrame(message: string): { file: string; line: number; code?: string } | undefined {
  const lines = message.split("\n");
  let frame: { file: string; line: number; code?: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*File "([^"]+)", line (\d+)/.exec(lines[i] ?? "");
    if (!m) continue;
    frame = { file: m[1] ?? "", line: Number(m[2]) };
    const next = lines[i + 1];
    if (next !== undefined && /^\s{4,}\S/.test(next) && !/^\s*File "/.test(next)) frame.code = next.trim();
  }
  return frame;
}

function fill(template: string, captures: readonly (string | undefined)[]): string {
  return template.replace(/\{(\d)\}/g, (_, n: string) => captures[Number(n)] ?? "");
}

export interface ExplainInput {
  message: string;
  /** the learner's single-file source; its lines are shown when the error is in `sourceFile` */
  source?: string;
  sourceFile?: string;
  /** the limits the run hit, so a message naming one is explained */
  limitsHit?: readonly LimitHit[];
}

export function explainMessage(input: ExplainInput): Explanation | undefined {
  const { message } = input;
  for (const error of findErrorLines(message)) {
    const key = `${error.name}: ${error.detail}`;
    for (const entry of ERROR_TABLE) {
      const m = entry.pattern.exec(key);
      if (!m) continue;
      return locate({ title: fill(entry.title, m), text: fill(entry.text, m) }, error, input);
    }
  }
  for (const hit of input.limitsHit ?? []) {
    if (message.includes(hit.message)) return { ...LIMIT_TEXT[hit.limit] };
  }
  return undefined;
}

function locate(base: Explanation, error: ErrorLine, input: ExplainInput): Explanation {
  const frame = error.line !== undefined ? { file: error.file ?? "", line: error.line, code: syntaxCode(input.message) } : lastFrame(input.message);
  if (!frame) return base;
  const out: Explanation = { ...base, line: frame.line };
  if (frame.file) out.file = frame.file;
  const fromSource = sourceLine(input, frame.file, frame.line);
  const code = fromSource ?? frame.code;
  if (code) out.code = code;
  return out;
}

/** A syntax error message shows the offending line indented under it. */
function syntaxCode(message: string): string | undefined {
  const second = message.split("\n")[1];
  return second !== undefined && /^\s{4}\S/.test(second) ? second.trim() : undefined;
}

function sourceLine(input: ExplainInput, file: string, line: number): string | undefined {
  if (input.source === undefined || file !== (input.sourceFile ?? "solution.py")) return undefined;
  const text = input.source.split(/\r?\n/)[line - 1]?.trim();
  return text ? text : undefined;
}

/** The report with an explanation on every failed test that has one; the rest is unchanged. */
export function addExplanations(report: GradeReport, source?: string): GradeReport {
  let changed = false;
  const tests = report.tests.map((t: TestResult) => {
    if (t.status === "pass" || !t.message || t.explanation) return t;
    const input: ExplainInput = { message: t.message };
    if (source !== undefined) input.source = source;
    if (report.limits_hit) input.limitsHit = report.limits_hit;
    const explanation = explainMessage(input);
    if (!explanation) return t;
    changed = true;
    return { ...t, explanation };
  });
  return changed ? { ...report, tests } : report;
}
