/**
 * Two real processes race for one pid lock (src/pid-lock.ts), through the sandbox uid pool
 * and through the grading PostgreSQL start lock: at no moment may both hold it. A lock made
 * empty and filled in afterwards was taken for a dead owner's and removed, so two processes
 * held one sandbox uid (test/locks/race-child.ts says DOUBLE).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { isPidLockFile, releasePidLock, tryPidLock } from "../../src/pid-lock.js";

const CHILD = new URL("./race-child.ts", import.meta.url).pathname;
const RACE_MS = 4_000;
const RACERS = 3;

async function race(kind: "uid-pool" | "start-lock"): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-pid-lock-"));
  try {
    const marker = join(dir, "holder");
    const runs = Array.from({ length: RACERS }, () =>
      promisify(execFile)(process.execPath, ["--import", "tsx", CHILD, kind, dir, marker, String(RACE_MS)], { timeout: 120_000 }).then(
        (run) => run.stdout.trim(),
        (error: { stdout?: string; message: string }) => (error.stdout ?? "").trim() || error.message,
      ),
    );
    return await Promise.all(runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function assertNeverHeldTwice(outcomes: string[]): void {
  for (const outcome of outcomes) assert.match(outcome, /^held \d+$/, `a racer said: ${outcome}`);
  const total = outcomes.reduce((sum, outcome) => sum + Number(outcome.split(" ")[1]), 0);
  assert.ok(total > 0, "no racer ever held the lock");
}

void describe("a pid lock raced by several processes", () => {
  void it("is held by one process at a time (sandbox uid pool)", async () => {
    assertNeverHeldTwice(await race("uid-pool"));
  });

  void it("is held by one process at a time (grading PostgreSQL start lock)", async () => {
    assertNeverHeldTwice(await race("start-lock"));
  });
});

void describe("a pid lock", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-pid-lock-"));
  const path = join(dir, "lock");

  void it("is taken once per process and given back", () => {
    assert.equal(tryPidLock(path), true);
    assert.equal(tryPidLock(path), false);
    releasePidLock(path);
    assert.equal(tryPidLock(path), true);
    releasePidLock(path);
    assert.deepEqual(readdirSync(dir), []);
  });

  void it("is taken over from a process that is gone, and from an earlier process with our pid", () => {
    writeFileSync(path, "999999999");
    assert.equal(tryPidLock(path), true);
    releasePidLock(path);
    writeFileSync(path, String(process.pid));
    assert.equal(tryPidLock(path), true);
    releasePidLock(path);
  });

  void it("is not taken from a live process, nor while empty and young (its owner is writing it)", () => {
    writeFileSync(path, String(process.ppid));
    assert.equal(tryPidLock(path), false);
    writeFileSync(path, "");
    assert.equal(tryPidLock(path), false);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    assert.equal(tryPidLock(path), true);
    releasePidLock(path);
    rmSync(dir, { recursive: true, force: true });
  });

  void it("names every file it makes after the lock", () => {
    assert.equal(isPidLockFile("start.lock", "start.lock"), true);
    assert.equal(isPidLockFile("start.lock.takeover", "start.lock"), true);
    assert.equal(isPidLockFile("start.lock.123-4.new", "start.lock"), true);
    assert.equal(isPidLockFile("data", "start.lock"), false);
  });
});
