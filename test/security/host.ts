/** Checks that a hostile submission left the host as it found it. */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProtectionReport, Sandbox, SandboxIdentity, SandboxProcess, SandboxResult, SandboxSpec } from "../../src/grading/sandbox/types.js";

/** A file on the host that no submission may read, change or remove. */
export class Sentinel {
  readonly dir = mkdtempSync(join(tmpdir(), "roadwork-sentinel-"));
  readonly path = join(this.dir, "sentinel.txt");
  readonly content = `host sentinel ${Math.random()}\n`;

  constructor() {
    writeFileSync(this.path, this.content, { mode: 0o644 });
  }

  intact(): boolean {
    try {
      return readFileSync(this.path, "utf8") === this.content && readdirSync(this.dir).length === 1;
    } catch {
      return false;
    }
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function isDescendant(pid: number): boolean {
  for (let current: number | undefined = pid, hops = 0; current !== undefined && current > 1 && hops < 64; hops++) {
    current = parentOf(current);
    if (current === process.pid) return true;
  }
  return false;
}

/**
 * Host processes whose command line contains `needle` (NUL separators read as spaces) among
 * those this test process started (at any depth); `anywhere` looks at every process. A run's
 * own processes that escaped its tree (an orphan reparented to init) are found by
 * processesOfUids instead: they keep the run's uid.
 */
export function hostProcessesMatching(needle: string, anywhere = false): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(needle) && (anywhere || isDescendant(Number(entry)))) found.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return found;
}

/** Host processes (with their command lines) whose real, effective or saved uid is one of `uids`. */
export function processesOfUids(uids: ReadonlySet<number>): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, "utf8");
      const ids = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(status);
      if (ids === null || !ids.slice(1, 4).some((id) => uids.has(Number(id)))) continue;
      const field = (name: string): string => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(status)?.[1]?.trim() ?? "?";
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      found.push(`${entry} ${field("Name")} state ${field("State")} parent ${field("PPid")}: ${cmdline.slice(0, 120)}`);
    } catch {
      // gone already
    }
  }
  return found;
}

/**
 * A Sandbox that gives each run a uid the test knows (a fresh identity per spawn), so that
 * "nothing of the run is left" can be checked by uid: every process of a run runs as its
 * uid from setpriv on, wherever it ends up in the process tree, and no process of another
 * test or grader does.
 */
export class UidRecordingSandbox implements Sandbox {
  readonly name: string;
  private spare: SandboxIdentity[] = [];
  private used: SandboxIdentity[] = [];
  /** Spawns that found no identity ready (must stay 0 for the uid check to be complete). */
  unrecorded = 0;

  constructor(private readonly inner: Sandbox) {
    this.name = inner.name;
  }

  /** Reserves `count` identities for the runs of the next case. */
  async prepare(count: number): Promise<void> {
    this.unrecorded = 0;
    for (let i = 0; i < count; i++) this.spare.push(await this.inner.acquireIdentity());
  }

  /** Uids of the runs since prepare(). */
  uids(): Set<number> {
    return new Set(this.used.map((identity) => identity.uid));
  }

  /** Gives every reserved identity back. */
  async releaseAll(): Promise<void> {
    const all = [...this.spare, ...this.used];
    this.spare = [];
    this.used = [];
    this.unrecorded = 0;
    await Promise.all(all.map((identity) => identity.release()));
  }

  spawn(spec: SandboxSpec): SandboxProcess {
    if (spec.identity !== undefined) return this.inner.spawn(spec);
    const identity = this.spare.shift();
    if (identity === undefined) {
      this.unrecorded += 1;
      return this.inner.spawn(spec);
    }
    this.used.push(identity);
    return this.inner.spawn({ ...spec, identity });
  }

  run(spec: SandboxSpec): Promise<SandboxResult> {
    return this.spawn(spec).result;
  }

  protections(): Promise<ProtectionReport[]> {
    return this.inner.protections();
  }

  acquireIdentity(): Promise<SandboxIdentity> {
    return this.inner.acquireIdentity();
  }

  async close(): Promise<void> {
    await this.releaseAll();
    await this.inner.close();
  }
}

/** A digest of every file of a folder tree, to prove nothing in it changed. */
export function treeDigest(dir: string): string {
  const hash = createHash("sha256");
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(path, entry.name);
      if (entry.name === "__pycache__") continue;
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest("hex");
}
