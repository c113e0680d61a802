/**
 * The sandbox launcher (native/sandbox-launch.c), which replaces a run's wrapper shell and
 * setpriv when roadwork runs as root: its command line, and what the program it starts
 * gets (uid, groups, capabilities, no_new_privs, descriptors, rlimits), or its refusal.
 * Every run of the contract suite (bwrap.test.ts) goes through it too when it is built.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCommand, type LaunchPlan } from "../../src/grading/sandbox/bwrap/argv.js";
import { ensureLauncher } from "../../src/grading/sandbox/bwrap/launcher.js";
import { resolveLimits } from "../../src/grading/sandbox/limits.js";

const isRoot = process.getuid?.() === 0;
/** Far above the uid pool (1900000000 and up, a few thousand): no run of another test has it. */
const UID = 2_100_000_123;
const READ_STATE = [
  "import os, re",
  "print(os.getuid(), os.getgid(), os.geteuid(), os.getegid(), os.getgroups())",
  "print(sorted(int(fd) for fd in os.listdir('/proc/self/fd')))",
  "print(' '.join(l.split()[0] + l.split()[1] for l in open('/proc/self/status') if l.startswith(('Cap', 'NoNewPrivs'))))",
  "for line in open('/proc/self/limits'):",
  "    if re.match(r'Max (cpu time|file size|processes|open files|core file size) ', line): print(re.sub(r'  +', '|', line.strip()))",
].join("\n");

const plan = (overrides: Partial<LaunchPlan> = {}): LaunchPlan => {
  const limits = { ...resolveLimits(undefined), cpuTimeMs: 1500, fileSizeBytes: 5120, openFiles: 100 };
  return { uid: 1_900_000_005, switchUid: true, launcher: "/cache/sandbox-launch-x", limits, tasks: 15, cgroupProcsFiles: ["/cg/memory/r/cgroup.procs", "/cg/pids/r/cgroup.procs"], workspace: { work: "/r/work", tmp: "/r/tmp", shm: "/r/shm" }, etc: { shared: "/etc-shared", perRun: [] }, mounts: [], env: { PATH: "/usr/bin:/bin" }, cwd: "/work", argv: ["/usr/bin/true"], infoFd: 4, seccompFd: 5, closeFdsAbove: undefined, ...overrides };
};

void describe("the sandbox launcher's command line", () => {
  void it("starts bwrap from the launcher, with the limits (file size in bytes), the cgroups and the uid, and no shell or setpriv", () => {
    const { file, args } = buildCommand(plan());
    assert.equal(file, "/cache/sandbox-launch-x");
    assert.deepEqual(args.slice(0, args.indexOf("/usr/bin/bwrap")), ["5", "--limits", "2", "3", "5120", "100", "15", "2", "/cg/memory/r/cgroup.procs", "/cg/pids/r/cgroup.procs", "1900000005", "--"]);
    assert.ok(!args.includes("/usr/bin/setpriv") && !args.includes("/bin/dash"));
    assert.deepEqual(args.slice(-2), ["--", "/usr/bin/true"]);
  });

  void it("keeps the info descriptor when there is no seccomp filter, and passes the tmpfs to mount", () => {
    const { args } = buildCommand(plan({ seccompFd: undefined, mountTmpfs: { options: "size=1024,mode=0711", root: "/runs/r" } }));
    assert.deepEqual(args.slice(0, 4), ["4", "--mount", "size=1024,mode=0711", "/runs/r"]);
  });

  void it("is not used when the uid is not switched (not root): the shell runs as before", () => {
    assert.equal(buildCommand(plan({ switchUid: false })).file, "/bin/dash");
  });

  void it("refuses uid 0", () => {
    assert.throws(() => buildCommand(plan({ uid: 0 })), /refusing to run the sandbox as uid 0/);
  });
});

void describe("the sandbox launcher, built and run", { skip: isRoot ? false : "it drops from root to a run's uid: needs root" }, () => {
  let cache: string;
  let launcher: string | undefined;
  before(async () => {
    cache = mkdtempSync(join(tmpdir(), "roadwork-launcher-"));
    launcher = await ensureLauncher(cache);
  });
  after(() => rmSync(cache, { recursive: true, force: true }));

  const launch = (args: string[], extraFds = 0): ReturnType<typeof spawnSync> => {
    if (launcher === undefined) throw new Error("not built");
    const held = Array.from({ length: extraFds }, () => openSync("/dev/null", "r"));
    try {
      // Descriptors 3.. of the child: a leak the launcher must close (it keeps 0-2 here).
      return spawnSync(launcher, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe", ...held] });
    } finally {
      for (const fd of held) closeSync(fd);
    }
  };

  void it("is built when a C compiler is there, and reused from the cache", async (t) => {
    if (launcher === undefined) return t.skip("no C compiler on this machine: runs keep the shell and setpriv");
    assert.equal(await ensureLauncher(cache), launcher);
  });

  void it("starts the program as the uid, with no groups, no capabilities, no_new_privs, only descriptors 0-2 and the rlimits", (t) => {
    if (launcher === undefined) return t.skip("not built");
    const run = launch(["2", "--limits", "2", "3", "4096", "100", "15", "0", String(UID), "--", "/usr/bin/python3", "-I", "-c", READ_STATE], 3);
    assert.equal(run.status, 0, String(run.stderr));
    assert.deepEqual(String(run.stdout).trim().split("\n"), [
      `${UID} ${UID} ${UID} ${UID} []`,
      "[0, 1, 2, 3]", // 3: the listing's own descriptor
      "CapInh:0000000000000000 CapPrm:0000000000000000 CapEff:0000000000000000 CapBnd:0000000000000000 CapAmb:0000000000000000 NoNewPrivs:1",
      "Max cpu time|2|3|seconds",
      "Max file size|4096|4096|bytes",
      "Max core file size|0|0|bytes",
      "Max processes|15|15|processes",
      "Max open files|100|100|files",
    ]);
  });

  void it("refuses uid 0, a cgroup it cannot join and a relative program with status 125, before the program runs", (t) => {
    if (launcher === undefined) return t.skip("not built");
    const cases: Array<[string[], RegExp]> = [
      [["2", "0", "0", "--", "/usr/bin/touch", join(cache, "ran")], /^roadwork-sandbox: refusing to run the sandbox as uid 0/],
      [["2", "1", join(cache, "no-such-cgroup", "cgroup.procs"), String(UID), "--", "/usr/bin/touch", join(cache, "ran")], /^roadwork-sandbox: cannot join cgroup .*no-such-cgroup/],
      [["2", "0", String(UID), "--", "touch", join(cache, "ran")], /^roadwork-sandbox: missing -- PROGRAM/],
      [["2", "--limits", "x", "3", "4096", "100", "15", "0", String(UID), "--", "/usr/bin/true"], /^roadwork-sandbox: CPU is not a number/],
    ];
    for (const [args, message] of cases) {
      const run = launch(args);
      assert.equal(run.status, 125, `${args.join(" ")}: ${String(run.stderr)}`);
      assert.match(String(run.stderr), message);
    }
    assert.equal(spawnSync("/usr/bin/test", ["-e", join(cache, "ran")]).status, 1, "a refused program must not have run");
  });
});
