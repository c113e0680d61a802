/**
 * roadwork installed in a private folder (Debian 12 makes home folders 0700): the sandbox's
 * uids cannot reach the package's own python/harness there, so grading must mount a copy
 * they can reach; and `roadwork serve` must refuse to start, saying why, when grading does
 * not work, rather than serve and leave submissions queued for ever. Regression tests for
 * issue 8, finding 16, with the real command.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { skipWithoutSandbox } from "../sandbox-skip.js";

const ROOT = resolve(".");
const EXERCISE = "tracks/python-backend/exercises/running-total";
const skip = (await skipWithoutSandbox()) || (process.getuid?.() !== 0 ? "only root gives runs uids of their own" : false);

void describe("roadwork installed in a private folder", { skip }, () => {
  let home: string;
  let install: string;
  before(() => {
    // dist/ as the command builds it, then the files an installed package has.
    const built = spawnSync(process.execPath, ["bin/roadwork.cjs", "--help"], { encoding: "utf8" });
    assert.equal(built.status, 0, built.stderr);
    home = mkdtempSync(join(tmpdir(), "roadwork-home-"));
    assert.equal(statSync(home).mode & 0o777, 0o700);
    install = join(home, "roadwork");
    mkdirSync(install);
    for (const entry of ["bin", "dist", "python", "package.json"]) cpSync(join(ROOT, entry), join(install, entry), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(install, "node_modules"));
    cpSync(join(ROOT, EXERCISE), join(install, "running-total"), { recursive: true });
  });
  after(() => {
    if (home !== undefined) rmSync(home, { recursive: true, force: true });
  });

  void it("should grade from there", () => {
    const run = spawnSync(join(install, "bin", "roadwork"), ["grade", "running-total", "running-total/solution.py"], { cwd: install, encoding: "utf8", timeout: 120_000 });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /PASS: all \d+ tests passed/);
  });
});

void describe("roadwork serve on a machine where grading does not work", { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "roadwork-serve-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it("should refuse to start and say why", async () => {
    // The sandbox's state under a folder only root can pass: its runs cannot reach their files.
    const env = { ...process.env, ROADWORK_SANDBOX_STATE: join(dir, "private", "state") };
    mkdirSync(join(dir, "private"), { mode: 0o700 });
    const child = spawn(process.execPath, ["bin/roadwork.cjs", "serve", "--port", "0", "--data", join(dir, "data"), "--log-level", "silent"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const outcome = await new Promise<"exited" | "serving">((done) => {
      child.once("exit", () => done("exited"));
      const serving = setInterval(() => {
        if (/listening on/.test(stdout)) done("serving");
      }, 50);
      child.once("exit", () => clearInterval(serving));
      // A guard against a hang, not a speed check.
      setTimeout(() => done("serving"), 120_000).unref();
    });
    if (outcome === "serving" && child.pid !== undefined) process.kill(child.pid, "SIGKILL");
    assert.equal(outcome, "exited", `it served instead:\n${stdout}${stderr}`);
    assert.equal(child.exitCode, 2);
    assert.match(stderr, /^roadwork: this machine cannot grade: .+\. Run `roadwork doctor`/);
    assert.doesNotMatch(stdout, /listening/);
  });
});
