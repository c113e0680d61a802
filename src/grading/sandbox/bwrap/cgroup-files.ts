/** Small readers for cgroup files, shared by the v1 and v2 drivers. */
import { readFileSync } from "node:fs";
import type { CgroupMount } from "./cgroups.js";

/** Joins a cgroup path seen in /proc/self/cgroup to the mount that shows it. */
export function cgroupDir(mount: CgroupMount, path: string): string {
  let rel = path;
  if (mount.root !== "/" && (rel === mount.root || rel.startsWith(`${mount.root}/`))) rel = rel.slice(mount.root.length);
  return `${mount.mountPoint}${rel === "/" ? "" : rel}`;
}

/** Reads a counter like "oom_kill 3" out of a flat-keyed cgroup file. */
export function readKeyed(path: string, key: string): number | undefined {
  try {
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const [name, value] = line.split(" ");
      if (name === key && value !== undefined) return Number(value);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export function readNumber(path: string): number | undefined {
  try {
    const value = Number(readFileSync(path, "utf8").trim());
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function readPids(procsFile: string): number[] {
  try {
    return readFileSync(procsFile, "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map(Number);
  } catch {
    return [];
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
