/** What the cgroup drivers (cgroup-v1.ts, cgroup-v2.ts) offer; cgroups.ts picks one for this machine. */
export interface CgroupLimits {
  memoryBytes: number;
  /** Tasks (processes and threads) alive at once, the wrapper processes included. */
  tasks: number;
}

/** What a run's cgroups counted. Each field is undefined when the controller is missing. */
export interface CgroupStats {
  cpuTimeMs: number | undefined;
  memoryPeakBytes: number | undefined;
  /** Processes the kernel killed for want of memory. */
  oomKills: number;
  /** Times a fork or thread creation was refused by the task limit. */
  taskLimitHits: number;
}

export interface RunCgroup {
  /** cgroup.procs files the wrapper writes its own pid into before it execs the run. */
  readonly procsFiles: readonly string[];
  stats(): CgroupStats;
  /** Pids of every process in the run, for killing. */
  pids(): number[];
  /** Ids of every thread in the run (for their scheduler statistics). */
  threads(): number[];
  /**
   * SIGKILLs every process in the run (daemons included) and waits until none is left.
   * `last`: a pid killed only once the others are gone (bwrap's monitor, so that it reaps
   * the program instead of leaving it to the host's init).
   */
  killAll(last?: number): Promise<void>;
  /** Removes the cgroups; call after killAll. */
  remove(): Promise<void>;
}

export interface CgroupDriver {
  readonly version: 1 | 2;
  /** Which controllers work, for `roadwork doctor`. */
  readonly controllers: { memory: boolean; pids: boolean; cpu: boolean };
  /** Where the run cgroups go, per controller, for messages. */
  describe(): string;
  /** The folders run cgroups are made in (one per hierarchy), where leftovers are swept. */
  runParents(): readonly string[];
  create(name: string, limits: CgroupLimits): RunCgroup;
}

export interface CgroupMount {
  mountPoint: string;
  /** Root of the hierarchy seen through this mount (usually "/"). */
  root: string;
  type: "cgroup" | "cgroup2";
  /** v1: the controllers of the hierarchy (memory, pids, cpu, cpuacct, ...). */
  controllers: string[];
}
