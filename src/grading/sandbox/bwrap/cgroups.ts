/**
 * Per-run control groups: memory, processes and CPU of everything a run starts, counted
 * together. Version 1 (one hierarchy per controller) or version 2 (unified), detected once
 * from /proc/self/mountinfo. Runs get cgroups under the cgroup this process itself is in
 * (from /proc/self/cgroup), never elsewhere in the hierarchy, and they are removed after.
 */
import { readFileSync } from "node:fs";
import { CgroupV1Driver } from "./cgroup-v1.js";
import { CgroupV2Driver } from "./cgroup-v2.js";
import type { CgroupDriver, CgroupMount } from "./cgroup-types.js";

export type { CgroupDriver, CgroupLimits, CgroupMount, CgroupStats, RunCgroup } from "./cgroup-types.js";

export function readCgroupMounts(mountinfo = readFileSync("/proc/self/mountinfo", "utf8")): CgroupMount[] {
  const mounts: CgroupMount[] = [];
  for (const line of mountinfo.split("\n")) {
    const [left, right] = line.split(" - ");
    if (left === undefined || right === undefined) continue;
    const fields = left.split(" ");
    const [fsType, , superOptions] = right.split(" ");
    if (fsType !== "cgroup" && fsType !== "cgroup2") continue;
    const root = fields[3];
    const mountPoint = fields[4];
    if (root === undefined || mountPoint === undefined) continue;
    const controllers = fsType === "cgroup" ? (superOptions ?? "").split(",").filter((o) => KNOWN_V1.has(o)) : [];
    mounts.push({ mountPoint: unescapeMountPath(mountPoint), root: unescapeMountPath(root), type: fsType, controllers });
  }
  return mounts;
}

const KNOWN_V1 = new Set(["memory", "pids", "cpu", "cpuacct", "cpuset", "freezer", "devices", "blkio"]);

/** /proc/self/cgroup: hierarchy -> path. v1 lines name controllers; the v2 line is "0::/path". */
export function readOwnCgroups(text = readFileSync("/proc/self/cgroup", "utf8")): { v1: Map<string, string>; v2: string | undefined } {
  const v1 = new Map<string, string>();
  let v2: string | undefined;
  for (const line of text.split("\n")) {
    const match = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    const [, , controllers = "", path = "/"] = match;
    if (controllers === "") v2 = path;
    else for (const controller of controllers.split(",")) v1.set(controller, path);
  }
  return { v1, v2 };
}

/**
 * Picks the driver for this machine, or explains why none works. v1 wins when its memory or
 * pids hierarchy is mounted (a hybrid machine's unified hierarchy then has no controllers).
 * The texts default to this process's /proc/self/mountinfo and /proc/self/cgroup.
 */
export function detectCgroups(texts: { mountinfo?: string; cgroup?: string } = {}): CgroupDriver | { missing: string } {
  let mounts: CgroupMount[];
  let own: ReturnType<typeof readOwnCgroups>;
  try {
    mounts = readCgroupMounts(texts.mountinfo);
    own = readOwnCgroups(texts.cgroup);
  } catch (error) {
    return { missing: `cannot read /proc/self/mountinfo or /proc/self/cgroup: ${(error as Error).message}` };
  }
  const v1 = mounts.filter((m) => m.type === "cgroup" && m.controllers.length > 0);
  if (v1.some((m) => m.controllers.includes("memory") || m.controllers.includes("pids"))) {
    return new CgroupV1Driver(v1, own.v1);
  }
  const unified = mounts.find((m) => m.type === "cgroup2");
  if (unified !== undefined && own.v2 !== undefined) {
    const driver = CgroupV2Driver.open(unified, own.v2);
    if (driver !== undefined) return driver;
  }
  return { missing: "no cgroup hierarchy with the memory and pids controllers is mounted" };
}

function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

