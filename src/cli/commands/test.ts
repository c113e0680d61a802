/**
 * `roadwork test [--dir DIR] --project ID|PATH [--stage N | --all] [--keep-going] [--json] [--track DIR]`:
 * start the app in DIR in the sandbox and run stage N and every stage before it (all stages
 * by default), stopping at the first that fails unless --keep-going. Exit 0 when they pass, 1 when one fails, 2 on bad input or a broken machine.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gradingConfigFromEnv, sandboxOptions } from "../../grading-config.js";
import { observed } from "../../log.js";
import type { Command } from "commander";
import type { GradeReport, TestResult } from "../../grading/report.js";
import type { ProgressEvent } from "../../grading/project/test-project.js";
import type { Sandbox } from "../../grading/sandbox/types.js";
import type { JobOutcome } from "../../worker/outcome.js";
import { explanationLines } from "../explanation-text.js";
import { terminalText } from "../terminal-text.js";

const BUILT_IN_TRACK = "tracks/python-backend";

export interface TestOptions {
  dir: string;
  project?: string;
  stage?: string;
  all?: boolean;
  json?: boolean;
  track?: string;
  database?: string;
  keepGoing?: boolean;
}

export function register(program: Command): void {
  program
    .command("test")
    .description("start your Flask, FastAPI or Django app in the sandbox and test it over HTTP, stage by stage")
    // Checked in the action, not by commander: a missing project is bad input, exit 2.
    .option("-p, --project <id-or-path>", "the project: an id in the track (task-tracker) or a project folder")
    .option("-d, --dir <dir>", "your app's folder", ".")
    .option("-s, --stage <n>", "run stage N and every stage before it")
    .option("--all", "run every stage (the default)")
    .option("--keep-going", "run every stage even after one fails and report each, as hurl --test does (for checking a suite)")
    .option("--json", "print the GradeReport as JSON")
    .option("--track <dir>", "the track the project id is looked up in (default: the built-in track)")
    .option("--database <kind>", "the database the app gets: sqlite (default) or postgresql (else what roadwork.yaml says)")
    .action(async (options: TestOptions) => {
      process.exitCode = await runTest(options);
    });
}

/** Where the command writes; tests pass their own (node:test owns the process's stdout). */
export interface TestOutput {
  stdout(text: string): void;
}

const PROCESS_OUTPUT: TestOutput = { stdout: (text) => void process.stdout.write(text) };

/** Options that take a value, by every name commander knows them by. */
const VALUE_OPTIONS: Readonly<Record<string, keyof TestOptions>> = { "--project": "project", "-p": "project", "--dir": "dir", "-d": "dir", "--stage": "stage", "-s": "stage", "--track": "track", "--database": "database" };
const FLAG_OPTIONS: Readonly<Record<string, keyof TestOptions>> = { "--all": "all", "--json": "json", "--keep-going": "keepGoing" };

/**
 * The fast path main.ts takes for `roadwork test` with the options above, without loading
 * commander and every other command. Returns "not-handled", having done nothing, for
 * anything else (help, an unknown option, a stray argument): commander then handles it,
 * with its usual messages.
 */
export async function testFast(args: readonly string[], output: TestOutput = PROCESS_OUTPUT): Promise<"tested" | "not-handled"> {
  const options: Record<string, string | boolean> = { dir: "." };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAG_OPTIONS[name];
    const valued = VALUE_OPTIONS[name];
    if (flag !== undefined && eq < 0) options[flag] = true;
    else if (valued !== undefined && eq > 0) options[valued] = arg.slice(eq + 1);
    else if (valued !== undefined && args[i + 1] !== undefined && !(args[i + 1] ?? "").startsWith("-")) options[valued] = args[++i] ?? "";
    else return "not-handled";
  }
  process.exitCode = await runTest(options as unknown as TestOptions, output);
  return "tested";
}

