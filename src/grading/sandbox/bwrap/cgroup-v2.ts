/**
 * cgroup v2 (unified). The run cgroups are children of our own cgroup, which must delegate
 * the memory, pids and cpu controllers to them. cgroup v2 forbids processes in a cgroup
 * whose children use controllers, so when ours holds processes we first move this process
 * alone into a leaf child (roadwork-supervisor), still under our own cgroup.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { cgroupDir, killUntilEmpty, readKeyed, readNumber, readPids, sleep } from "./cgroup-files.js";
import type { CgroupDriver, CgroupLimits, CgroupMount, CgroupStats, RunCgroup } from "./cgroup-types.js";

export class CgroupV2Driver implements CgroupDriver {
  readonly version = 2 as const;
  readonly controllers: { memory: boolean; pids: boolean; cpu: boolean };

  private constructor(
    private readonly parent: string,
    enabled: ReadonlySet<string>,
  ) {
    this.controllers = { memory: enabled.has("memory"), pids: enabled.has("pids"), cpu: enabled.has("cpu") };
  }

  static open(mount: CgroupMount, ownPath: string): CgroupV2Driver | undefined {
    const parent = cgroupDir(mount, ownPath);
    const available = words(join(parent, "cgroup.controllers"));
    if (!available.has("memory") || !available.has("pids")) return undefined;
    const wanted = ["memory", "pids", "cpu"].filter((c) => available.has(c));
    const enable = (): boolean => {
      try {
        writeFileSync(join(parent, "cgroup.subtree_control"), wanted.map((c) => `+${c}`).join(" "));
        return true;
      } catch {
        return false;
      }
    };
    if (!enable()) {
      // "No internal processes": move ourselves into a leaf, then delegate.
      try {
        const leaf = join(parent, "roadwork-supervisor");
        if (!existsSync(leaf)) mkdirSync(leaf);
        writeFileSync(join(leaf, "cgroup.procs"), String(process.pid));
      } catch {
        return undefined;
      }
      if (!enable()) return undefined;
    }
    return new CgroupV2Driver(parent, words(join(parent, "cgroup.subtree_control")));
  }

  runParents(): readonly string[] {
    return [this.parent];
  }

  describe(): string {
    return `unified: ${this.parent}`;
  }

  create(name: string, limits: CgroupLimits): RunCgroup {
    const dir = join(this.parent, name);
    mkdirSync(dir, { mode: 0o755 });
    try {
      if (this.controllers.memory) {
        writeFileSync(join(dir, "memory.max"), String(limits.memoryBytes));
        if (existsSync(join(dir, "memory.swap.max"))) writeFileSync(join(dir, "memory.swap.max"), "0");
      }
      if (this.controllers.pids) writeFileSync(join(dir, "pids.max"), String(limits.tasks));
    } catch (error) {
      rmdirSync(dir);
      throw error;
    }
    return new RunCgroupV2(dir);
  }
}

class RunCgroupV2 implements RunCgroup {
  readonly procsFiles: readonly string[];

  constructor(private readonly dir: string) {
    this.procsFiles = [join(dir, "cgroup.procs")];
  }

  stats(): CgroupStats {
    const usageUsec = readKeyed(join(this.dir, "cpu.stat"), "usage_usec");
    return {
      cpuTimeMs: usageUsec === undefined ? undefined : usageUsec / 1000,
      memoryPeakBytes: readNumber(join(this.dir, "memory.peak")),
      oomKills: readKeyed(join(this.dir, "memory.events"), "oom_kill") ?? 0,
      taskLimitHits: readKeyed(join(this.dir, "pids.events"), "max") ?? 0,
    };
  }

  pids(): number[] {
    return readPids(join(this.dir, "cgroup.procs"));
  }

  threads(): number[] {
    return readPids(join(this.dir, "cgroup.threads"));
  }

  async killAll(last?: number): Promise<void> {
    // No new processes from here on: a fork bomb cannot outrun the kill loop.
    try {
      writeFileSync(join(this.dir, "pids.max"), "0");
    } catch {
      // Best effort; the loop below still kills.
    }
    if (last === undefined) {
      try {
        // Linux 5.14+: kills every process of the cgroup at once.
        writeFileSync(join(this.dir, "cgroup.kill"), "1");
      } catch {
        // Older kernel: the loop below kills one by one.
      }
    }
    await killUntilEmpty(() => this.pids(), last);
  }

  async remove(): Promise<void> {
    for (let round = 0; round < 200; round++) {
      try {
        rmdirSync(this.dir);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        await sleep(5);
      }
    }
  }
}

/** Controller names in a cgroup file; tolerates the "+name" form written to subtree_control. */
function words(path: string): Set<string> {
  try {
    return new Set(
      readFileSync(path, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((word) => word.replace(/^\+/, "")),
    );
  } catch {
    return new Set();
  }
}
