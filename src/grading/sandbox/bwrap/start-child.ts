/**
 * Starts a prepared run's first process: through the spawner when there is one (spawner.ts),
 * else with Node's own spawn. Either way the process gets descriptors 0, 1, 2, the run's
 * channels, bwrap's info descriptor and, after them, the seccomp filter.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { closeSync } from "node:fs";
import { RoadworkError } from "../../../errors.js";
import type { SpawnedChild, SpawnerHost } from "./spawner.js";

export interface StartInput {
  file: string;
  args: string[];
  /** Open descriptor of the seccomp filter; closed here once it has been passed on. */
  seccompFd: number | undefined;
  seccompPath?: string | undefined;
}

const RUN_ENV = { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" };

/**
 * `niceness`, when given, is set before the process's first instruction when the spawner starts
 * it, so that all it starts inherits it; with Node's spawn the caller sets it (as soon as it can).
 */
export async function startChild(prepared: StartInput, channels: number, spawners: SpawnerHost | undefined, niceness?: number): Promise<ChildProcess | SpawnedChild> {
  const spawner = await spawners?.get();
  if (spawner !== undefined) {
    if (prepared.seccompFd !== undefined) closeSync(prepared.seccompFd);
    try {
      return await spawner.spawn({ file: prepared.file, args: prepared.args, slots: 4 + channels, openAfter: prepared.seccompFd === undefined ? undefined : prepared.seccompPath, niceness });
    } catch (error) {
      throw new RoadworkError("SANDBOX_UNAVAILABLE", `cannot start the sandbox: ${(error as Error).message}`, { cause: error });
    }
  }
  const stdio: StdioOptions = ["pipe", "pipe", "pipe"];
  for (let i = 0; i < channels; i++) stdio.push("pipe");
  stdio.push("pipe"); // bwrap --info-fd
  if (prepared.seccompFd !== undefined) stdio.push(prepared.seccompFd);
  try {
    return spawn(prepared.file, prepared.args, { stdio, env: RUN_ENV, cwd: "/" });
  } finally {
    if (prepared.seccompFd !== undefined) closeSync(prepared.seccompFd);
  }
}
