/**
 * `roadwork preview [TRACK]`: the learner's view of a track, served on this machine without
 * accounts. An educator opens the URL and is signed in as a learner: the roadmap, lessons,
 * exercise pages and project pages as learners see them, with real grading. Nothing is kept:
 * the database lives in a temporary folder removed when the preview stops.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { configFromFlags, reportStartupError } from "./serve.js";

interface PreviewFlags {
  port?: string;
  logLevel?: string;
}

export async function runPreview(trackPath: string | undefined, flags: PreviewFlags): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "roadwork-preview-"));
  process.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    // The track named, alone: the built-in one only when none is named.
    const config = await configFromFlags(
      { port: flags.port ?? "8080", host: "127.0.0.1", data: dataDir, databaseUrl: `sqlite:${join(dataDir, "preview.db")}`, workers: "1", signup: "closed", logLevel: flags.logLevel ?? "warn", track: trackPath === undefined ? [] : [trackPath] },
      { builtinTrack: trackPath === undefined, preview: true },
    );
    const { startServer, createLogger, closeOnSignals } = await import("../../server/runtime.js");
    const log = createLogger(config);
    const server = await startServer(config, log);
    closeOnSignals(server, log);
    const what = trackPath === undefined ? "the built-in track" : resolve(trackPath);
    process.stdout.write(`\nPreview of ${what}: open ${server.url} in your browser.\nYou are signed in as a learner; nothing you do here is kept. Ctrl+C stops it.\n\n`);
  } catch (error) {
    await reportStartupError(error);
  }
}

export function register(program: Command): void {
  program
    .command("preview")
    .description("serve a track on this machine as learners see it, signed in as a learner, without accounts (nothing is kept)")
    .argument("[track]", "the track folder (default: the built-in track)")
    .option("--port <port>", "port to listen on", "8080")
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent", "warn")
    .action(async (track: string | undefined, flags: PreviewFlags) => {
      await runPreview(track, flags);
    });
}
