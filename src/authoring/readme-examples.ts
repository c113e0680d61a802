/**
 * The README examples that Run tries in the browser (src/content/examples.ts) must come out of
 * the reference as the README shows them: otherwise a learner with a correct answer presses Run
 * and is told that their output differs. Checked with Run's own reader and Run's own driver
 * (python/run/driver.py), under /usr/bin/python3 in the sandbox rather than Pyodide: one run
 * per exercise, every example in it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runExamplesOf, type ProgramExample, type RunExamples } from "../content/examples.js";
import type { Exercise } from "../content/exercise.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { PYTHON } from "../grading/exercise/paths.js";
import type { Sandbox } from "../grading/sandbox/types.js";

/** What the driver returns (src/web/run/protocol.ts has the browser's copy of this shape). */
type RunResult =
  | { kind: "function"; error: string | null; examples: Array<{ source: string; want: string; got: string; ok: boolean; block: number; line: number }> }
  | { kind: "program"; runs: Array<{ example: ProgramExample; stdout: string; stderr: string; exitCode: number; ok: boolean }> };

export interface ExamplesVerdict {
  status: "pass" | "fail" | "error";
  /** When not a pass: one line, starting with README.md:LINE of the first example that differs. */
  message?: string;
  /** Every example that differs: where, what the README shows, what the reference gave. */
  detail?: string;
}

/** The examples Run would try for this exercise, or null when Run offers none. */
export function examplesToCheck(exercise: Exercise): RunExamples | null {
  const run = runExamplesOf(exercise);
  if (run === null) return null;
  return (run.kind === "function" ? run.doctests.length : run.examples.length) > 0 ? run : null;
}

/** Run's examples are quick by design (the browser stops them after 5 s); this bounds the whole set. */
const LIMITS = { wallTimeMs: 20_000, cpuTimeMs: 10_000 };
let driver: string | undefined;

export async function checkReadmeExamples(exercise: Exercise, examples: RunExamples, sandbox: Sandbox): Promise<ExamplesVerdict> {
  driver ??= readFileSync(join(PACKAGE_ROOT, "python", "run", "driver.py"), "utf8");
  const run = await sandbox.run({
    argv: [PYTHON, "-I", "-B", "/work/run_driver.py"],
    files: { "run_driver.py": driver },
    stdin: JSON.stringify({ source: exercise.solution, examples }),
    limits: LIMITS,
  });
  let result: RunResult;
  try {
    if (run.exitCode !== 0 || run.limitsHit.length > 0) throw new Error(run.limitsHit.map((hit) => hit.message).join("; ") || run.stderr.toString("utf8").trim() || `exit code ${String(run.exitCode)}`);
    result = JSON.parse(run.stdout.toString("utf8")) as RunResult;
  } catch (error) {
    return { status: "error", message: `README.md: the examples could not be run with the reference: ${error instanceof Error ? error.message : String(error)}` };
  }
  const differences = result.kind === "function" ? doctestDifferences(result, examples) : programDifferences(result);
  const first = differences[0];
  if (first === undefined) return { status: "pass" };
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : "";
  return {
    status: "fail",
    message: `README.md:${first.line}: the reference does not give what this example shows${more}, so Run would tell a learner with a correct answer that theirs differs: ${first.example}`,
    detail: differences.map((d) => `README.md:${d.line}: ${d.example}\n  the README shows:\n${block(d.want)}\n  the reference gave:\n${block(d.got)}`).join("\n"),
  };
}

interface Difference { line: number; example: string; want: string; got: string }

function doctestDifferences(result: RunResult & { kind: "function" }, examples: RunExamples): Difference[] {
  const lines = examples.kind === "function" ? examples.doctestLines : [];
  if (result.error !== null) return [{ line: lines[0] ?? 1, example: "the reference fails before any example runs", want: "", got: result.error }];
  return result.examples
    .filter((e) => !e.ok)
    .map((e) => ({ line: (lines[e.block] ?? 1) + e.line, example: `>>> ${e.source.trimEnd().replace(/\n/g, "\n... ")}`, want: e.want, got: e.got }));
}

function programDifferences(result: RunResult & { kind: "program" }): Difference[] {
  const withCode = (text: string, code: number | null): string => (code === null ? text : `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}(exit code ${code})`);
  return result.runs
    .filter((r) => !r.ok)
    .map((r) => ({ line: r.example.line, example: `$ ${r.example.command}`, want: withCode(r.example.output, r.example.exitCode), got: withCode(r.stdout + r.stderr, r.example.exitCode === null ? null : r.exitCode) }));
}

/** Text indented under its label; nothing is said so, rather than left blank. */
function block(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return text === "" ? "    (nothing)" : lines.map((line) => `    ${line}`).join("\n");
}
