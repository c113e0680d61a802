/**
 * `roadwork start` (what `npm start` runs): `serve` with defaults, and the URL to open.
 * `roadwork start EXERCISE [--dir DIR]`: makes that exercise's starting point here instead (a
 * git exercise's repository, or the starter file), for working locally.
 * `roadwork start PROJECT [--dir DIR] [--framework NAME]`: hands out the project's starter code.
 */
import type { Command } from "commander";
import { addServerOptions, runServer, type ServerFlags } from "./serve.js";

interface StartFlags extends ServerFlags {
  dir?: string;
  framework?: string;
}

export function register(program: Command): void {
  addServerOptions(
    program
      .command("start")
      .description("start roadwork on this machine and print the URL to open; with an exercise or project id, make its starting point here instead")
      .argument("[item]", "an exercise or project id (or folder): make its starter here, to work on locally")
      .option("--dir <dir>", "with an item: the folder to make it in (default ./ID)")
      .option("--framework <name>", "with a project: the starter of this framework (flask, fastapi, django), when it offers several"),
  ).action(async (item: string | undefined, flags: StartFlags) => {
    if (item === undefined) {
      await runServer({ logLevel: "warn", ...flags }, true);
      return;
    }
    const { isRoadworkError } = await import("../../errors.js");
    try {
      const project = await projectDir(item, flags.track?.[0]);
      if (project !== undefined) {
        const { handOutStarter } = await import("../hand-out.js");
        const out = await handOutStarter(project, { ...(flags.dir === undefined ? {} : { dir: flags.dir }), ...(flags.framework === undefined ? {} : { framework: flags.framework }) });
        process.stdout.write(`Copied the ${out.framework} starter of ${out.projectId} (${out.files} files) into ${out.dir}\nNext: cd ${out.dir} && roadwork test --project ${out.projectId} --dir . --stage 1\n`);
        return;
      }
      const { startExercise } = await import("../start-exercise.js");
      await startExercise(item, { tracks: flags.track ?? [], ...(flags.dir === undefined ? {} : { dir: flags.dir }), say: (line) => void process.stdout.write(`${line}\n`) });
    } catch (error) {
      process.stderr.write(`roadwork start: ${isRoadworkError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  });
}

/** The project's folder when `item` names a project; undefined when it is not one (then it is an exercise). */
async function projectDir(item: string, track: string | undefined): Promise<string | undefined> {
  const [{ findProject }, { isRoadworkError }] = await Promise.all([import("./test.js"), import("../../errors.js")]);
  try {
    return await findProject(item, track);
  } catch (error) {
    if (isRoadworkError(error) && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}
