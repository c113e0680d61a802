/**
 * The wall-time limit is for programs that wait (sleep, deadlock, a blocking read); a
 * program that computes is bounded by its CPU time. On a busy machine a computing program
 * also waits, for a CPU, and would reach the wall-time limit long before its CPU-time
 * limit, so that a spin was reported as "time limit reached" depending on the machine's
 * load. So the time the run waited for a CPU (SandboxProcess.cpuWaitMs) is added to the
 * deadline, at most wallTimeMs in all: a spin on a busy machine then ends at the CPU-time
 * limit, a sleeping program still at wallTimeMs. The sandbox bounds its runs this way, and
 * so does every caller with a wall clock of its own on a run (an exercise's session).
 */

/** Waits for a CPU shorter than this do not move the deadline (timer churn for nothing). */
const MIN_GRACE_MS = 20;

/** Calls timeUp once wallTimeMs, plus the CPU wait cpuWaitMs() reports, have passed. Returns the cancel. */
export function startWallClock(wallTimeMs: number, cpuWaitMs: () => number, timeUp: () => void): () => void {
  let graceMs = 0;
  let timer: NodeJS.Timeout;
  const check = (): void => {
    const owed = Math.min(cpuWaitMs(), wallTimeMs) - graceMs;
    if (owed >= MIN_GRACE_MS) {
      graceMs += owed;
      timer = setTimeout(check, owed);
      return;
    }
    timeUp();
  };
  timer = setTimeout(check, wallTimeMs);
  return () => clearTimeout(timer);
}
