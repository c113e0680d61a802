/** What bwrap and a run's own output tell about how the run went, read by run-process.ts. */
import { readdirSync, readFileSync } from "node:fs";
import type { Duplex } from "node:stream";
import type { LimitName } from "../../report.js";
import { sleep } from "./cgroup-files.js";

/**
 * strerror(EMFILE) as C, Python, Node, Go, Java and the shells print it, and the errno name:
 * the sign of the open-files limit that survives the run (the descriptors themselves are
 * gone once it has ended).
 */
const EMFILE_MESSAGE = /too many open files|\bEMFILE\b/i;

/** The run printed strerror(EMFILE) or its name: it hit the open-files limit. */
export function reportsTooManyOpenFiles(stderr: Buffer): boolean {
  return EMFILE_MESSAGE.test(stderr.toString("latin1"));
}

/** bwrap (or the cgroup wrapper) failed before the program ran: exit 1 with "bwrap: ..." or 125. */
export function isSetupFailure(exitCode: number | null, stderr: Buffer): boolean {
  const text = stderr.subarray(0, 200).toString("utf8");
  return (exitCode === 1 && text.startsWith("bwrap: ")) || (exitCode === 125 && text.startsWith("roadwork-sandbox: "));
}

/** The pid (on the host) of the sandbox's first process, from bwrap --info-fd. */
export function readChildPid(info: Duplex): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let text = "";
    info.setEncoding("utf8");
    info.on("data", (chunk: string) => {
      text += chunk;
      const match = /"child-pid"\s*:\s*(\d+)/.exec(text);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    info.on("error", () => undefined);
    info.once("close", () => reject(new Error("the sandbox ended before it reported its pid")));
  });
}

/**
 * The sandbox's pid on the host, once it has been told (within 50 ms); undefined when the
 * sandbox ended before it reported one (the run's result says why).
 */
export async function knownPid(sandboxPid: Promise<number> | undefined): Promise<number | undefined> {
  try {
    return await Promise.race([sandboxPid, sleep(50).then(() => undefined)]);
  } catch {
    return undefined;
  }
}

/**
 * Waits for the namespace's pid 1 (from bwrap --info-fd) to be a zombie or gone: without a
 * cgroup to empty, the sign that every process of the run is gone, since it exits only once
 * every other process of its namespace has.
 */
export async function namespaceInitGone(sandboxPid: Promise<number> | undefined): Promise<void> {
  const pid = await knownPid(sandboxPid);
  if (pid === undefined) return; // No namespace to wait for.
  for (let round = 0; round < 400; round++) {
    let state: string | undefined;
    try {
      state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    } catch {
      return;
    }
    if (state === "Z" || state === "X") return;
    await sleep(5);
  }
}

/** A timeout that does not keep the process alive (it only bounds a wait). */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Processes whose descriptors are counted per watch round (a fork bomb must not make rounds costly). */
export const FD_COUNTS_PER_ROUND = 16;

/**
 * True when a process of the run holds as many descriptors as RLIMIT_NOFILE allows
 * (`openFiles`): descriptors are numbered below the limit, so a full table means its next
 * open() fails with EMFILE (or already did). Seen from the host, so it does not depend on what
 * the program prints; a program that hits the limit and lets go within one watch round is
 * caught by its message instead (reportsTooManyOpenFiles). Looks at FD_COUNTS_PER_ROUND
 * processes from the `round`-th on, so that rounds take turns.
 */
export function fullDescriptorTable(pids: readonly number[], round: number, openFiles: number): boolean {
  const count = Math.min(pids.length, FD_COUNTS_PER_ROUND);
  for (let i = 0; i < count; i++) {
    const pid = pids[(round + i) % pids.length];
    let open: number;
    try {
      open = readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      continue; // Gone meanwhile.
    }
    if (open >= openFiles) return true;
  }
  return false;
}

/** What the counters read once a run is gone say it reached (CgroupStats, cgroup-types.ts). */
export interface FinalCounters {
  cpuTimeMs: number | undefined;
  oomKills: number;
  taskLimitHits: number;
}

/**
 * The limits a run's end shows it reached: its counters, the signal it died of, its files
 * and its error output. The CPU total is the last one read when the final read fails: a run
 * the kernel killed at its RLIMIT_CPU (a SIGKILL at the hard limit, which a namespace's pid 1
 * gets without the SIGXCPU before it) is then still named by its CPU-time limit.
 */
export function limitsAtEnd(counters: FinalCounters | undefined, signal: string | null, limits: { cpuTimeMs: number }, files: { fileSize: boolean; diskFull: boolean }, stderr: Buffer): LimitName[] {
  const reached: LimitName[] = [];
  if (counters !== undefined) {
    if (counters.oomKills > 0) reached.push("memory");
    if (counters.taskLimitHits > 0) reached.push("processes");
    if (counters.cpuTimeMs !== undefined && counters.cpuTimeMs >= limits.cpuTimeMs) reached.push("cpu-time");
  }
  if (signal === "SIGXCPU" && !reached.includes("cpu-time")) reached.push("cpu-time");
  if (signal === "SIGXFSZ" || files.fileSize) reached.push("file-size");
  if (files.diskFull) reached.push("disk");
  // After the run its descriptors are gone: the message for EMFILE is the remaining sign.
  if (reportsTooManyOpenFiles(stderr)) reached.push("open-files");
  return reached;
}
