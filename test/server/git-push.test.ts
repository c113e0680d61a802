/**
 * `git push` to roadwork as a learner does it: the real server (started through the CLI,
 * fresh SQLite, grading in the sandbox) and the host's git client pushing test repositories
 * over smart HTTP with an API token as the password. The stage results arrive in the push's
 * output, the submission records the commit, and the pushes that must not pass (no token,
 * a wrong token, too large, hostile trees) do not.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "../browser/server.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";
import { commitAll, git, push, repoOf } from "../git-remote.js";

const REFERENCE = "tracks/python-backend/projects/task-tracker/reference/flask";
const skip = await skipWithoutSandbox();

interface Learner { token: string; userId: string }

async function learner(url: string, email: string): Promise<Learner> {
  const signup = await fetch(`${url}/api/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, name: email.split("@")[0], password: "correct horse battery" }) });
  assert.equal(signup.status, 201, await signup.clone().text());
  const { user, csrfToken } = (await signup.json()) as { user: { id: string }; csrfToken: string };
  const cookie = /rw_session=[^;]+/.exec(signup.headers.get("set-cookie") ?? "")?.[0] ?? "";
  const created = await fetch(`${url}/api/tokens`, { method: "POST", headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken }, body: JSON.stringify({ name: "git" }) });
  assert.equal(created.status, 201, await created.clone().text());
  return { token: ((await created.json()) as { token: string }).token, userId: user.id };
}

function basic(token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`learner:${token}`).toString("base64")}` };
}

describe("git push", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let ada: Learner;
  let bob: Learner;
  const made: string[] = [];
  const marker = join(tmpdir(), `roadwork-hook-ran-${process.pid}`);

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-git-push-"));
    server = await startServer(dataDir);
    ada = await learner(server.url, "ada@example.org");
    bob = await learner(server.url, "bob@example.org");
  });

  after(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
    rmSync(marker, { force: true });
  });

  const repo = (from: string | undefined, files: Record<string, string> = {}): string => {
    const dir = repoOf(from, files);
    made.push(dir);
    return dir;
  };

  async function advertised(token: string): Promise<string> {
    const response = await fetch(`${server.url}/git/task-tracker.git/info/refs?service=git-receive-pack`, { headers: basic(token) });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/x-git-receive-pack-advertisement");
    return response.text();
  }

  async function submissions(token: string): Promise<Array<{ id: string; status: string; commitId: string | null }>> {
    const response = await fetch(`${server.url}/api/projects/task-tracker/submissions`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    return ((await response.json()) as { submissions: Array<{ id: string; status: string; commitId: string | null }> }).submissions;
  }

  let adaRepo: string;

  it("grades a push of the task-tracker reference, with every stage's result in the push output and the commit on the submission", async () => {
    adaRepo = repo(REFERENCE);
    const head = git(adaRepo, "rev-parse", "HEAD");
    const run = await push(adaRepo, server.url, "task-tracker", ada.token);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /^remote: stage 1: .* \.\.\. pass\s*$/m, "stage lines arrive through side-band as remote: lines");
    assert.match(run.output, /^remote: stage 11: .* \.\.\. pass\s*$/m);
    assert.match(run.output, /^remote: all \d+ checks pass/m);
    assert.match(run.output, /\* \[new branch\]\s+main -> main/, "report-status: the branch was taken");
    const [latest] = await submissions(ada.token);
    assert.equal(latest?.status, "pass");
    assert.equal(latest?.commitId, head, "the submission records the pushed commit");
    assert.ok((await advertised(ada.token)).includes(`${head} refs/heads/main`), "the branch now points at the pushed commit");
  });

  it("keeps a failing push (the branch moves) and says which stage failed and what came back", async () => {
    const app = join(adaRepo, "app.py");
    writeFileSync(app, readFileSync(app, "utf8").replace('{"status": "ok"}', '{"status": "OK"}'));
    const head = commitAll(adaRepo, "capitalise the health status");
    const run = await push(adaRepo, server.url, "task-tracker", ada.token);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /^remote: stage 1: .* \.\.\. fail\s*$/m);
    assert.match(run.output, /got "OK"/, "the failure says what came back");
    assert.match(run.output, /stage 1 failed .* your push is kept/);
    assert.match(run.output, /[0-9a-f]+\.\.[0-9a-f]+\s+main -> main/, "a fast-forward: only the new objects were sent");
    const [latest] = await submissions(ada.token);
    assert.equal(latest?.status, "fail");
    assert.equal(latest?.commitId, head);
  });

  it("asks for credentials (401 with WWW-Authenticate) and refuses a push without a token or with a wrong one", async () => {
    const none = await fetch(`${server.url}/git/task-tracker.git/info/refs?service=git-receive-pack`);
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Basic realm="roadwork"/);
    const wrong = await fetch(`${server.url}/git/task-tracker.git/info/refs?service=git-receive-pack`, { headers: basic("rw_not-a-token") });
    assert.equal(wrong.status, 401);
    const dir = repo(REFERENCE);
    const anonymous = await push(dir, server.url, "task-tracker", undefined);
    assert.notEqual(anonymous.code, 0);
    assert.match(anonymous.output, /could not read Username|Authentication failed/);
    const guessed = await push(dir, server.url, "task-tracker", "rw_guessed");
    assert.notEqual(guessed.code, 0);
    assert.match(guessed.output, /Authentication failed/);
    assert.equal(await fetch(`${server.url}/git/no-such-project.git/info/refs?service=git-receive-pack`, { headers: basic(ada.token) }).then((r) => r.status), 404);
    assert.equal(await fetch(`${server.url}/git/task-tracker.git/info/refs?service=git-upload-pack`, { headers: basic(ada.token) }).then((r) => r.status), 403, "the remote takes pushes only");
  });

  it("gives each learner their own remote: Bob's token never reaches Ada's repository (and a push over 1 MiB goes through)", async () => {
    const adaHead = git(adaRepo, "rev-parse", "HEAD");
    assert.ok(!(await advertised(bob.token)).includes(adaHead), "Bob's remote does not show Ada's branch");
    const adaBefore = await submissions(ada.token);
    const dir = repo(undefined, { "README.md": "Bob's start\n" });
    // Over git's 1 MiB post buffer: git first probes with a flush alone, then sends the pack chunked.
    writeFileSync(join(dir, "photo.bin"), randomBytes(2 * 1024 * 1024));
    commitAll(dir, "a photo");
    const run = await push(dir, server.url, "task-tracker", bob.token);
    assert.equal(run.code, 0, run.output);
    assert.ok((await advertised(ada.token)).includes(`${adaHead} refs/heads/main`), "Ada's branch is where she left it");
    assert.equal((await submissions(ada.token)).length, adaBefore.length, "Bob's push made no submission of Ada's");
    assert.equal((await submissions(bob.token))[0]?.commitId, git(dir, "rev-parse", "HEAD"));
  });

  it("refuses a push over the size limit with 413, by name", async () => {
    const big = await fetch(`${server.url}/git/task-tracker.git/git-receive-pack`, { method: "POST", headers: { ...basic(ada.token), "content-type": "application/x-git-receive-pack-request" }, body: randomBytes(11 * 1024 * 1024) });
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as { error: { code: string } }).error.code, "PAYLOAD_TOO_LARGE");
    const many = Array.from({ length: 21 }, (_, i) => `${"0".repeat(40)} ${"1".repeat(40)} refs/heads/b${i}`);
    const lines = many.map((line, i) => { const text = i === 0 ? `${line}\0report-status\n` : `${line}\n`; return `${(text.length + 4).toString(16).padStart(4, "0")}${text}`; });
    const crowded = await fetch(`${server.url}/git/task-tracker.git/git-receive-pack`, { method: "POST", headers: { ...basic(ada.token), "content-type": "application/x-git-receive-pack-request" }, body: `${lines.join("")}0000` });
    assert.equal(crowded.status, 400);
    assert.match(((await crowded.json()) as { error: { message: string } }).error.message, /at most 20 branches/);
    const dir = repo(undefined, { "README.md": "big\n" });
    writeFileSync(join(dir, "data.bin"), randomBytes(12 * 1024 * 1024));
    commitAll(dir, "a data file");
    const run = await push(dir, server.url, "task-tracker", ada.token, "--force", "main");
    assert.notEqual(run.code, 0);
    assert.match(run.output, /413/);
  });

  it("never runs what a hostile tree holds: hooks, filters and config are files; a link is left out", async () => {
    const dir = repo(REFERENCE, {
      ".gitattributes": "* filter=evil diff=evil\n",
      config: `[core]\n\thooksPath = hooks\n\tfsmonitor = touch ${marker}\n[filter "evil"]\n\tclean = touch ${marker}\n\tsmudge = touch ${marker}\n`,
    });
    mkdirSync(join(dir, "hooks"));
    for (const hook of ["pre-receive", "update", "post-receive", "post-update"]) writeFileSync(join(dir, "hooks", hook), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    symlinkSync("/etc/passwd", join(dir, "passwd"));
    commitAll(dir, "hostile files");
    const run = await push(dir, server.url, "task-tracker", ada.token, "--force", "main");
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /left out of grading .*passwd/);
    assert.match(run.output, /^remote: all \d+ checks pass/m, "the tree was graded as the reference it is");
    assert.equal(existsSync(marker), false, "no hook, filter or fsmonitor ran");

    const submodule = repo(undefined, { "README.md": "x\n" });
    writeFileSync(join(submodule, ".gitmodules"), '[submodule "../../../escape"]\n\tpath = escape\n\turl = -u./payload\n');
    const before = await advertised(ada.token);
    commitAll(submodule, "a hostile .gitmodules");
    const refused = await push(submodule, server.url, "task-tracker", ada.token, "--force", "main:refs/heads/other");
    assert.notEqual(refused.code, 0, refused.output);
    assert.match(refused.output, /could not be read/);
    assert.equal(await advertised(ada.token), before, "nothing of the refused push was kept");
    assert.equal(existsSync(marker), false);
  });
});
