/** Starts the real server through the CLI on a port of its own, and waits until /healthz answers. */
import { startRoadwork } from "../roadwork-process.js";

export interface RunningServer {
  url: string;
  /** The server process, to read its memory from /proc. */
  pid: number;
  stop(): Promise<void>;
}

export async function startServer(dataDir: string, extraArgs: string[] = []): Promise<RunningServer> {
  const server = await startRoadwork(["serve", "--data", dataDir, ...extraArgs], { env: { ...process.env, LOG_LEVEL: "warn" }, timeoutMs: 60_000 });
  const response = await fetch(`${server.url}/healthz`).catch((error: unknown) => error as Error);
  if (response instanceof Error || !response.ok) {
    await server.stop();
    throw new Error(`the server printed its address but /healthz did not answer: ${response instanceof Error ? response.message : response.status}\n${server.log()}`);
  }
  return { url: server.url, pid: server.pid, stop: server.stop };
}
