/**
 * The learner's side of `git push` in tests and benches: a repository made from a folder,
 * and the host's own git client pushing it (trusted test data, run on the learner's side).
 * No global or system git configuration takes part, and git never prompts.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HOME = mkdtempSync(join(tmpdir(), "roadwork-git-home-"));
export const GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  GIT_AUTHOR_NAME: "Ada",
  GIT_AUTHOR_EMAIL: "ada@example.org",
  GIT_COMMITTER_NAME: "Ada",
  GIT_COMMITTER_EMAIL: "ada@example.org",
  LC_ALL: "C",
};

export function git(cwd: string, ...args: string[]): string {
  const run = spawnSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
  return run.stdout.trim();
}

/** A new repository holding a copy of `from` (or nothing), one commit on main; returns its folder. */
export function repoOf(from: string | undefined, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-push-"));
  if (from !== undefined) cpSync(from, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "my project");
  return dir;
}

/** Commits every change in `dir`; returns the new commit's id. */
export function commitAll(dir: string, message: string): string {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

export interface PushRun {
  code: number | null;
  /** What git printed (the server's side-band lines come as "remote: ..."). */
  output: string;
}

/** `git push <server>/git/<project>.git <refspec>` with the token as the password (undefined: no credentials). */
export function push(dir: string, server: string, project: string, token: string | undefined, ...refspec: string[]): Promise<PushRun> {
  const url = new URL(`/git/${project}.git`, server);
  if (token !== undefined) {
    url.username = "learner";
    url.password = token;
  }
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["-c", "credential.helper=", "push", "--progress", url.href, ...(refspec.length === 0 ? ["main"] : refspec)], { cwd: dir, env: GIT_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    // A guard against a hang, not a speed check.
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
