/**
 * Unpacks a learner's project archive (.zip or .tar.gz) into a fresh folder, or only checks
 * it, safely and without holding up the caller's thread: the work runs on a worker thread
 * (thread.ts), in bounded steps with every limit checked as bytes come out
 * (read.ts). At most UNPACKING_AT_ONCE archives are unpacked at once in a process;
 * a few more wait, and beyond that the request is answered BUSY.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { RoadworkError, type ErrorCode } from "../errors.js";
import type { ArchiveLimits, UnpackedArchive } from "./read.js";
import { ConcurrencyGate } from "../concurrency-gate.js";

export { detectFormat, safeEntryPath, type ArchiveLimits, type UnpackedArchive } from "./read.js";

/** What the thread is given, and what it answers. */
export interface ThreadJob {
  data: Uint8Array;
  /** Unpack here; only check when absent. */
  dest?: string;
  limits: ArchiveLimits;
}

export type ThreadAnswer = { ok: true; result: UnpackedArchive } | { ok: false; code?: ErrorCode; message: string; errno?: string };

const UNPACKING_AT_ONCE = 2;
/** A backstop: bounded work takes well under a second; a thread still busy after this is stopped. */
const THREAD_TIMEOUT_MS = 60_000;

const gate = new ConcurrencyGate({ running: UNPACKING_AT_ONCE, waiting: 16, busyMessage: "the server is unpacking many uploads at the moment", retryAfterSeconds: 5 });

/** Unpacks `data` into `dest`, which must not exist yet or be empty. */
export function unpackArchive(data: Buffer, dest: string, limits: ArchiveLimits): Promise<UnpackedArchive> {
  return gate.run(() => inThread({ data, dest, limits }));
}

/** Every check of unpackArchive (names, links, counts, sizes, damage), writing nothing. */
export function checkArchive(data: Buffer, limits: ArchiveLimits): Promise<UnpackedArchive> {
  return gate.run(() => inThread({ data, limits }));
}

function inThread(job: ThreadJob): Promise<UnpackedArchive> {
  return new Promise((resolve, reject) => {
    const worker = startThread(job);
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new RoadworkError("PAYLOAD_TOO_LARGE", `the archive took longer than ${THREAD_TIMEOUT_MS / 1000} s to unpack`)));
      void worker.terminate();
    }, THREAD_TIMEOUT_MS);
    worker.once("message", (answer: ThreadAnswer) => {
      settle(() => {
        if (answer.ok) resolve(answer.result);
        else if (answer.code !== undefined) reject(new RoadworkError(answer.code, answer.message));
        else reject(Object.assign(new Error(`unpacking the archive failed: ${answer.message}`), { code: answer.errno }));
      });
    });
    worker.once("error", (error) => settle(() => reject(new Error(`the unpacking thread failed: ${error.message}`, { cause: error }))));
    worker.once("exit", (code) => settle(() => reject(new Error(`the unpacking thread ended (exit code ${code}) without an answer`))));
  });
}

/**
 * Built, the thread is the .js file next to this one. From the TypeScript sources (tests)
 * Node 20 applies no module loader to a worker, so the thread is compiled by esbuild (a
 * dependency, as for TypeScript stages) into one script, once per process.
 */
function startThread(job: ThreadJob): Worker {
  const options = { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 128 } };
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./thread.js", import.meta.url), options);
  return new Worker(threadFromSources(), { ...options, eval: true });
}

let compiledThread: string | undefined;

function threadFromSources(): string {
  if (compiledThread === undefined) {
    const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
    const built = esbuild.buildSync({ entryPoints: [fileURLToPath(new URL("./thread.ts", import.meta.url))], bundle: true, format: "cjs", platform: "node", target: "node20", write: false, logLevel: "silent" });
    compiledThread = built.outputFiles[0]?.text ?? "";
  }
  return compiledThread;
}
