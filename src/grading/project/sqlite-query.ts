/**
 * Reads the app's SQLite database from the host side for TypeScript stages (t.query).
 * The file was written inside the sandbox, so it is never opened by path: the database and
 * its WAL are read through O_NOFOLLOW descriptors (refusing links and hard links) into a
 * private copy, and only read-only statements run against that copy. SQLite would otherwise
 * open -wal/-shm/-journal companions by name, which the app could have made symlinks.
 */
import { constants, openSync, fstatSync, closeSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import Database from "better-sqlite3";
import { readOpenFile } from "./read-open-file.js";

const MAX_DB_BYTES = 64 * 1024 * 1024;

export class QueryError extends Error {
  override readonly name = "QueryError";
}

/** The host path of the database file that `sqlite:////data/app.db` names, given where /data is. */
export function sqliteHostPath(databaseUrl: string, dataSandboxPath: string, dataHostPath: string): string | undefined {
  const match = /^sqlite:\/\/\/(\/.+)$/.exec(databaseUrl);
  const path = match?.[1];
  if (path === undefined || !path.startsWith(`${dataSandboxPath}/`)) return undefined;
  const rel = path.slice(dataSandboxPath.length + 1);
  if (rel.split("/").some((part) => part === ".." || part === "")) return undefined;
  return join(dataHostPath, rel);
}

export function querySqlite(dbPath: string, sql: string, params: readonly unknown[] = []): Array<Record<string, unknown>> {
  const main = readNoFollow(dbPath);
  if (main === undefined) throw new QueryError(`the app's database does not exist yet (expected at ${dbPath.split("/").pop() ?? dbPath} in the data folder)`);
  const wal = readNoFollow(`${dbPath}-wal`);
  const dir = mkdtempSync(join(tmpdir(), "roadwork-query-"));
  try {
    const copy = join(dir, "app.db");
    writeFileSync(copy, main, { mode: 0o600 });
    if (wal !== undefined) writeFileSync(`${copy}-wal`, wal, { mode: 0o600 });
    const db = new Database(copy, { fileMustExist: true });
    try {
      const statement = db.prepare(sql);
      if (!statement.readonly) throw new QueryError("t.query runs read-only statements only (SELECT ...)");
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof QueryError) throw error;
    throw new QueryError(`the query failed: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The whole content of a regular, singly-linked file, or undefined when there is none. */
function readNoFollow(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    if (code === "ELOOP") throw new QueryError("the app's database is a symbolic link; roadwork does not follow links the app made");
    throw new QueryError(`cannot open the app's database: ${code ?? String(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new QueryError("the app's database is not a regular file");
    if (stat.nlink > 1) throw new QueryError("the app's database has more than one hard link; roadwork does not read it");
    if (stat.size > MAX_DB_BYTES) throw new QueryError(`the app's database is larger than ${MAX_DB_BYTES / 1024 / 1024} MiB`);
    return readOpenFile(fd, stat.size);
  } finally {
    closeSync(fd);
  }
}
