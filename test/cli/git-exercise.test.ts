/**
 * A git exercise as a learner does it: `roadwork start ID` makes the starter repository, the
 * learner works with git, `roadwork submit ID FOLDER` sends a bundle to a real server, which
 * grades it in the sandbox. Also what the API says to something that is not a bundle.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../browser/server.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

const ID = "git-resolve-conflict";
const skip = await skipWithoutSandbox();
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "Learner", GIT_AUTHOR_EMAIL: "l@example.org", GIT_COMMITTER_NAME: "Learner", GIT_COMMITTER_EMAIL: "l@example.org" };

function cli(args: string[]): { code: number | null; out: string } {
  const env = { ...process.env };
  delete env.ROADWORK_SERVER;
  delete env.ROADWORK_TOKEN;
  const run = spawnSync(process.execPath, ["bin/roadwork.cjs", ...args], { encoding: "utf8", env, timeout: 120_000 });
  return { code: run.status, out: `${run.stdout}\n--- stderr ---\n${run.stderr}` };
}

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync("git", args, { cwd, encoding: "utf8", env: GIT_ENV });
  return run.stdout + run.stderr;
}

void describe("a git exercise from roadwork start to roadwork submit", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let scratch: string;
  let token: string;
  let session: { cookie: string; csrf: string };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-git-server-"));
    scratch = await mkdtemp(join(tmpdir(), "roadwork-git-learner-"));
    server = await startServer(dataDir);
    const signup = await fetch(`${server.url}/api/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "git@example.org", name: "Git Learner", password: "correct horse battery" }) });
    assert.equal(signup.status, 201);
    const cookie = /rw_session=[^;]+/.exec(signup.headers.get("set-cookie") ?? "")?.[0] ?? "";
    session = { cookie, csrf: ((await signup.json()) as { csrfToken: string }).csrfToken };
    const created = await fetch(`${server.url}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": session.csrf }, body: JSON.stringify({ name: "laptop" }) });
    token = ((await created.json()) as { token: string }).token;
  });

  after(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  void it("makes the starter repository, which fails until the conflict is resolved, then passes", async () => {
    const folder = join(scratch, ID);
    const started = cli(["start", ID, "--dir", folder]);
    assert.equal(started.code, 0, started.out);
    assert.match(started.out, /made the repository of git-resolve-conflict/);
    assert.match(git(folder, "branch", "--list"), /\* main\n\s+new-menu/);

    const before = cli(["submit", ID, folder, "--server", server.url, "--token", token]);
    assert.equal(before.code, 1, before.out);
    assert.match(before.out, /bundled every branch and tag/);
    assert.match(before.out, /✗ test_main_ends_with_a_merge_of_new_menu/);

    assert.match(git(folder, "merge", "new-menu"), /CONFLICT/);
    writeFileSync(join(folder, "prices.py"), 'PRICES = {\n    "coffee": 2.50,\n    "tea": 2.20,\n    "juice": 3.50,\n    "cocoa": 3.00,\n}\n');
    git(folder, "add", "prices.py");
    git(folder, "commit", "--no-edit", "--quiet");
    const after = cli(["submit", ID, folder, "--server", server.url, "--token", token]);
    assert.equal(after.code, 0, after.out);
    assert.match(after.out, /PASS: 6 of 6 tests passed/);
  });

  void it("takes a zip of the repository's folder too, as the page's upload sends it (read in the sandbox: test/grading/git-archive.test.ts)", async () => {
    const folder = join(scratch, "zipped");
    assert.equal(cli(["start", ID, "--dir", folder]).code, 0);
    const file = join(scratch, "repo.zip");
    assert.equal(spawnSync("zip", ["-q", "-r", "-y", file, "."], { cwd: folder }).status, 0);
    const body = { bundle: readFileSync(file).toString("base64") };
    const response = await fetch(`${server.url}/api/exercises/${ID}/submissions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    assert.ok(response.ok, await response.clone().text());
  });

  void it("refuses a source or anything that is not a bundle or an archive, saying how to make one", async () => {
    for (const body of [{ source: "print(1)" }, { bundle: Buffer.from("\u007fELF not a bundle").toString("base64") }]) {
      const response = await fetch(`${server.url}/api/exercises/${ID}/submissions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      assert.equal(response.status, 400, await response.clone().text());
      if ("bundle" in body) assert.match(await response.text(), /git bundle create/);
    }
  });

  void it("refuses to start into a folder that is not empty", () => {
    const run = cli(["start", ID, "--dir", scratch]);
    assert.equal(run.code, 2, run.out);
    assert.match(run.out, /exists and is not empty/);
  });
});
