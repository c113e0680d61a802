/**
 * `roadwork new exercise DIR --kind KIND [--id ID]` and `roadwork new project DIR`: a working
 * example to start from, which `roadwork content check` passes before anything is edited.
 */
import { existsSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { exerciseKinds, type ExerciseKind } from "../../content/schema.js";
import { isRoadworkError } from "../../errors.js";

/** The package's schemas/ folder (written at build): from dist/cli/commands or src/cli/commands. */
export const PACKAGE_SCHEMA_DIR = fileURLToPath(new URL("../../../schemas", import.meta.url));

export function register(program: Command): void {
  const create = program.command("new").description("start a new exercise or project from a working example");
  create
    .command("exercise")
    .description("write a working exercise of one kind into DIR (new or empty)")
    .argument("<dir>", "the exercise's folder (its name is the id), or with --id the folder to create it in")
    .requiredOption("--kind <kind>", `one of ${exerciseKinds.join(", ")}`)
    .option("--id <id>", "the exercise's id (default: DIR's name)")
    .option("--schemas <dir>", "the JSON Schemas the YAML files name, for editors (written there when missing; default: the package's own)")
    .action(async (dir: string, options: { kind: string; id?: string; schemas?: string }) => {
      if (!(exerciseKinds as readonly string[]).includes(options.kind)) {
        process.stderr.write(`roadwork new exercise: --kind must be one of ${exerciseKinds.join(", ")} (got "${options.kind}")\n`);
        process.exitCode = 2;
        return;
      }
      await run(async () => (await import("../../authoring/scaffold/index.js")).scaffoldExercise(dir, options.kind as ExerciseKind, schemaOptions(options)), `a ${options.kind} exercise`, options.schemas);
    });
  create
    .command("project")
    .description("write a working project (one Hurl stage, a Flask reference, a bad app) into DIR (new or empty)")
    .argument("<dir>", "the project's folder (its name is the id), or with --id the folder to create it in")
    .option("--id <id>", "the project's id (default: DIR's name)")
    .option("--schemas <dir>", "the JSON Schemas project.yaml names, for editors (written there when missing; default: the package's own)")
    .action(async (dir: string, options: { id?: string; schemas?: string }) => {
      await run(async () => (await import("../../authoring/scaffold/index.js")).scaffoldProject(dir, schemaOptions(options)), "a project", options.schemas);
    });
}

function schemaOptions(options: { id?: string; schemas?: string }): { schemaDir: string; id?: string } {
  const schemaDir = options.schemas ?? PACKAGE_SCHEMA_DIR;
  return options.id === undefined ? { schemaDir } : { schemaDir, id: options.id };
}

async function run(scaffold: () => Promise<{ dir: string; id: string; files: string[] }>, what: string, schemas = PACKAGE_SCHEMA_DIR): Promise<void> {
  try {
    // npm run build writes the package's; a build by bin/roadwork.cjs (tsc only) may not
    // have; a track's own copy (--schemas) is written the first time it is named.
    if (!existsSync(schemas)) (await import("../../content/write-schemas.js")).writeSchemas(schemas);
    const made = await scaffold();
    const shown = relative(process.cwd(), made.dir) || ".";
    const lines = [
      `Wrote ${what}, ${made.id}, to ${shown}:`,
      ...made.files.map((file) => `  ${file}`),
      "",
      "It already works: `roadwork content check` passes on it. Next:",
      `  1. roadwork content check ${shown}          see it hold as written`,
      `  2. edit the files (README.md first); keep the reference passing and the starter failing`,
      `  3. add to bad/ the mistakes you expect learners to make, one per file`,
      `  4. roadwork content check --watch ${shown}  re-checks on every save`,
      `  5. list ${made.id} under a step of your track.yaml`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } catch (error) {
    process.stderr.write(`roadwork new: ${isRoadworkError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = isRoadworkError(error) && error.code === "CONFLICT" ? 1 : 2;
  }
}
