/**
 * `roadwork import exercism PATH --into DIR`: converts Exercism Python exercises into
 * roadwork exercises. With the grader available, every reference and starter is graded to
 * settle the mode and bad/; `--no-verify` decides from the tests alone.
 * Exit 0 when at least one exercise was imported, 1 when none could be, 2 for bad input.
 */
import { isAbsolute, relative } from "node:path";
import type { Command } from "commander";
import { gradingConfigFromEnv, sandboxOptions } from "../../grading-config.js";
import type { ImportOutcome, ImportSummary, GradeForImport } from "../../authoring/import/exercism.js";

interface ImportFlags {
  into: string;
  step?: string;
  overwrite?: boolean;
  verify: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  const importer = program.command("import").description("bring exercises from elsewhere into a roadwork track");
  importer
    .command("exercism")
    .description("convert Exercism Python exercises (one exercise folder, or a whole track checkout) into roadwork exercises")
    .argument("<path>", "an exercise folder (with .meta/config.json) or a checkout of exercism/python")
    .requiredOption("--into <dir>", "folder to write the roadwork exercises to, e.g. tracks/my-track/exercises")
    .option("--step <id>", "roadmap step written into each exercise.yaml; when --into is TRACK/exercises, the exercises are listed under it in track.yaml too")
    .option("--overwrite", "replace exercises that already exist in --into")
    .option("--no-verify", "do not grade references and starters; decide the mode from the tests alone")
    .option("--json", "print the import summary as JSON")
    .action(async (path: string, flags: ImportFlags) => {
      process.exitCode = await runImport(path, flags);
    });
}

async function runImport(path: string, flags: ImportFlags): Promise<0 | 1 | 2> {
  const { importExercism } = await import("../../authoring/import/exercism.js");
  const { isRoadworkError } = await import("../../errors.js");
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const grader = flags.verify ? await openGrader(err) : undefined;
  try {
    const summary = await importExercism(path, {
      into: flags.into,
      ...(flags.step === undefined ? {} : { step: flags.step }),
      overwrite: flags.overwrite === true,
      ...(grader === undefined ? {} : { grade: grader.grade }),
      onExercise: (outcome) => {
        if (flags.json !== true) out(describeOutcome(outcome));
      },
    });
    if (flags.json === true) out(JSON.stringify(summary, null, 2));
    else out(describeSummary(summary, grader !== undefined));
    return summary.imported.length > 0 ? 0 : 1;
  } catch (error) {
    err(`roadwork import exercism: ${isRoadworkError(error) ? error.toString() : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  } finally {
    await grader?.close();
  }
}

/** The real grader with a sandbox, or undefined (with a warning) when this machine cannot grade. */
async function openGrader(warn: (line: string) => void): Promise<{ grade: GradeForImport; close(): Promise<void> } | undefined> {
  try {
    const [{ gradeSubmission }, { createSandbox }] = await Promise.all([import("../../grading/exercise/index.js"), import("../../grading/sandbox/index.js")]);
    const sandbox = await createSandbox(sandboxOptions(gradingConfigFromEnv(process.env)));
    return { grade: (exercise, source) => gradeSubmission(exercise, source, { sandbox }), close: () => sandbox.close() };
  } catch (error) {
    warn(`warning: grading is not available (${error instanceof Error ? error.message : String(error)}); the modes are decided from the tests alone and nothing is verified`);
    return undefined;
  }
}

function describeOutcome(outcome: ImportOutcome): string {
  if (outcome.status === "skipped") return `skipped   ${outcome.slug} (${outcome.from}): ${outcome.reason}`;
  const tasks = new Set(Object.values(outcome.tasks)).size;
  const lines = [
    `imported  ${outcome.slug} -> ${shortPath(outcome.dir)}: ${outcome.mode}, ${outcome.tests.length} test(s)${tasks > 0 ? `, ${tasks} task(s)` : ""}${outcome.bad.length > 0 ? `, ${outcome.bad.join(", ")}` : ""}${outcome.verified ? ", reference verified" : ""}`,
  ];
  for (const reason of outcome.modeReasons) lines.push(`          compatible because ${reason}`);
  for (const difference of outcome.modeDifferences.slice(0, 5)) lines.push(`          differs between the modes: ${difference}`);
  if (outcome.modeDifferences.length > 5) lines.push(`          ... and ${outcome.modeDifferences.length - 5} more verdicts that differ (--json lists them all)`);
  if (outcome.support.length > 0) lines.push(`          carried beside tests.py (read-only): ${outcome.support.join(", ")}`);
  if (outcome.skippedTests.length > 0) lines.push(`          skipped by the tests themselves: ${outcome.skippedTests.join(", ")}`);
  for (const note of outcome.notes) lines.push(`          note: ${note}`);
  return lines.join("\n");
}

function describeSummary(summary: ImportSummary, verified: boolean): string {
  const lines = [
    `Imported ${summary.imported.length} exercise(s): ${summary.modes["tamper-proof"]} tamper-proof, ${summary.modes.compatible} compatible${verified ? "" : " (not verified by grading)"}.`,
  ];
  if (summary.skipped.length > 0) lines.push(`Skipped ${summary.skipped.length}: ${summary.skipped.map((s) => `${s.slug} (${s.reason})`).join("; ")}.`);
  if (summary.listed !== undefined) {
    const { trackFile, step, added } = summary.listed;
    lines.push(added.length > 0 ? `Listed ${added.join(", ")} under step "${step}" in ${shortPath(trackFile)}.` : `Every imported exercise was already listed under step "${step}" in ${shortPath(trackFile)}.`);
    lines.push("Run `roadwork content check` on the track to prove it.");
  } else if (summary.imported.length > 0) {
    lines.push("List the imported exercises under a step in track.yaml, then run `roadwork content check`.");
  }
  return lines.join("\n");
}

function shortPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
