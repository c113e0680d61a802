/**
 * t.query for apps on SQLite. The app wrote the database, so it is read the way the host
 * reads anything the sandbox wrote: the file and its WAL through O_NOFOLLOW descriptors
 * (refusing links and hard links), asynchronously. The query itself runs in the sandbox
 * (sqlite-reader-script.ts), in a process of its own with a time limit, so that neither an
 * expensive view or generated column nor a crafted file can hold up or reach the grader:
 * the grader's event loop only waits for a line of JSON.
 *
 * One reader process per run, started on the first query (or ahead of it, prepare()) and
 * reused; a query past the time limit kills it (the next query starts another).
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { Log } from "../../log.js";
import type { Sandbox, SandboxProcess } from "../sandbox/types.js";
import { SQLITE_READER_PY } from "./sqlite-reader-script.js";

const PYTHON = "/usr/bin/python3";
const MIB = 1024 * 1024;
const MAX_DB_BYTES = 64 * MIB;
export const MAX_ROWS = 10_000;
export const QUERY_TIME_LIMIT_MS = 10_000;

export class QueryError extends Error {
  override readonly name = "QueryError";
}

export type Rows = Array<Record<string, unknown>>;

/** The host path of the database file that `sqlite:////data/app.db` names, given where /data is. */
export function sqliteHostPath(databaseUrl: string, dataSandboxPath: string, dataHostPath: string): string | undefined {
  const match = /^sqlite:\/\/\/(\/.+)$/.exec(databaseUrl);
  const path = match?.[1];
  if (path === undefined || !path.startsWith(`${dataSandboxPath}/`)) return undefined;
  const rel = path.slice(dataSandboxPath.length + 1);
  if (rel.split("/").some((part) => part === ".." || part === "")) return undefined;
  return join(dataHostPath, rel);
}

export interface SqliteReaderOptions {
  sandbox: Sandbox;
  log: Log;
  timeLimitMs?: number;
}

export interface SqliteReader {
  query(dbPath: string, sql: string, params?: readonly unknown[]): Promise<Rows>;
  /**
   * Starts the reader ahead of the first query, so that the query does not wait for a sandbox
   * and a Python start: it waits at niceness 19 until the query comes.
   */
  prepare(): void;
  close(): Promise<void>;
}

interface Pending {
  resolve(rows: Rows): void;
  reject(error: Error): void;
}

