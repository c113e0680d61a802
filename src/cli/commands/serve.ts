/**
 * `roadwork serve`: the web server with in-process grading workers. The options here are
 * shared with `start` and `worker`; every option can also come from the environment
 * (ROADWORK_PORT, ROADWORK_DATABASE_URL, ...), flags win.
 */
import type { Command } from "commander";
import type { ConfigInput } from "../../config.js";

export interface ServerFlags {
  port?: string;
  host?: string;
  data?: string;
  databaseUrl?: string;
  track?: string[];
  workers?: string;
  secureCookies?: boolean;
  trustProxy?: boolean;
  signup?: string;
  logLevel?: string;
  smtpUrl?: string;
  mailFrom?: string;
  publicUrl?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function addDatabaseOptions(command: Command): Command {
  return command
    .option("--data <dir>", "data folder (SQLite database)", undefined)
    .option("--database-url <url>", "sqlite:PATH or postgres://user@host/db (default: SQLite in the data folder)")
    .option("--track <path>", "load another track folder (repeatable)", collect, [])
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent");
}

export function addServerOptions(command: Command): Command {
  return addDatabaseOptions(command)
    .option("--port <port>", "port to listen on (default 8080)")
    .option("--host <host>", "address to listen on (default 127.0.0.1)")
    .option("--workers <n>", "grading workers in this process (default 1; 0 when separate `roadwork worker`s grade)")
    .option("--secure-cookies", "mark session cookies Secure (serve behind HTTPS)")
    .option("--signup <open|closed>", "who may create an account: anyone (open, default) or only admins (closed)")
    .option("--trust-proxy", "take client addresses from X-Forwarded-For (only behind your own reverse proxy)")
    .option("--smtp-url <url>", "send review notifications by email through this server: smtp://[user:password@]host[:port] or smtps://... (default: in the app only)")
    .option("--mail-from <mailbox>", "the From of notification email (default roadwork <roadwork@localhost>)")
    .option("--public-url <url>", "the address people open roadwork at, for links in email (https://roadwork.example.org)");
}

/** Flags over environment over defaults, then a command's own `overrides` (preview), validated once (resolveConfig throws BAD_INPUT naming the option). */
export async function configFromFlags(flags: ServerFlags, overrides: Partial<ConfigInput> = {}) {
  const { resolveConfig, configFromEnv } = await import("../../config.js");
  const input: ConfigInput = configFromEnv();
  if (flags.port !== undefined) input.port = Number(flags.port);
  if (flags.host !== undefined) input.host = flags.host;
  if (flags.data !== undefined) input.dataDir = flags.data;
  if (flags.databaseUrl !== undefined) input.databaseUrl = flags.databaseUrl;
  if (flags.track !== undefined && flags.track.length > 0) input.tracks = flags.track;
  if (flags.workers !== undefined) input.workers = Number(flags.workers);
  if (flags.secureCookies === true) input.secureCookies = true;
  if (flags.trustProxy === true) input.trustProxy = true;
  if (flags.signup !== undefined) input.signup = flags.signup as ConfigInput["signup"];
  if (flags.smtpUrl !== undefined) input.smtpUrl = flags.smtpUrl;
  if (flags.mailFrom !== undefined) input.mailFrom = flags.mailFrom;
  if (flags.publicUrl !== undefined) input.publicUrl = flags.publicUrl;
  if (flags.logLevel !== undefined) input.logLevel = flags.logLevel as ConfigInput["logLevel"];
  return resolveConfig({ ...input, ...overrides });
}

/** Prints a start-up failure the way an operator can act on it, and sets exit code 2. */
export async function reportStartupError(error: unknown): Promise<void> {
  const { isRoadworkError } = await import("../../errors.js");
  const message = isRoadworkError(error) ? error.toString() : error instanceof Error ? error.message : String(error);
  process.stderr.write(`roadwork: ${message}\n`);
  process.exitCode = 2;
}

export async function runServer(flags: ServerFlags, banner: boolean): Promise<void> {
  try {
    const config = await configFromFlags(flags);
    const { startServer, createLogger, closeOnSignals, reloadOnHangup } = await import("../../server/runtime.js");
    const log = createLogger(config);
    const server = await startServer(config, log);
    closeOnSignals(server, log);
    reloadOnHangup(() => server.reload(), log);
    if (server.firstAdmin !== null) {
      process.stdout.write(
        `\nFirst start: an admin account was created. Its password is shown only this once:\n  email:    ${server.firstAdmin.email}\n  password: ${server.firstAdmin.password}\n\n`,
      );
    }
    process.stdout.write(banner ? `\nroadwork is running. Open ${server.url} in your browser (Ctrl+C stops it).\n\n` : `roadwork listening on ${server.url}\n`);
  } catch (error) {
    await reportStartupError(error);
  }
}

export function register(program: Command): void {
  addServerOptions(program.command("serve").description("run the web server with in-process grading workers")).action(async (flags: ServerFlags) => {
    await runServer(flags, false);
  });
}
