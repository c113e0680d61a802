/** `roadwork start` (what `npm start` runs): `serve` with defaults, and the URL to open. */
import type { Command } from "commander";
import { addServerOptions, runServer, type ServerFlags } from "./serve.js";

export function register(program: Command): void {
  addServerOptions(program.command("start").description("start roadwork on this machine and print the URL to open")).action(async (flags: ServerFlags) => {
    await runServer({ logLevel: "warn", ...flags }, true);
  });
}
