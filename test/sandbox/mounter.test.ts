/**
 * The tmpfs mounter: its root helper (python/sandbox/mount_helper.py) answers the protocol
 * and refuses anything that is not a run folder name or a number, and the Mounter mounts
 * and unmounts through it (or mount(8) directly before it answers) leaving nothing behind.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Mounter } from "../../src/grading/sandbox/bwrap/mounter.js";
import { MOUNT_HELPER_SCRIPT } from "../../src/grading/sandbox/bwrap/python-files.js";

const isRoot = process.getuid?.() === 0;
const skip = isRoot ? false : "mounting a tmpfs needs root";
const TMPFS_MAGIC = 0x01021994;

function mounted(path: string): boolean {
  return readFileSync("/proc/self/mountinfo", "utf8").split("\n").some((line) => line.split(" ")[4] === path);
}

describe("mount helper", { skip }, () => {
  let runs: string;
  before(() => {
    runs = mkdtempSync(join(tmpdir(), "roadwork-mounter-"));
  });
  after(() => {
    rmSync(runs, { recursive: true, force: true });
  });

  it("answers each command in order and refuses names and numbers it does not expect", () => {
    mkdirSync(join(runs, "123-abc"));
    const commands = ["ping", "mount 123-abc 1048576 256", "mount ../etc 1048576 256", "mount 123-abc 1m 256", "mount 123-abc 1048576", "umount /", "format 123-abc", "umount 123-abc", "umount 123-abc"];
    const run = spawnSync("/usr/bin/python3", ["-I", "-S", MOUNT_HELPER_SCRIPT, runs], { input: `${commands.join("\n")}\n`, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const answers = run.stdout.trim().split("\n");
    assert.deepEqual(answers.map((a) => (a.startsWith("err ") && a !== "err bad command" ? "err (other)" : a)), ["ok", "ok", "err bad command", "err (other)", "err bad command", "err bad command", "err bad command", "ok", "ok"]);
    assert.equal(mounted(join(runs, "123-abc")), false);
  });

  it("mounts a sized tmpfs and unmounts it through the helper, removing the folder", async () => {
    const mounter = new Mounter(runs);
    mounter.noteWorkspace();
    mounter.noteWorkspace();
    // Give the helper its start; whether it answers first or not, the outcome is the same.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const name of ["456-def", "457-0a1"]) {
      const path = join(runs, name);
      mkdirSync(path);
      await mounter.mount(name, 2 * 1024 * 1024, 512);
      assert.equal(mounted(path), true);
      const fs = statfsSync(path);
      assert.equal(fs.type, TMPFS_MAGIC);
      assert.equal(fs.blocks * fs.bsize, 2 * 1024 * 1024);
      await mounter.umount(name);
      assert.equal(mounted(path), false);
      assert.equal(existsSync(path), false);
    }
  });
});
