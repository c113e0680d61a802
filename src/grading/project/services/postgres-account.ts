/**
 * The operating-system account the grader's PostgreSQL server runs as. PostgreSQL refuses to
 * run as root, and the server must not share an account with anything else: as root we use
 * a dedicated system user (created once with useradd); as an ordinary user, that user.
 * Commands run as the account through setpriv, with a fixed environment and no capabilities.
 */
import { execFile } from "node:child_process";
import { userInfo } from "node:os";
import { promisify } from "node:util";
import { RoadworkError } from "../../../errors.js";

const run = promisify(execFile);

export const SERVER_ACCOUNT_NAME = "roadwork-pg";

export interface ServerAccount {
  name: string;
  uid: number;
  gid: number;
  /** True when the grader is root and commands must drop to this account. */
  dropFromRoot: boolean;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

const ENV = Object.freeze({ PATH: "/usr/bin:/bin", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" });

export async function ensureServerAccount(): Promise<ServerAccount> {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return { name: me.username, uid: me.uid, gid: me.gid, dropFromRoot: false };
  }
  const existing = await lookUpAccount(SERVER_ACCOUNT_NAME);
  if (existing !== undefined) return existing;
  try {
    await run("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", "--comment", "roadwork grading PostgreSQL", SERVER_ACCOUNT_NAME]);
  } catch (error) {
    // Another grader process may have created it at the same moment: look again before failing.
    const raced = await lookUpAccount(SERVER_ACCOUNT_NAME);
    if (raced !== undefined) return raced;
    throw new RoadworkError("INFRASTRUCTURE", `cannot create the system user ${SERVER_ACCOUNT_NAME} for the grading PostgreSQL: ${(error as Error).message}`, { cause: error });
  }
  const created = await lookUpAccount(SERVER_ACCOUNT_NAME);
  if (created === undefined) throw new RoadworkError("INFRASTRUCTURE", `useradd ${SERVER_ACCOUNT_NAME} succeeded but the user cannot be found`);
  return created;
}

async function lookUpAccount(name: string): Promise<ServerAccount | undefined> {
  try {
    const { stdout } = await run("getent", ["passwd", name]);
    const fields = stdout.trim().split(":");
    const uid = Number(fields[2]);
    const gid = Number(fields[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid === 0) return undefined;
    return { name, uid, gid, dropFromRoot: true };
  } catch (error) {
    // getent exits with 2 for an unknown account: there is none yet. Anything else (no
    // getent, a failing name service) would make us try to create an account that may exist.
    if ((error as { code?: unknown }).code !== 2) throw error;
    return undefined;
  }
}

/** Runs a program as the account (never through a shell), in `cwd`, with a fixed environment. */
export async function runAsAccount(account: ServerAccount, argv: readonly string[], cwd: string, timeoutMs = 60_000): Promise<CommandOutput> {
  const [file, ...args] = argv;
  if (file === undefined) throw new RoadworkError("INTERNAL", "runAsAccount: empty command");
  const command = account.dropFromRoot
    ? ["/usr/bin/setpriv", `--reuid=${account.uid}`, `--regid=${account.gid}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", file, ...args]
    : [file, ...args];
  const [program, ...rest] = command as [string, ...string[]];
  const { stdout, stderr } = await run(program, rest, { cwd, env: ENV, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 });
  return { stdout, stderr };
}
