/**
 * Who holds a lease: worker ids name their process as `host/pid/start/random`, so that a
 * process starting on the same host can tell that the holder of a lease is dead (its pid is
 * gone, or now belongs to a later process) and take the job back at once, instead of waiting
 * for the lease to run out. A server killed and back two seconds later regrades its jobs
 * two seconds later, not a full lease later.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { processGone } from "../process-gone.js";

export interface WorkerOwner {
  /** The host name and, on Linux, the pid namespace: containers sharing a host name do not judge each other's pids. */
  host: string;
  pid: number;
  /** When the process started: clock ticks since boot on Linux (/proc), else epoch ms. */
  start: string;
}

/**
 * A process's start time as the kernel reports it (field 22 of /proc/PID/stat), or undefined
 * without /proc. The command name (field 2) may hold spaces and parentheses: count after its
 * last ")".
 */
export function processStart(pid: number | "self"): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

function pidNamespace(): string {
  try {
    return `~${/\d+/.exec(readlinkSync("/proc/self/ns/pid"))?.[0] ?? ""}`;
  } catch {
    return "";
  }
}

const self: WorkerOwner = { host: `${hostname().replaceAll("/", "_")}${pidNamespace()}`, pid: process.pid, start: processStart("self") ?? String(Math.round(Date.now() - process.uptime() * 1000)) };

/** A fresh worker id owned by this process. */
export function localWorkerId(): string {
  return `${self.host}/${self.pid}/${self.start}/${randomBytes(3).toString("hex")}`;
}

/** The owner named in a worker id, or undefined for ids of another form (tests, older versions). */
export function ownerOf(workerId: string): WorkerOwner | undefined {
  const parts = workerId.split("/");
  if (parts.length !== 4) return undefined;
  const [host, pid, start] = parts;
  const n = Number(pid);
  if (host === undefined || start === undefined || !Number.isInteger(n) || n <= 0) return undefined;
  return { host, pid: n, start };
}

/**
 * True only when the worker is surely dead: it ran on this host, and its process is gone or
 * its pid now belongs to a process that started at another time (pids are reused, and a
 * restarted container often gets the same pid). Workers of other hosts are never judged
 * here: their leases run out.
 */
export function localOwnerGone(workerId: string): boolean {
  const owner = ownerOf(workerId);
  if (owner === undefined || owner.host !== self.host) return false;
  if (owner.pid === self.pid) return owner.start !== self.start;
  if (processGone(owner.pid)) return true;
  const start = processStart(owner.pid);
  return start !== undefined && start !== owner.start;
}
