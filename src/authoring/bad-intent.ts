/**
 * What a bad solution says about itself, and whether its failure proves anything.
 *
 * A bad solution shows that the tests catch a mistake a learner could make. A file that only
 * crashes (a syntax error, an exception while it is imported) fails every exercise, so its
 * failure proves nothing about the tests; it counts only when the file says that crashing is
 * its point. A bad solution may also name the test it must fail, so that a later change that
 * makes it fail somewhere else, for another reason, is noticed.
 *
 * Both are said in comment lines at the top of the file (`#` for Python, `--` for SQL):
 *   # expect: crash
 *   # fails: test_empty_input_gives_an_empty_list
 */
import type { GradeReport } from "../grading/report.js";

export interface BadIntent {
  /** The file's point is a crash (or another error the learner causes), not a failed test. */
  crash: boolean;
  /** Names of tests this file must fail (each must be in the report, and not pass). */
  fails: string[];
}

const DIRECTIVE = /^\s*(?:#|--)\s*(expect|fails)\s*:\s*(.+?)\s*$/;
const COMMENT = /^\s*(?:#|--)/;

/** Reads the directives of the comment block that opens the file (blank lines allowed). */
export function badIntent(source: string): BadIntent {
  const intent: BadIntent = { crash: false, fails: [] };
  for (const line of source.split("\n")) {
    if (line.trim() === "") continue;
    if (!COMMENT.test(line)) break;
    const directive = DIRECTIVE.exec(line);
    if (directive?.[1] === "expect" && directive[2] === "crash") intent.crash = true;
    else if (directive?.[1] === "fails" && directive[2] !== undefined) intent.fails.push(directive[2]);
  }
  return intent;
}

/**
 * Why a bad solution's report does not prove what it should, or undefined when it does:
 * it failed at least one test (or reached a named limit), unless it says its point is a
 * crash, and it failed each test it names.
 */
export function badFailureProblem(report: GradeReport, intent: BadIntent): string | undefined {
  if (report.status === "pass") return "passed but should fail";
  const names = new Set(report.tests.map((t) => t.name));
  for (const name of intent.fails) {
    if (!names.has(name)) return `names the test "${name}", which the exercise does not have (its tests: ${[...names].join(", ") || "none"})`;
    if (report.tests.some((t) => t.name === name && t.status === "pass")) return `passed "${name}", the test it says it fails`;
  }
  if (intent.crash) return undefined;
  const failedATest = report.tests.some((t) => t.status === "fail");
  const reachedALimit = (report.limits_hit?.length ?? 0) > 0;
  if (failedATest || reachedALimit) return undefined;
  // The first test's error says what happened; the report's own message may only count tests.
  const errored = report.tests.find((t) => t.status === "error");
  const cause = errored?.message !== undefined ? `${errored.name}: ${firstLine(errored.message)}` : firstLine(report.message ?? "an error");
  return `fails only by crashing (${cause}), which proves nothing about the tests: make it fail a test, or say "# expect: crash" at its top`;
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? text;
}
