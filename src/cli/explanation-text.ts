/**
 * The beginner explanation of a failed test as terminal lines, for `roadwork grade` and
 * `roadwork test`: under the raw message, never instead of it. Title, code and text quote the
 * learner's code, so all of it goes through terminalText like every other learner text.
 */
import type { TestResult } from "../grading/report.js";
import { terminalText } from "./terminal-text.js";

type Paint = (code: string, text: string) => string;

export function explanationLines(e: NonNullable<TestResult["explanation"]>, indent: string, paint: Paint = (_c, t) => t): string[] {
  const where = e.line !== undefined ? ` (${e.file !== undefined ? `${e.file}, ` : ""}line ${e.line})` : "";
  const lines = [paint("36", `${indent}hint: ${terminalText(e.title)}${terminalText(where)}`)];
  if (e.code !== undefined) lines.push(paint("2", `${indent}  ${e.line ?? ""} | ${terminalText(e.code)}`));
  lines.push(...terminalText(e.text).split("\n").map((l) => `${indent}  ${l}`));
  return lines;
}
