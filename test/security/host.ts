/** Checks that a hostile submission left the host as it found it. */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/**
 * Started by this test process (at any depth), or orphaned (adopted by init): processes of
 * other graders running on the machine at the same time are not ours to judge.
 */
function oursOrOrphaned(pid: number): boolean {
  if (parentOf(pid) === 1) return true;
  for (let current: number | undefined = pid, hops = 0; current !== undefined && current > 1 && hops < 64; hops++) {
    current = parentOf(current);
    if (current === process.pid) return true;
  }
  return false;
}

/**
 * Host processes whose command line contains `needle` (NUL separators read as spaces), among
 * those this test started or that were orphaned; `anywhere` looks at every process.
 */
export function hostProcessesMatching(needle: string, anywhere = false): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(needle) && (anywhere || oursOrOrphaned(Number(entry)))) found.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return found;
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
