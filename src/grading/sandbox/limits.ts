/**
 * Limits: the complete set for one run (defaults filled in, values checked once), and the
 * sentence each one gives the learner when it is reached.
 */
import { RoadworkError } from "../../errors.js";
import type { LimitHit, LimitName } from "../report.js";
import { DEFAULT_LIMITS } from "./types.js";
import type { SandboxLimits } from "./types.js";

export function resolveLimits(partial: Partial<SandboxLimits> | undefined): Readonly<SandboxLimits> {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(partial ?? {}) as Array<[keyof SandboxLimits, number | undefined]>) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RoadworkError("BAD_INPUT", `sandbox limit ${key} must be a positive number, got ${value}`);
    limits[key] = Math.floor(value);
  }
  // The shells set RLIMIT_FSIZE in blocks of 512 or 1024 bytes (argv.ts): whole KiB, at least one.
  limits.fileSizeBytes = Math.max(1024, limits.fileSizeBytes - (limits.fileSizeBytes % 1024));
  return Object.freeze(limits);
}

export function formatBytes(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, "GiB"],
    [1024 ** 2, "MiB"],
    [1024, "KiB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${trimNumber(bytes / size)} ${unit}`;
  }
  return `${bytes} bytes`;
}

export function formatSeconds(ms: number): string {
  return `${trimNumber(ms / 1000)} s`;
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
}

/** The sentence for a limit that was reached ("memory limit 256 MiB reached"). */
export function limitHit(limit: LimitName, limits: Readonly<SandboxLimits>): LimitHit {
  return { limit, message: limitMessage(limit, limits) };
}

function limitMessage(limit: LimitName, limits: Readonly<SandboxLimits>): string {
  switch (limit) {
    case "wall-time":
      return `time limit ${formatSeconds(limits.wallTimeMs)} reached`;
    case "cpu-time":
      return `CPU time limit ${formatSeconds(limits.cpuTimeMs)} reached`;
    case "memory":
      return `memory limit ${formatBytes(limits.memoryBytes)} reached`;
    case "processes":
      return `process limit ${limits.processes} reached`;
    case "file-size":
      return `file size limit ${formatBytes(limits.fileSizeBytes)} reached`;
    case "disk":
      return `disk limit ${formatBytes(limits.diskBytes)} reached`;
    case "open-files":
      return `open files limit ${limits.openFiles} reached`;
    case "output":
      return `output limit ${formatBytes(limits.outputBytes)} reached`;
    case "boot-time":
      return "boot time limit reached";
    case "message-size":
      return "message size limit reached";
  }
}
