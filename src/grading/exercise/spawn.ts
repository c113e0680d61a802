/** The sandboxed processes of a function exercise, and how they are started. */
import type { Sandbox, SandboxLimits, SandboxProcess } from "../sandbox/types.js";
import { ensureCompiled } from "./compiled.js";
import { HARNESS_DIR, HARNESS_MOUNT, PYTHON } from "./paths.js";

/** The two processes of one function-exercise grading: the solution host and the trusted harness. */
export interface FunctionProcesses {
  solution: SandboxProcess;
  harness: SandboxProcess;
}

const harnessMount = [{ hostPath: HARNESS_DIR, sandboxPath: HARNESS_MOUNT }];

/**
 * -I: no environment, no user site, no script folder on sys.path; -S: no site module, which
 * halves the interpreter's start-up; -B: nothing written next to the read-only harness.
 */
const FLAGS = ["-I", "-S", "-B"];

/**
 * Python compiles a script it runs from source every time but loads an imported module from
 * its cached bytecode: so the entry points are one-line imports of modules that
 * ensureCompiled() has compiled on the host, next to the read-only sources.
 */
export function pythonModule(name: string): string[] {
  ensureCompiled();
  return [PYTHON, ...FLAGS, "-c", `import sys; sys.path.insert(0, "${HARNESS_MOUNT}"); import ${name}`];
}

/**
 * The solution process's own wall-time limit in the sandbox, a backstop only: the session's
 * clock (session.ts) bounds the solution to wallTimeMs of the time it owes an answer, and the
 * process itself lives as long as the grading, which the harness's limits bound (its wall
 * time, and as much again while it waits for a CPU).
 */
export function solutionBackstopLimits(limits: SandboxLimits): SandboxLimits {
  const harnessWallMs = harnessLimits(limits).wallTimeMs ?? limits.wallTimeMs;
  return { ...limits, wallTimeMs: Math.max(limits.wallTimeMs, 2 * harnessWallMs) };
}

export function spawnSolutionHost(sandbox: Sandbox, limits: SandboxLimits): SandboxProcess {
  return sandbox.spawn({
    argv: pythonModule("solution_host"),
    // Only solution_host.py runs until Node sends the learner's code.
    idleUntilInput: true,
    mounts: harnessMount,
    channels: 1,
    stdin: "",
    limits: solutionBackstopLimits(limits),
  });
}

/** The harness runs trusted code, but in a sandbox of its own too: it never sees the solution. */
export function spawnHarness(sandbox: Sandbox, limits: SandboxLimits): SandboxProcess {
  return sandbox.spawn({
    argv: pythonModule("harness_main"),
    mounts: harnessMount,
    // Trusted code that writes nothing of interest: no host mount to make and remove.
    scratch: "private",
    idleUntilInput: true,
    channels: 1,
    stdin: "",
    limits: harnessLimits(limits),
  });
}

/**
 * The harness's own timer on each test, a backstop only: Node's wall clock on the solution
 * (session.ts) decides when the solution has taken too long, and adds the time it waited for
 * a CPU on a busy machine, up to wallTimeMs more. A harness timer at wallTimeMs would cut a
 * spin on a busy machine before Node could name it by its CPU-time limit.
 */
export function harnessTestTimeoutMs(limits: SandboxLimits): number {
  return 2 * limits.wallTimeMs + 1_000;
}

/** The harness's sandbox outlasts its own per-test timer. */
export function harnessLimits(limits: SandboxLimits): Partial<SandboxLimits> {
  return {
    wallTimeMs: 2 * limits.wallTimeMs + 5_000,
    cpuTimeMs: 2 * limits.wallTimeMs + 5_000,
    memoryBytes: 512 * 1024 * 1024,
    processes: 16,
  };
}

export function spawnFunctionProcesses(sandbox: Sandbox, limits: SandboxLimits): FunctionProcesses {
  // Both start at once: the interpreter start-ups overlap on two cores.
  return { solution: spawnSolutionHost(sandbox, limits), harness: spawnHarness(sandbox, limits) };
}
