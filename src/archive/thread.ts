/**
 * The worker thread that unpacks one archive (unpack.ts starts it): inflating is CPU work
 * that must never hold up the thread answering requests. Posts one ThreadAnswer and ends.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isRoadworkError } from "../errors.js";
import { readArchive } from "./read.js";
import { checkOnlySink, unpackToFolder } from "./sinks.js";
import type { ThreadAnswer, ThreadJob } from "./unpack.js";

function answer(job: ThreadJob): ThreadAnswer {
  const data = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  try {
    const result = job.dest === undefined ? readArchive(data, checkOnlySink, job.limits) : unpackToFolder(data, job.dest, job.limits);
    return { ok: true, result };
  } catch (error) {
    if (isRoadworkError(error)) return { ok: false, code: error.code, message: error.message };
    // Not the archive's fault (a full disk, a bug): the caller's machine failed.
    return { ok: false, message: error instanceof Error ? error.message : String(error), errno: (error as NodeJS.ErrnoException).code };
  }
}

parentPort?.postMessage(answer(workerData as ThreadJob));
