/**
 * `roadwork start` (what `npm start` runs): `serve` with defaults, and the URL to open.
 * `roadwork start EXERCISE`: makes that exercise's starting point here instead (a git
 * exercise's repository, or the starter file), for working locally.
 */
import type { Command } from "commander";
import { addServerOptions, runServer, type ServerFlags } from "./serve.js";

export function register(program: Command): void {
  addServerOptions(
    program
      .command("start")
      .description("start roadwork on this machine and print the URL to open; with an exercise id, make that exercise's starting point here instead")
      .argument("[exercise]", "an exercise id (or folder): make its starter repository or file in ./ID, to work on locally")
      .option("--dir <dir>", "with an exercise: the folder to make it in (default ./ID)"),
  ).action(async (exercise: string | undefined, flags: ServerFlags & { dir?: string }) => {
    if (exercise === undefined) {
      await runServer({ logLevel: "warn", ...flags }, true);
      return;
    }
    const { startExercise } = await import("../start-exercise.js");
    try {
      await startExercise(exercise, { tracks: flags.track ?? [], ...(flags.dir === undefined ? {} : { dir: flags.dir }), say: (line) => void process.stdout.write(`${line}\n`) });
    } catch (error) {
      process.stderr.write(`roadwork start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    }
  });
}
