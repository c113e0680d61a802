/**
 * Starts `roadwork serve` or `roadwork preview` as a real process on port 0 and reads the
 * address it printed. Picking a free port first and passing it was a race: under a parallel
 * test run another server could take the port in between, and the test then talked to that
 * one while ours had already exited.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const PRINTED_URL = /(http:\/\/127\.0\.0\.1:\d+)\//;

export interface RoadworkProcess {
  /** The server's address, without a trailing slash. */
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far, stdout and stderr together. */
  log(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited (at once if it had). */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the address to be printed (the first run may build dist/). */
  timeoutMs?: number;
}

/** Runs bin/roadwork.cjs with args plus `--port 0` (both commands listen on 127.0.0.1 by default), until it prints its address. */
export async function startRoadwork(args: string[], options: StartOptions = {}): Promise<RoadworkProcess> {
  const child = spawn(process.execPath, [join(ROOT, "bin", "roadwork.cjs"), ...args, "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: options.env ?? process.env,
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(kill);
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let url: string | undefined;
  while (url === undefined) {
    url = PRINTED_URL.exec(log)?.[1];
    if (url !== undefined) break;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`roadwork ${args[0] ?? ""} exited (${child.exitCode ?? child.signalCode}) before it printed its address:\n${log}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`roadwork ${args[0] ?? ""} printed no address within ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, pid: child.pid ?? 0, child, log: () => log, stop };
}