export async function runTest(options: TestOptions, output: TestOutput = PROCESS_OUTPUT): Promise<0 | 1 | 2> {
  // Not ../../grading/report.js: its zod schemas cost tens of milliseconds to load.
  const { exitCodeFor, errorReport } = await import("../../grading/report-values.js");
  /** `code`: grading could not happen, for this reason (shown beside ERROR). */
  const print = (report: GradeReport, code?: string): 0 | 1 | 2 => {
    if (options.json) output.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(report, output, code);
    return exitCodeFor(report.status);
  };

  if (options.project === undefined) return print(errorReport("say which project to test: --project task-tracker (an id in the track) or --project PATH"));
  if (options.stage !== undefined && options.all === true) return print(errorReport("give either --stage N or --all, not both"));
  const upToStage = options.stage === undefined ? undefined : Number(options.stage);
  if (upToStage !== undefined && (!Number.isInteger(upToStage) || upToStage < 1)) return print(errorReport(`--stage takes a stage number (1, 2, ...), not "${options.stage}"`));
  if (options.database !== undefined && options.database !== "sqlite" && options.database !== "postgresql") {
    return print(errorReport(`--database is sqlite or postgresql, not "${options.database}"`));
  }
  const database = options.database;
  const projectName = options.project;
  const appDir = resolve(options.dir);
  if (!existsSync(appDir)) return print(errorReport(`no folder ${appDir}`));

  // The project (from its cache), the runner and the sandbox are got ready side by side.
  const grading = gradingConfigFromEnv(process.env);
  const sandboxStarting = createSandbox(sandboxOptions(grading));
  // Its failure is reported where it is awaited below; this only keeps it from being unhandled meanwhile.
  observed(sandboxStarting);
  const [{ createJobGrader }, { sandboxBackend }, { failureOf }, { discardResults }] = await Promise.all([
    import("../../worker/grade-job.js"),
    import("../../worker/backend.js"),
    import("../../worker/outcome.js"),
    import("../../worker/sink.js"),
  ]);
  let outcome: JobOutcome;
  try {
    const [{ testProject }, { loadProjectCached }] = await Promise.all([import("../../grading/project/test-project.js"), import("../../grading/project/cached-project.js")]);
    const project = await loadProjectCached(await findProject(projectName, options.track), { cacheDir: grading.projectCacheDir });
    if (upToStage !== undefined && upToStage > project.stages.length) {
      return print(errorReport(`${project.id} has stages 1 to ${project.stages.length}; there is no stage ${upToStage}`));
    }
    const sandbox = (await sandboxStarting) as Sandbox;
    const live = process.stderr.isTTY && options.json !== true;
    const backend = sandboxBackend({
      sandbox,
      postgresDir: grading.postgresDir,
      gradeExercise: () => Promise.reject(new Error("roadwork test grades projects")),
      testProject: (opts) =>
        testProject({
          ...opts,
          ...(upToStage === undefined ? {} : { upToStage }),
          ...(database === undefined ? {} : { database }),
          ...(options.keepGoing === true ? { keepGoing: true } : {}),
          ...(live ? { onProgress: printProgress } : {}),
        }),
    });
    const items = { exercise: () => undefined, project: (id: string) => (id === project.id ? { project } : undefined) };
    outcome = await createJobGrader({ items, backend }).gradeJob({ itemKind: "project", itemId: project.id, source: null, archivePath: appDir }, discardResults);
  } catch (error) {
    // Finding or loading the project, or starting the sandbox: the same decision as a grading's.
    outcome = { kind: "failure", failure: failureOf(error) };
  } finally {
    // A sandbox that did not start is the failure printed. Closing frees its uids and folders;
    // a failure to close changes nothing of the verdict, but is said (the CLI has no logger).
    const [started] = await Promise.allSettled([sandboxStarting]);
    if (started?.status === "fulfilled") await started.value.close().catch((error: unknown) => process.stderr.write(`roadwork: closing the sandbox failed (the verdict stands): ${error instanceof Error ? error.message : String(error)}\n`));
  }
  if (outcome.kind === "verdict") return print(outcome.report);
  return print(errorReport(outcome.failure.message), outcome.failure.code);
}

