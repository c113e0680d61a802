/** Maps an exercise's limits (units an educator thinks in) onto the sandbox's. */
import type { ExerciseLimits } from "../../content/schema.js";
import type { SandboxLimits } from "../sandbox/types.js";
import { DEFAULT_LIMITS } from "../sandbox/types.js";

const KiB = 1024;
const MiB = 1024 * 1024;

export function sandboxLimitsFor(limits: ExerciseLimits | undefined): SandboxLimits {
  const l = limits ?? {};
  return {
    wallTimeMs: l.wall_time_ms ?? DEFAULT_LIMITS.wallTimeMs,
    cpuTimeMs: l.cpu_time_ms ?? DEFAULT_LIMITS.cpuTimeMs,
    memoryBytes: l.memory_mib !== undefined ? l.memory_mib * MiB : DEFAULT_LIMITS.memoryBytes,
    processes: l.processes ?? DEFAULT_LIMITS.processes,
    fileSizeBytes: l.file_size_kib !== undefined ? l.file_size_kib * KiB : DEFAULT_LIMITS.fileSizeBytes,
    diskBytes: l.disk_mib !== undefined ? l.disk_mib * MiB : DEFAULT_LIMITS.diskBytes,
    openFiles: l.open_files ?? DEFAULT_LIMITS.openFiles,
    outputBytes: l.output_kib !== undefined ? l.output_kib * KiB : DEFAULT_LIMITS.outputBytes,
  };
}


export function formatMiB(bytes: number): string {
  const mib = bytes / MiB;
  return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
}
