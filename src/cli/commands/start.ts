/**
 * `roadwork start` (what `npm start` runs): `serve` with defaults, and the URL to open.
 * `roadwork start PROJECT [--dir DIR] [--framework NAME]`: hand out the project's starter code instead.
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
      .command("start [project]")
      .description("start roadwork on this machine and print the URL to open; with a PROJECT (an id or a folder), copy its starter code into a new folder instead")
      .option("--dir <dir>", "with PROJECT: the folder to create (default ./PROJECT)")
      .option("--framework <name>", "with PROJECT: the starter of this framework (flask, fastapi, django), when it offers several"),
  ).action(async (project: string | undefined, flags: StartFlags) => {
    if (project === undefined) {
      await runServer({ logLevel: "warn", ...flags }, true);
      return;
    }
    const [{ findProject }, { handOutStarter }, { isRoadworkError }] = await Promise.all([import("./test.js"), import("../hand-out.js"), import("../../errors.js")]);
    try {
      const out = await handOutStarter(await findProject(project, flags.track?.[0]), { ...(flags.dir === undefined ? {} : { dir: flags.dir }), ...(flags.framework === undefined ? {} : { framework: flags.framework }) });
      process.stdout.write(`Copied the ${out.framework} starter of ${out.projectId} (${out.files} files) into ${out.dir}\nNext: cd ${out.dir} && roadwork test --project ${out.projectId} --dir . --stage 1\n`);
    } catch (error) {
      process.stderr.write(`roadwork start: ${isRoadworkError(error) ? error.message : error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  });
}