export function createSqliteReader(options: SqliteReaderOptions): SqliteReader {
  const timeLimitMs = options.timeLimitMs ?? QUERY_TIME_LIMIT_MS;
  let proc: SandboxProcess | undefined;
  let pending: Pending | undefined;
  /** Queries wait for each other: the reader answers one at a time. */
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): SandboxProcess => {
    const started = options.sandbox.spawn({
      argv: [PYTHON, "-I", "-S", "-B", "-c", SQLITE_READER_PY],
      network: "none",
      limits: {
        wallTimeMs: 60 * 60_000,
        cpuTimeMs: 10 * 60_000,
        memoryBytes: 512 * MIB,
        // The database and its WAL are written into /work before each query.
        diskBytes: 3 * MAX_DB_BYTES,
        fileSizeBytes: MAX_DB_BYTES + MIB,
        outputBytes: 64 * MIB,
        processes: 4,
      },
      // Started ahead (prepare), it gives way to the app and the grader until its first query.
      idleUntilInput: true,
      lowPriorityUntilInput: true,
    });
    const decoder = new StringDecoder("utf8");
    let buffered = "";
    started.stdout.on("data", (chunk: Buffer) => {
      buffered += decoder.write(chunk);
      for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        settle(line);
      }
    });
    started.result.then(
      (result) => {
        if (proc !== started) return;
        proc = undefined;
        const why = result.limitsHit[0]?.message ?? `the reader stopped (${result.signal ?? `exit ${result.exitCode ?? "?"}`}): ${result.stderr.toString("utf8").trim().split("\n").pop() ?? ""}`;
        pending?.reject(new QueryError(`reading the app's database failed: ${why}`));
        pending = undefined;
      },
      (error: unknown) => {
        if (proc === started) proc = undefined;
        pending?.reject(error instanceof Error ? error : new Error(String(error)));
        pending = undefined;
      },
    );
    return started;
  };

  const settle = (line: string): void => {
    const waiting = pending;
    pending = undefined;
    if (waiting === undefined) return;
    let answer: { rows?: unknown[]; error?: string; kind?: string };
    try {
      answer = JSON.parse(line) as typeof answer;
    } catch (error) {
      waiting.reject(new QueryError(`the database reader answered something unreadable: ${(error as Error).message}`));
      return;
    }
    if (answer.rows !== undefined) waiting.resolve(answer.rows.map((row) => decodeRow(row as Record<string, unknown>)));
    else if (answer.kind === "readonly") waiting.reject(new QueryError("t.query runs read-only statements only (SELECT ...)"));
    else if (answer.kind === "rows") waiting.reject(new QueryError(`the query returned more than ${MAX_ROWS} rows; narrow it down (WHERE, LIMIT)`));
    else waiting.reject(new QueryError(`the query failed: ${answer.error ?? "no reason given"}`));
  };

  const runOne = async (dbPath: string, sql: string, params: readonly unknown[]): Promise<Rows> => {
    const main = await readNoFollow(dbPath);
    if (main === undefined) throw new QueryError(`the app's database does not exist yet (expected at ${dbPath.split("/").pop() ?? dbPath} in the data folder)`);
    const wal = (await readNoFollow(`${dbPath}-wal`)) ?? Buffer.alloc(0);
    proc ??= start();
    const reader = proc;
    const header = JSON.stringify({ sql, params: params.map(encodeParam), db: main.length, wal: wal.length, maxRows: MAX_ROWS });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<Rows>((resolve, reject) => {
        pending = { resolve, reject };
        timer = setTimeout(() => {
          pending = undefined;
          if (proc === reader) proc = undefined;
          void reader.kill().catch((error: unknown) => options.log.warn({ err: error }, "stopping the SQLite reader after its time limit failed"));
          reject(new QueryError(`t.query time limit ${timeLimitMs / 1000} s reached: the query did not finish (a view, a trigger or a generated column of the app's database may make it slow)`));
        }, timeLimitMs);
        const stdin = reader.stdin;
        if (stdin === null) {
          reject(new Error("the SQLite reader has no stdin"));
          return;
        }
        stdin.write(`${header}\n`);
        stdin.write(main);
        stdin.write(wal);
      });
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    prepare() {
      proc ??= start();
    },
    query(dbPath, sql, params = []) {
      const run = queue.then(() => runOne(dbPath, sql, params));
      // The caller gets the error from `run`; the queue only needs to know it is over.
      queue = Promise.allSettled([run]);
      return run;
    },
    async close() {
      const running = proc;
      proc = undefined;
      if (running !== undefined) {
        running.stdin?.end();
        await running.kill().catch((error: unknown) => options.log.warn({ err: error }, "stopping the SQLite reader failed"));
      }
    },
  };
}

function encodeParam(value: unknown): unknown {
  return Buffer.isBuffer(value) || value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString("base64") } : value;
}

function decodeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) out[name] = decodeValue(value);
  return out;
}

function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const tagged = value as { $bytes?: string; $float?: string };
  if (typeof tagged.$bytes === "string") return Buffer.from(tagged.$bytes, "base64");
  if (tagged.$float === "inf") return Infinity;
  if (tagged.$float === "-inf") return -Infinity;
  if (tagged.$float === "nan") return NaN;
  return value;
}

/** The whole content of a regular, singly-linked file, or undefined when there is none. */
async function readNoFollow(path: string): Promise<Buffer | undefined> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw new QueryError("the app's database is a symbolic link; roadwork does not follow links the app made");
    throw new QueryError(`cannot open the app's database: ${code ?? String(error)}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new QueryError("the app's database is not a regular file");
    if (stat.nlink > 1) throw new QueryError("the app's database has more than one hard link; roadwork does not read it");
    if (stat.size > MAX_DB_BYTES) throw new QueryError(`the app's database is larger than ${MAX_DB_BYTES / MIB} MiB`);
    const data = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const { bytesRead } = await handle.read(data, read, stat.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return data.subarray(0, read);
  } finally {
    await handle.close();
  }
}
