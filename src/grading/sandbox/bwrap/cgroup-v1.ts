/**
 * cgroup v1: one hierarchy per controller (memory, pids, cpuacct), each with its own
 * per-run folder. memory.oom_control's oom_kill counter tells an OOM kill apart from other
 * kills; pids.events counts refused forks.
 */
import { mkdirSync, rmdirSync, writeFileSync, existsSync } from "node:fs";
import { rmdir } from "node:fs/promises";
import { join } from "node:path";
import { cgroupDir, killUntilEmpty, readKeyed, readNumber, readPids, sleep } from "./cgroup-files.js";
import type { CgroupDriver, CgroupLimits, CgroupMount, CgroupStats, RunCgroup } from "./cgroup-types.js";

type Controller = "memory" | "pids" | "cpuacct";

export class CgroupV1Driver implements CgroupDriver {
  readonly version = 1 as const;
  readonly controllers: { memory: boolean; pids: boolean; cpu: boolean };
  /** Parent folder of the run cgroups, per controller. */
  private readonly parents = new Map<Controller, string>();

  constructor(mounts: readonly CgroupMount[], own: ReadonlyMap<string, string>) {
    for (const controller of ["memory", "pids", "cpuacct"] as const) {
      const mount = mounts.find((m) => m.controllers.includes(controller));
      const path = own.get(controller);
      if (mount === undefined || path === undefined) continue;
      const dir = cgroupDir(mount, path);
      if (existsSync(join(dir, "cgroup.procs"))) this.parents.set(controller, dir);
    }
    this.controllers = { memory: this.parents.has("memory"), pids: this.parents.has("pids"), cpu: this.parents.has("cpuacct") };
  }

  runParents(): readonly string[] {
    return [...new Set(this.parents.values())];
  }

  describe(): string {
    return [...this.parents].map(([controller, dir]) => `${controller}: ${dir}`).join(", ");
  }

  create(name: string, limits: CgroupLimits): RunCgroup {
    const dirs = new Map<Controller, string>();
    // Comounted controllers (cpu,cpuacct with memory, say) share one folder.
    const made: string[] = [];
    try {
      for (const [controller, parent] of this.parents) {
        const dir = join(parent, name);
        if (!made.includes(dir)) {
          mkdirSync(dir, { mode: 0o755 });
          made.push(dir);
        }
        dirs.set(controller, dir);
      }
      const memory = dirs.get("memory");
      if (memory !== undefined) {
        writeFileSync(join(memory, "memory.limit_in_bytes"), String(limits.memoryBytes));
        // Without a memsw limit a machine with swap would let the run page out instead.
        const memsw = join(memory, "memory.memsw.limit_in_bytes");
        if (existsSync(memsw)) writeFileSync(memsw, String(limits.memoryBytes));
      }
      const pids = dirs.get("pids");
      if (pids !== undefined) writeFileSync(join(pids, "pids.max"), String(limits.tasks));
    } catch (error) {
      for (const dir of made) tryRmdir(dir);
      throw error;
    }
    return new RunCgroupV1(dirs, made);
  }
}

class RunCgroupV1 implements RunCgroup {
  readonly procsFiles: readonly string[];

  constructor(
    private readonly dirs: ReadonlyMap<Controller, string>,
    private readonly folders: readonly string[],
  ) {
    this.procsFiles = folders.map((dir) => join(dir, "cgroup.procs"));
  }

  stats(): CgroupStats {
    const memory = this.dirs.get("memory");
    const pids = this.dirs.get("pids");
    const cpu = this.dirs.get("cpuacct");
    const cpuNs = cpu === undefined ? undefined : readNumber(join(cpu, "cpuacct.usage"));
    return {
      cpuTimeMs: cpuNs === undefined ? undefined : cpuNs / 1e6,
      memoryPeakBytes: memory === undefined ? undefined : readNumber(join(memory, "memory.max_usage_in_bytes")),
      oomKills: memory === undefined ? 0 : (readKeyed(join(memory, "memory.oom_control"), "oom_kill") ?? 0),
      taskLimitHits: pids === undefined ? 0 : (readKeyed(join(pids, "pids.events"), "max") ?? 0),
    };
  }

  pids(): number[] {
    const first = this.procsFiles[0];
    return first === undefined ? [] : readPids(first);
  }

  threads(): number[] {
    const first = this.folders[0];
    return first === undefined ? [] : readPids(join(first, "tasks"));
  }

  async killAll(last?: number): Promise<void> {
    const pids = this.dirs.get("pids");
    // No new processes from here on: a fork bomb cannot outrun the loop below.
    if (pids !== undefined) tryWrite(join(pids, "pids.max"), "0");
    await killUntilEmpty(() => this.pids(), last);
  }

  async remove(): Promise<void> {
    // On the thread pool, all hierarchies at once: removing a memory cgroup is kernel work
    // the main thread need not wait for.
    await Promise.all(
      this.folders.map(async (dir) => {
        for (let round = 0; round < 200; round++) {
          if (await tryRmdirAsync(dir)) return;
          await sleep(5);
        }
      }),
    );
  }
}

function tryRmdir(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

async function tryRmdirAsync(dir: string): Promise<boolean> {
  try {
    await rmdir(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT";
  }
}

function tryWrite(path: string, value: string): void {
  try {
    writeFileSync(path, value);
  } catch {
    // The controller refused (or the folder is gone): the kill loop still runs.
  }
}
