/**
 * The `roadwork` command: parses arguments and lazily imports the module that does the work,
 * so that `roadwork grade` does not pay for loading the web server.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";

// `roadwork grade DIR FILE [--json]` is what a learner runs after every edit: it skips
// commander and the other commands (see gradeFast); everything else, --help included, goes
// through commander.
const fastGraded = process.argv[2] === "grade" && (await (await import("./commands/grade.js")).gradeFast(process.argv.slice(3))) === "graded";
// `roadwork test` likewise: its start-up comes before the first stage (see testFast).
const fastTested = !fastGraded && process.argv[2] === "test" && (await (await import("./commands/test.js")).testFast(process.argv.slice(3))) === "tested";
if (!fastGraded && !fastTested) await runCommander();

async function runCommander(): Promise<void> {
  const { Command } = await import("commander");
  const program: Command = new Command();
  program
    .name("roadwork")
    .description("Become a Python back-end developer on verified work.")
    .showHelpAfterError();

  // Each command registers itself from its own module under ./commands/. A command module
  // exports `register(program)`; keep the heavy imports inside the action.
  const commandModules = ["grade", "test", "content", "new", "doctor", "import", "serve", "worker", "start", "submit", "preview"] as const;

  for (const name of commandModules) {
    const url = new URL(`./commands/${name}.js`, import.meta.url);
    // A command whose module is not built (yet) is simply not offered.
    if (!existsSync(url)) continue;
    const mod = (await import(url.href)) as { register: (p: Command) => void };
    mod.register(program);
  }

  await program.parseAsync(process.argv);
}