/** A path to a folder with project.yaml, else an id in the track's projects/ folder. */
export async function findProject(idOrPath: string, track: string | undefined): Promise<string> {
  if (existsSync(join(idOrPath, "project.yaml"))) return resolve(idOrPath);
  const projects = join(track ?? builtInTrack(), "projects");
  const dir = join(projects, idOrPath);
  if (/^[a-z0-9][a-z0-9-]*$/.test(idOrPath) && existsSync(join(dir, "project.yaml"))) return dir;
  const { RoadworkError } = await import("../../errors.js");
  const known = existsSync(projects) ? readdirSync(projects).filter((name) => existsSync(join(projects, name, "project.yaml"))) : [];
  throw new RoadworkError("NOT_FOUND", `no project "${idOrPath}": neither a folder with a project.yaml nor a project of ${projects}${known.length > 0 ? ` (there: ${known.join(", ")})` : ""}`);
}

function builtInTrack(): string {
  if (existsSync(BUILT_IN_TRACK)) return resolve(BUILT_IN_TRACK);
  return fileURLToPath(new URL(`../../../${BUILT_IN_TRACK}`, import.meta.url));
}

async function createSandbox(options: ReturnType<typeof sandboxOptions>): Promise<{ close(): Promise<void> }> {
  const { RoadworkError } = await import("../../errors.js");
  const url = new URL("../../grading/sandbox/index.js", import.meta.url);
  let mod: { createSandbox?: (options: ReturnType<typeof sandboxOptions>) => unknown };
  try {
    mod = (await import(url.href)) as typeof mod;
  } catch (error) {
    throw new RoadworkError("SANDBOX_UNAVAILABLE", "the sandbox is not available in this build", { cause: error });
  }
  if (typeof mod.createSandbox !== "function") throw new RoadworkError("SANDBOX_UNAVAILABLE", "the sandbox is not available in this build");
  return (await mod.createSandbox(options)) as { close(): Promise<void> };
}

function printProgress(event: ProgressEvent): void {
  const err = (line: string): void => void process.stderr.write(`${terminalText(line)}\n`);
  switch (event.kind) {
    case "starting":
      err(`Starting your ${event.framework} app in the sandbox...`);
      return;
    case "ready":
      err(`  it answers (ready in ${event.bootMs} ms)`);
      return;
    case "signed-in":
    case "restarted":
      return;
    case "stage-start":
      process.stderr.write(terminalText(`  stage ${event.stage.n}: ${event.stage.title} ... `));
      return;
    case "stage-end": {
      const passed = event.tests.filter((t) => t.status === "pass").length;
      err(event.status === "pass" ? `pass (${passed} check${passed === 1 ? "" : "s"})` : "FAIL");
      return;
    }
  }
}

/** Messages carry the app's log and what it answered: escaped (terminal-text.ts) before they are indented. */
function printReport(report: GradeReport, output: TestOutput, code?: string): void {
  const out = (line: string): void => output.stdout(`${line}\n`);
  const failures = report.tests.filter((t: TestResult) => t.status !== "pass");
  for (const test of failures) {
    out("");
    out(`✗ ${terminalText(test.name)}`);
    if (test.message) out(terminalText(test.message).replace(/^/gm, "  "));
    if (test.explanation) for (const line of explanationLines(test.explanation, "  ")) out(line);
  }
  out("");
  const passed = report.tests.length - failures.length;
  const verdict = report.status === "pass" ? "PASS" : report.status === "fail" ? "FAIL" : code === undefined ? "ERROR" : `ERROR (${code})`;
  out(`${verdict}: ${terminalText(report.message ?? "")}${report.tests.length > 0 ? ` (${passed}/${report.tests.length} checks passed` : ""}${report.tests.length > 0 ? `${report.duration_ms === undefined ? "" : `, ${(report.duration_ms / 1000).toFixed(1)} s`})` : ""}`);
  for (const hit of report.limits_hit ?? []) out(`  limit reached: ${terminalText(hit.message)}`);
}
