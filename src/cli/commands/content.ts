/**
 * `roadwork content check [PATH]`: every reference passes, every bad solution fails, every
 * file is well formed. Exit 0 when all of that holds, 1 when something does not, 2 when PATH
 * is unusable or grading cannot run on this machine.
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { gradingConfigFromEnv, sandboxOptions } from "../../grading-config.js";
import type { CheckOutcome, ContentCheckResult } from "../../authoring/check.js";
import type { RoadworkError } from "../../errors.js";
import type { Sandbox } from "../../grading/sandbox/types.js";
import { terminalText } from "../terminal-text.js";

const DEFAULT_TRACK = "tracks/python-backend";

export function register(program: Command): void {
  const content = program.command("content").description("check and work with track content (tracks/, exercises, projects)");
  content
    .command("check")
    .description("prove that every reference passes and every bad solution fails, for every exercise and project under PATH")
    .argument("[path]", "a track folder, a folder of exercises, or one exercise or project folder", DEFAULT_TRACK)
    .option("--json", "print the problems and outcomes as JSON")
    .option("-j, --jobs <n>", "exercise gradings run at once (project apps: twice as many, as they mostly wait)", "2")
    .option("--both-modes", "grade tamper-proof function exercises in compatible mode too, and report any test that passes tamper-proof but fails in-process (pytest's way)")
    .option("--track <path>", "a track the server also loads (as with roadwork serve --track): ids it uses are refused here; repeatable", collect, [])
    .option("--watch", "check again on every save: only the exercise or project whose files changed (Ctrl-C to stop)")
    .action(async (path: string, options: { json?: boolean; jobs: string; track: string[]; watch?: boolean; bothModes?: boolean }) => {
      // The server always loads the built-in track, so its ids are taken everywhere.
      const alongside = [resolveTrackPath(DEFAULT_TRACK), ...options.track];
      const checkOnce = (target: string): Promise<0 | 1 | 2> => runContentCheck(target, { json: options.json === true, jobs: Number.parseInt(options.jobs, 10), alongside, bothModes: options.bothModes === true });
      if (options.watch === true) await (await import("../content-watch.js")).watchContent(resolveTrackPath(path), checkOnce);
      process.exitCode = await checkOnce(resolveTrackPath(path));
    });
  content
    .command("schemas")
    .description("write the JSON Schemas of track.yaml, exercise.yaml, project.yaml and cases.yaml into DIR, for editors")
    .argument("<dir>", "the folder to write them in (created when missing)")
    .action(async (dir: string) => {
      const { writeSchemas } = await import("../../content/write-schemas.js");
      for (const file of writeSchemas(dir)) process.stdout.write(`wrote ${shortPath(file)}\n`);
    });
}

/** The default track is found from any working folder: the repository's own copy. */
function resolveTrackPath(path: string): string {
  if (path !== DEFAULT_TRACK || existsSync(path)) return path;
  const bundled = fileURLToPath(new URL(`../../../${DEFAULT_TRACK}`, import.meta.url));
  return existsSync(bundled) ? bundled : path;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function runContentCheck(path: string, options: { json: boolean; jobs: number; alongside: string[]; bothModes: boolean }): Promise<0 | 1 | 2> {
  const { selectContent, checkSelection } = await import("../../authoring/check.js");
  const { isRoadworkError } = await import("../../errors.js");
  // Outcomes quote what solutions printed: human lines are escaped (terminal-text.ts), JSON is not.
  const out = (line: string): void => void process.stdout.write(`${terminalText(line)}\n`);
  const err = (line: string): void => void process.stderr.write(`${terminalText(line)}\n`);
  const json = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  const tty = process.stdout.isTTY && !options.json;

  let sandbox: Sandbox | undefined;
  const started = Date.now();
  try {
    const selection = await selectContent(path, { alongside: options.alongside });
    if (!options.json) {
      for (const problem of selection.problems) out(formatProblem(problem));
      // Not a failure, but nothing then shows that the tests catch a wrong answer.
      for (const exercise of selection.exercises) {
        if (exercise.bad.length === 0) out(`note: ${exercise.config.id} has no bad/ solutions, so nothing shows its tests reject a wrong one (${shortPath(exercise.dir)})`);
      }
    }
    const items = selection.exercises.length + selection.projects.length;
    if (tty) out(`Checking ${selection.exercises.length} exercise(s)${kindCounts(selection.exercises)} and ${selection.projects.length} project(s) in ${path}`);
    // Nothing loaded (a broken track.yaml, say): the problems are the whole answer, and no
    // sandbox is needed to give it.
    let result: ContentCheckResult = { problems: selection.problems, outcomes: [], ok: selection.problems.length === 0 };
    if (items > 0) {
      const grading = gradingConfigFromEnv(process.env);
      // A run lost to the machine, or a grading tried again, is told on stderr.
      const log = (await import("../stderr-log.js")).stderrLog();
      sandbox = await (await import("../../grading/sandbox/index.js")).createSandbox({ ...sandboxOptions(grading), log });
      result = await checkSelection(selection, {
        sandbox,
        log,
        postgresDir: grading.postgresDir,
        concurrency: Number.isFinite(options.jobs) && options.jobs > 0 ? options.jobs : 2,
        bothModes: options.bothModes,
        onProgress: ({ done, total, outcomes }) => {
          for (const outcome of outcomes) {
            // On a terminal every item gets a line; in a log only what is wrong.
            if (tty) out(formatOutcome(outcome, done, total));
            else if (!outcome.ok && !options.json) out(formatOutcome(outcome));
          }
        },
      });
    }
    if (options.json) json(outcomesJson(result));
    else {
      if (selection.exercises.length > 0) out(`Exercises by kind:${kindCounts(selection.exercises).replace(/^ \((.*)\)$/, " $1")}`);
      out(formatSummary(result, Date.now() - started));
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    if (isRoadworkError(error) && error.code === "CONTENT_INVALID") {
      err(formatProblem(error));
      return 1;
    }
    err(`roadwork content check: ${isRoadworkError(error) ? error.toString() : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  } finally {
    await sandbox?.close();
  }
}

/** "file:line: message", with the file relative to the working folder when it is inside it. */
function formatProblem(problem: RoadworkError): string {
  const file = problem.file === undefined ? undefined : shortPath(problem.file);
  return `${file === undefined ? "" : `${file}${problem.line === undefined ? "" : `:${problem.line}`}: `}${problem.message}`;
}

function shortPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

/** "[ 3/24] ok    letter-grade: bad/off-by-one.py failed, as it should" */
function formatOutcome(outcome: CheckOutcome, done?: number, total?: number): string {
  const counter = done === undefined || total === undefined ? "" : `[${String(done).padStart(String(total).length)}/${total}] `;
  if (!outcome.ok) {
    const line = `${counter}WRONG ${outcome.id}: ${outcome.message ?? `${outcome.subject} did not grade as expected`} (${shortPath(outcome.file)})`;
    return outcome.detail === undefined ? line : `${line}\n${outcome.detail.split("\n").map((text) => `    ${text}`).join("\n")}`;
  }
  const verdict = outcome.expected === "pass" ? "passes" : outcome.status === "error" ? "fails (error), as it should" : "fails, as it should";
  return `${counter}ok    ${outcome.id}: ${outcome.subject} ${verdict}`;
}

function formatSummary(result: ContentCheckResult, elapsedMs: number): string {
  const wrong = result.outcomes.filter((outcome) => !outcome.ok).length;
  const parts = [`${result.outcomes.length} check(s), ${result.outcomes.length - wrong} hold, ${wrong} wrong`];
  if (result.problems.length > 0) parts.push(`${result.problems.length} problem(s) in the files`);
  return `${result.ok ? "All good" : "Content check failed"}: ${parts.join("; ")} (${(elapsedMs / 1000).toFixed(1)} s).`;
}

function outcomesJson(result: ContentCheckResult): unknown {
  return {
    ok: result.ok,
    problems: result.problems.map((problem) => ({ file: problem.file, line: problem.line, message: problem.message })),
    // The full report only where something is wrong: that is where an author needs it.
    outcomes: result.outcomes.map(({ report, ...outcome }) => (outcome.ok ? outcome : { ...outcome, report })),
  };
}

/** " (80 function, 12 program, 5 git)": how many exercises of each kind, in the schema's order. */
function kindCounts(exercises: readonly { kind: string }[]): string {
  const order = ["function", "program", "sql", "tests", "git"];
  const counts = new Map<string, number>();
  for (const exercise of exercises) counts.set(exercise.kind, (counts.get(exercise.kind) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([kind, n]) => `${n} ${kind}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}
