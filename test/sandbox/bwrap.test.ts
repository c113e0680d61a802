/**
 * The bubblewrap Sandbox: the shared contract, then what is specific to this implementation
 * (its protections check, what it leaves on the host, its uid pool, its seccomp details).
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { getPriority, setPriority, tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { createSandbox } from "../../src/grading/sandbox/index.js";
import type { Sandbox } from "../../src/grading/sandbox/index.js";
import { refuseWhenMissing } from "../../src/grading/sandbox/bwrap/bwrap-sandbox.js";
import { readCgroupMounts, readOwnCgroups } from "../../src/grading/sandbox/bwrap/cgroups.js";
import { UidPool } from "../../src/grading/sandbox/bwrap/uid-pool.js";
import { isRoadworkError } from "../../src/errors.js";
import { recordingLog } from "../../src/log.js";
import { CLOSE_FDS_AND_JOIN_SCRIPT } from "../../src/grading/sandbox/bwrap/argv.js";
import { runSandboxContract } from "./contract.js";

/** Prints the rlimits a run has, from /proc/self/limits ("Max cpu time|2|3|seconds"). */
const READ_LIMITS = "import re\nfor line in open('/proc/self/limits'):\n    if re.match(r'Max (cpu time|file size|processes|open files|core file size) ', line): print(re.sub(r'  +', '|', line.strip()))";
/** What READ_LIMITS prints for cpuTimeMs 1500, fileSizeBytes 5000, openFiles 100, processes 10 (plus the sandbox's own). */
const EXPECTED_LIMITS = ["Max cpu time|2|3|seconds", "Max file size|4096|4096|bytes", "Max core file size|0|0|bytes", "Max processes|15|15|processes", "Max open files|100|100|files"];

const isRoot = process.getuid?.() === 0;
const skip = isRoot ? false : "the bubblewrap sandbox needs root (per-run uids, tmpfs, cgroups)";

void describe("bwrap sandbox", { skip }, () => {
  runSandboxContract("bwrap", () => createSandbox());
});

// A machine without a C compiler starts each run with Node's own spawn instead of the spawner,
// and through a shell and setpriv instead of the launcher: the same contract holds there.
void describe("bwrap sandbox without a C compiler", { skip }, () => {
  runSandboxContract("bwrap (Node's spawn, shell and setpriv)", () => createSandbox({ launcher: false, spawner: false }));
});

void describe("bwrap sandbox specifics", { skip }, () => {
  let sandbox: Sandbox;
  let state: string;
  before(async () => {
    // A state folder of our own, so that what is left in it is ours to count.
    state = mkdtempSync(join(tmpdir(), "roadwork-sandbox-state-"));
    chmodSync(state, 0o711);
    sandbox = await createSandbox({ stateDir: join(state, "run") });
  });
  after(async () => {
    await sandbox.close();
    rmSync(state, { recursive: true, force: true });
  });

  // An app that accepts once, answers and exits ends its run at once; the forwarder used to
  // be killed then, before it had passed the answer on (an empty answer about 1 run in 6, or
  // a refusal after the app's only accept). One run rarely shows it; 40 nearly always did.
  void it("passes on the whole answer of an app that answers once and exits, every time", async () => {
    const code = "import socket, sys\nfamily, host = (socket.AF_INET6, '::1') if sys.argv[1] == 'v6' else (socket.AF_INET, 'localhost')\ns = socket.socket(family); s.bind((host, 8003)); s.listen(1)\nc, _ = s.accept(); c.sendall(b'hi ' + sys.argv[1].encode()); c.close()";
    const wrong: string[] = [];
    for (let i = 0; i < 20; i++) {
      for (const which of ["v4", "v6"]) {
        const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", code, which], network: "loopback" });
        let answer: string;
        try {
          answer = (await readAll(await connectWhenReady(() => proc.connect(8003)))).toString();
        } catch (error) {
          answer = `failed: ${String(error)}`;
        }
        await proc.kill();
        if (answer !== `hi ${which}`) wrong.push(`${which} run ${i}: ${JSON.stringify(answer)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  void it("reports every protection active on this machine", async () => {
    const protections = await sandbox.protections();
    const names = protections.map((p) => p.name);
    for (const name of ["per-run uids", "bubblewrap", "setpriv", "rlimits", "user namespaces", "cgroup memory", "cgroup pids", "cgroup cpu", "seccomp filter"]) {
      assert.ok(names.includes(name), `missing ${name}`);
    }
    assert.deepEqual(
      protections.filter((p) => p.essential && !p.active).map((p) => p.name),
      [],
    );
    // This machine has a C compiler: runs go through the launcher and the spawner.
    assert.deepEqual(
      protections.filter((p) => p.name === "sandbox launcher" || p.name === "sandbox spawner").map((p) => `${p.name}: ${p.active}`),
      ["sandbox launcher: true", "sandbox spawner: true"],
    );
  });

  void it("refuses to run learner code when an essential protection is missing, naming it", () => {
    const protections = [
      { name: "bubblewrap", essential: true, active: true, detail: "bubblewrap 0.8.0" },
      { name: "cgroup memory", essential: true, active: false, detail: "the memory controller is not available" },
      { name: "forwarder (nsenter)", essential: false, active: false, detail: "missing" },
    ];
    assert.throws(
      () => refuseWhenMissing(protections, false),
      (error: unknown) => isRoadworkError(error) && error.code === "SANDBOX_UNAVAILABLE" && /cgroup memory/.test(error.message) && !/forwarder/.test(error.message),
    );
    assert.doesNotThrow(() => refuseWhenMissing(protections, true));
    assert.doesNotThrow(() => refuseWhenMissing(protections.filter((p) => p.name !== "cgroup memory"), false));
  });

  void it("leaves no tmpfs, cgroup, socket or uid lock behind after runs", async () => {
    const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-m", "http.server", "8000", "--bind", "127.0.0.1"], network: "loopback" });
    for (let i = 0; i < 200; i++) {
      try {
        (await proc.connect(8000)).destroy();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    await proc.kill();
    await sandbox.run({ argv: ["/usr/bin/python3", "-c", "open('/work/x','w').write('x')"], files: { "a.txt": "a" } });
    const root = join(state, "run");
    assert.deepEqual(readdirSync(join(root, "runs")), []);
    assert.deepEqual(readdirSync(join(root, "sockets")), []);
    assert.deepEqual(readdirSync(join(root, "uids")), []);
    assert.doesNotMatch(readFileSync("/proc/self/mountinfo", "utf8"), new RegExp(root.replace(/[/.]/g, "\\$&")));
    assert.deepEqual(leftoverCgroups(), []);
  });

  void it("sets the rlimits of a run, the file size in whole KiB", async () => {
    const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", READ_LIMITS], limits: { cpuTimeMs: 1500, fileSizeBytes: 5000, openFiles: 100, processes: 10 } });
    assert.equal(result.exitCode, 0, result.stderr.toString());
    assert.deepEqual(result.stdout.toString().trim().split("\n"), EXPECTED_LIMITS);
  });

  void it("runs a waiting run at niceness 19 until its first input with lowPriorityUntilInput, and every run at the grader's own from then on", async () => {
    const niceness = "import os, sys\nprint(os.nice(0), flush=True)\nsys.stdin.readline()\nprint(os.nice(0), flush=True)";
    const own = String(getPriority());
    const seen: string[][] = [];
    const runOnce = async (lowPriorityUntilInput: boolean): Promise<string[]> => {
      const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", niceness], idleUntilInput: true, lowPriorityUntilInput });
      // The input goes only once the first line is out: from it on, the run works at the grader's niceness.
      await new Promise<void>((resolve) => proc.stdout.once("data", () => resolve()));
      proc.stdin?.end("go\n");
      const result = await proc.result;
      assert.equal(result.exitCode, 0, result.stderr.toString());
      return result.stdout.toString().trim().split("\n");
    };
    for (const lowPriorityUntilInput of [true, false]) seen.push(await runOnce(lowPriorityUntilInput));
    assert.deepEqual(seen, [
      ["19", own],
      [own, own],
    ]);
  });

  void it("gives a waiting run back the niceness of a grader that was started nicer, not 0", { skip: process.getuid?.() === 0 ? false : "only root may lower a niceness again" }, async () => {
    const before = getPriority();
    const nicer = Math.min(before + 3, 18);
    setPriority(nicer);
    try {
      const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", "import os, sys\nprint(os.nice(0), flush=True)\nsys.stdin.readline()\nprint(os.nice(0), flush=True)"], idleUntilInput: true, lowPriorityUntilInput: true });
      await new Promise<void>((resolve) => proc.stdout.once("data", () => resolve()));
      proc.stdin?.end("go\n");
      const result = await proc.result;
      assert.equal(result.exitCode, 0, result.stderr.toString());
      assert.deepEqual(result.stdout.toString().trim().split("\n"), ["19", String(nicer)]);
    } finally {
      setPriority(before);
    }
  });

  void it("lowers the forwarder of a waiting run with it, and gives both back their priority at its first input", async () => {
    const marker = `waiting_${process.pid}_${Date.now()}`;
    const ownGroup = existsSync("/proc/self/autogroup") ? readFileSync("/proc/self/autogroup", "utf8") : "";
    const socketDir = mkdtempSync(join(tmpdir(), "roadwork-nice-"));
    const service = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => service.listen(join(socketDir, "svc.sock"), resolve));
    const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", `import sys  # ${marker}\nsys.stdin.readline()\nimport time\ntime.sleep(1)`], network: "loopback", idleUntilInput: true, lowPriorityUntilInput: true });
    try {
      await proc.expose(1025, join(socketDir, "svc.sock"));
      // The forwarder: the process with forwarder.py on its command line in the run's network namespace.
      const program = spawnSync("/usr/bin/pgrep", ["-f", marker], { encoding: "utf8" }).stdout.trim().split("\n").map(Number).find((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("python"));
      assert.ok(program !== undefined, "the run's program");
      const network = readlinkSync(`/proc/${program}/ns/net`);
      const forwarders = spawnSync("/usr/bin/pgrep", ["-f", "forwarder.py"], { encoding: "utf8" }).stdout.trim().split("\n").map(Number);
      const forwarder = forwarders.find((pid) => readlinkSync(`/proc/${pid}/ns/net`) === network);
      assert.ok(forwarder !== undefined, "the run's forwarder");
      const niceness = (pid: number): number[] => readdirSync(`/proc/${pid}/task`).map((tid) => getPriority(Number(tid)));
      assert.deepEqual([...new Set([...niceness(program), ...niceness(forwarder)])], [19], "both wait at 19, every thread");
      // The run's session is a scheduling group of its own where the kernel has autogroup: it waits too.
      const group = (): string | undefined => (existsSync(`/proc/${program}/autogroup`) ? /nice (-?\d+)/.exec(readFileSync(`/proc/${program}/autogroup`, "utf8"))?.[1] : "none");
      const groupWaiting = group();
      proc.stdin?.end("go\n");
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual([...new Set([...niceness(program), ...niceness(forwarder)])], [getPriority()], "both work at the grader's niceness from the input on");
      if (groupWaiting !== "none") {
        assert.deepEqual([groupWaiting, group()], ["19", String(getPriority())], "the run's session group waits at 19, then works at the grader's niceness");
        // Never the grader's own group: written before the run had made its session, it would have been.
        assert.equal(readFileSync("/proc/self/autogroup", "utf8"), ownGroup, "the grader's own scheduling group is untouched");
      }
    } finally {
      await proc.kill();
      service.close();
      rmSync(socketDir, { recursive: true, force: true });
    }
  });

  void it("sets the same rlimits from the bash wrapper (used when descriptors were inherited), whose ulimit counts other blocks", () => {
    // bash: $1 highest descriptor kept, --limits CPU CPU_HARD FSIZE(1024-byte blocks) NOFILE NPROC, no cgroups.
    const run = spawnSync("/bin/bash", ["--norc", "--noprofile", "-c", CLOSE_FDS_AND_JOIN_SCRIPT, "bash", "2", "--limits", "2", "3", "4", "100", "15", "0", "/usr/bin/python3", "-c", READ_LIMITS], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split("\n"), EXPECTED_LIMITS);
  });

  void it("removes the run cgroups a dead roadwork process left, and no others", async () => {
    // pid 2^22 - 1 is above pid_max here: no such process. The other name is not a run cgroup.
    const parents = [...new Set(cgroupParents(RUN_CONTROLLERS))];
    const dead = parents.map((dir) => join(dir, "roadwork-4194303-leftover"));
    const other = parents.map((dir) => join(dir, "not-roadwork-4194303"));
    for (const dir of [...dead, ...other]) mkdirSync(dir);
    try {
      const fresh = await createSandbox({ stateDir: join(state, "run"), freshChecks: true });
      await fresh.close();
      assert.deepEqual(dead.filter((dir) => existsSync(dir)), []);
      assert.deepEqual(other.filter((dir) => !existsSync(dir)), []);
    } finally {
      for (const dir of [...dead, ...other]) if (existsSync(dir)) rmdirSync(dir);
    }
  });

  void it("mounts nothing on the host for a run with private scratch", async () => {
    const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", "import sys; open('/work/x', 'w').write('x'); print('ready', flush=True); sys.stdin.read()"], scratch: "private" });
    const ready = await new Promise<string>((resolve) => proc.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString())));
    assert.equal(ready, "ready\n");
    const root = join(state, "run");
    assert.deepEqual(readdirSync(join(root, "runs")), []);
    assert.doesNotMatch(readFileSync("/proc/self/mountinfo", "utf8"), new RegExp(root.replace(/[/.]/g, "\\$&")));
    proc.stdin?.end();
    assert.equal((await proc.result).exitCode, 0);
  });

  void it("gives the outcome (ended) once the processes are gone, before the clean-up that result waits for", async () => {
    const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", "import sys; open('/work/x', 'w').write('x'); sys.exit(3)"], files: { "a.txt": "a" } });
    assert.ok(proc.ended !== undefined);
    const early = await proc.ended;
    // The run's tmpfs is still mounted: its clean-up is under way, off the caller's path.
    const runs = join(state, "run", "runs");
    assert.equal(readdirSync(runs).length, 1);
    const result = await proc.result;
    assert.equal(early.exitCode, 3, early.stderr.toString());
    assert.deepEqual({ ...early, wallTimeMs: 0 }, { ...result, wallTimeMs: 0 });
    assert.deepEqual(readdirSync(runs), []);
    assert.deepEqual(readdirSync(join(state, "run", "uids")), []);
  });

  void it("kill() before the process started leaves nothing and reports a kill", async () => {
    const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", "print('never')"] });
    const result = await proc.kill();
    assert.equal(result.signal, "SIGKILL");
    assert.equal(result.stdout.length, 0);
    assert.deepEqual(readdirSync(join(state, "run", "runs")), []);
  });

  void it("makes a run whose spawner died a machine fault (INFRASTRUCTURE), not a SIGKILL the learner's code would be blamed for", async () => {
    const proc = sandbox.spawn({ argv: ["/usr/bin/python3", "-c", "import time; print('up', flush=True); time.sleep(30)"] });
    await new Promise((resolve) => proc.stdout.once("data", resolve));
    const spawners = (sandbox as unknown as { machine: { spawners?: { get(): Promise<unknown> } } }).machine.spawners;
    const spawner = (await spawners?.get()) as { proc: { kill(signal: string): void } } | undefined;
    assert.ok(spawner !== undefined, "this machine has a C compiler: runs go through the spawner");
    spawner.proc.kill("SIGKILL");
    await assert.rejects(proc.result, (error: Error & { code?: string }) => error.code === "INFRASTRUCTURE" && /the sandboxed run was lost: the sandbox spawner ended \(SIGKILL\)/.test(error.message));
    assert.deepEqual(readdirSync(join(state, "run", "runs")), []);
  });

  void it("names no limit for a SIGKILL that no counter explains (the code's own lower RLIMIT_CPU), and logs it for the operator", async () => {
    const log = recordingLog();
    const logged = await createSandbox({ stateDir: join(state, "logged"), log });
    try {
      const result = await logged.run({ argv: ["/usr/bin/python3", "-c", "import resource\nresource.setrlimit(resource.RLIMIT_CPU, (1, 1))\nwhile True: pass"] });
      assert.equal(result.signal, "SIGKILL", result.stderr.toString());
      assert.deepEqual(result.limitsHit, [], "its CPU (about 1 s) is under the run's limit: no limit of ours was reached");
      const line = log.lines.find((each) => each.msg === "a sandboxed run was killed by SIGKILL that the grader did not send");
      assert.ok(line, JSON.stringify(log.lines));
      assert.ok(typeof line.fields.cpuTimeMs === "number" && line.fields.cpuTimeMs >= 900, JSON.stringify(line.fields));
      // What it was and its pid on the host: enough to find it in a kernel trace of signals.
      assert.ok(typeof line.fields.pid === "number" && line.fields.pid > 1, JSON.stringify(line.fields));
      assert.match(String(line.fields.program), /^\/usr\/bin\/python3 -c import resource/);
    } finally {
      await logged.close();
    }
  });

  void it("passes arguments verbatim, never through a shell", async () => {
    const tricky = ["$(touch /work/pwned)", "; echo hi", "`id`", "a b", "", "'\""];
    const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", "import sys, os; print(sys.argv[1:] == " + JSON.stringify(tricky) + ", os.path.exists('/work/pwned'))", ...tricky] });
    assert.equal(result.stdout.toString(), "True False\n", result.stderr.toString());
  });

  void it("makes clone3 fail with ENOSYS (so libc falls back to clone) and mount with EPERM", async () => {
    const code = [
      "import ctypes, os",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "def call(*args):",
      "    r = libc.syscall(*args)",
      "    return 'ok' if r >= 0 else os.strerror(ctypes.get_errno())",
      "print(call(435, 0, 0))",
      "print(call(165, b'none', b'/tmp', b'tmpfs', 0, 0))",
      "print(call(56, 0x10000000 | 17, 0, 0, 0, 0))",
    ].join("\n");
    const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", code] });
    assert.equal(result.stdout.toString(), "Function not implemented\nOperation not permitted\nOperation not permitted\n", result.stderr.toString());
  });

  void it("allows only unix, IPv4, IPv6 and netlink sockets (no vsock to a hypervisor, no packet or crypto sockets)", async () => {
    const code = [
      "import socket",
      "for name in ('AF_UNIX', 'AF_INET', 'AF_INET6', 'AF_NETLINK', 'AF_VSOCK', 'AF_PACKET', 'AF_ALG'):",
      "    family = getattr(socket, name)",
      "    kind = socket.SOCK_DGRAM if name in ('AF_NETLINK', 'AF_PACKET') else socket.SOCK_SEQPACKET if name == 'AF_ALG' else socket.SOCK_STREAM",
      "    try:",
      "        socket.socket(family, kind).close(); print(name, 'ok')",
      "    except OSError as e:",
      "        print(name, e.errno)",
    ].join("\n");
    const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", code] });
    assert.equal(result.stdout.toString(), "AF_UNIX ok\nAF_INET ok\nAF_INET6 ok\nAF_NETLINK ok\nAF_VSOCK 97\nAF_PACKET 97\nAF_ALG 97\n", result.stderr.toString());
  });

  void it("kills a process that tries the x32 system call table around the filter", async () => {
    const code = "import ctypes\nlibc = ctypes.CDLL(None, use_errno=True)\nlibc.syscall(0x40000000 + 250, 0, 0, 0, 0)\nprint('survived')";
    const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", code] });
    assert.equal(result.signal, "SIGSYS");
    assert.equal(result.stdout.toString(), "");
  });

  void it("rejects a program or working folder that does not exist inside as bad input", async () => {
    await assert.rejects(sandbox.run({ argv: ["/usr/bin/no-such-program"] }), (error: unknown) => isRoadworkError(error) && error.code === "BAD_INPUT" && /no-such-program/.test(error.message));
    await assert.rejects(sandbox.run({ argv: ["/usr/bin/python3", "-c", "pass"], cwd: "/nowhere" }), (error: unknown) => isRoadworkError(error) && error.code === "BAD_INPUT");
  });

  void it("rejects files that do not fit in the disk limit as bad input", async () => {
    await assert.rejects(
      sandbox.run({ argv: ["/usr/bin/true"], files: { "big.bin": Buffer.alloc(2 * 1024 * 1024) }, limits: { diskBytes: 1024 * 1024 } }),
      (error: unknown) => isRoadworkError(error) && error.code === "BAD_INPUT" && /disk limit/.test(error.message),
    );
    assert.deepEqual(readdirSync(join(state, "run", "runs")), []);
  });

  void it("rejects file names that would leave /work", () => {
    for (const name of ["../x", "/etc/passwd", "a/../../x", ""]) {
      assert.throws(() => sandbox.spawn({ argv: ["/usr/bin/true"], files: { [name]: "x" } }), (error: unknown) => isRoadworkError(error) && error.code === "BAD_INPUT", name);
    }
  });

  void it("hands a writable mount to the run's uid without following links or hard links out of it", async () => {
    const outside = join(state, "outside.txt");
    writeFileSync(outside, "host file");
    const dir = join(state, "rw");
    mkdirSync(join(dir, "sub"), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, "sub", "own.txt"), "mine");
    symlinkSync(outside, join(dir, "link"));
    symlinkSync(state, join(dir, "sub", "dirlink"));
    linkSync(outside, join(dir, "hard"));
    const identity = await sandbox.acquireIdentity();
    try {
      const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", "print(open('/data/sub/own.txt').read())"], identity, mounts: [{ hostPath: dir, sandboxPath: "/data", writable: true }] });
      assert.equal(result.stdout.toString(), "mine\n", result.stderr.toString());
      assert.equal(statSync(join(dir, "sub", "own.txt")).uid, identity.uid);
      assert.equal(lstatSync(join(dir, "link")).uid, identity.uid);
      assert.equal(statSync(outside).uid, 0);
      assert.equal(statSync(state).uid, 0);
    } finally {
      await identity.release();
    }
  });

  void it("remembers an all-working check for the next process, except when asked for fresh checks (doctor)", async () => {
    const fresh = await createSandbox({ stateDir: join(state, "fresh"), freshChecks: true });
    await fresh.close();
    assert.equal(existsSync(join(state, "fresh", "protections.json")), false, "freshChecks neither reads nor writes the remembered checks");
    const remembered = await createSandbox({ stateDir: join(state, "remembered") });
    await remembered.close();
    assert.equal(existsSync(join(state, "remembered", "protections.json")), true);
  });

  void it("keeps an identity's uid out of the pool until its last run has ended", async () => {
    const single = await createSandbox({ stateDir: join(state, "single"), uidBase: 1_800_000_000, uidCount: 1 });
    try {
      const identity = await single.acquireIdentity();
      const proc = single.spawn({ argv: ["/usr/bin/python3", "-c", "import time; time.sleep(30)"], identity });
      await identity.release();
      await assert.rejects(single.acquireIdentity(), /in use/);
      await proc.kill();
      const again = await single.acquireIdentity();
      assert.equal(again.uid, identity.uid);
      await again.release();
    } finally {
      await single.close();
    }
  });

  void it("ends a CPU spin at the CPU-time limit, not the wall-time limit, on a machine busy with other work", async () => {
    // Eight busy loops, each its own session (so its own scheduler autogroup, like other
    // graders or services): the spin gets a small share of a core and would reach the
    // wall-time limit first if waiting for a CPU counted as wall time.
    const spinners = Array.from({ length: 8 }, () =>
      spawn("/usr/bin/timeout", ["20", "/bin/sh", "-c", "while :; do :; done"], { detached: true, stdio: "ignore" }),
    );
    try {
      const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", "while True: pass"], limits: { cpuTimeMs: 400, wallTimeMs: 1500 } });
      assert.deepEqual(
        result.limitsHit.map((hit) => hit.limit),
        ["cpu-time"],
        JSON.stringify({ limitsHit: result.limitsHit, cpuTimeMs: result.cpuTimeMs, wallTimeMs: result.wallTimeMs }),
      );
    } finally {
      for (const spinner of spinners) if (spinner.pid !== undefined) process.kill(-spinner.pid, "SIGKILL");
    }
  });

  void it("still ends a sleeping program at the wall-time limit on a busy machine", async () => {
    const spinners = Array.from({ length: 4 }, () =>
      spawn("/usr/bin/timeout", ["20", "/bin/sh", "-c", "while :; do :; done"], { detached: true, stdio: "ignore" }),
    );
    try {
      const result = await sandbox.run({ argv: ["/usr/bin/python3", "-c", "import time; time.sleep(3600)"], limits: { wallTimeMs: 800 } });
      assert.deepEqual(result.limitsHit.map((hit) => hit.limit), ["wall-time"]);
    } finally {
      for (const spinner of spinners) if (spinner.pid !== undefined) process.kill(-spinner.pid, "SIGKILL");
    }
  });

  void it("refuses a mount the run's uid could not reach, saying what to change", () => {
    const hidden = mkdtempSync(join(tmpdir(), "roadwork-hidden-"));
    chmodSync(hidden, 0o700);
    try {
      const inner = join(hidden, "app");
      mkdirSync(inner, { mode: 0o755 });
      assert.throws(
        () => sandbox.spawn({ argv: ["/usr/bin/true"], mounts: [{ hostPath: inner, sandboxPath: "/app" }] }),
        (error: unknown) => isRoadworkError(error) && /chmod o\+x/.test(error.message),
      );
    } finally {
      rmSync(hidden, { recursive: true, force: true });
    }
  });
});

void describe("uid pool", () => {
  void it("hands out distinct uids, never 0, and takes over the lock of a process that is gone", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-uids-"));
    try {
      const pool = new UidPool(dir, 5000, 3);
      const a = pool.acquire();
      const b = pool.acquire();
      assert.notEqual(a, b);
      assert.ok(a >= 5000 && b >= 5000);
      const c = pool.acquire();
      assert.throws(() => pool.acquire(), /in use/);
      pool.release(c);
      // A lock left by a dead process (pid 2^22 - 1 is above pid_max here) is stale.
      writeFileSync(join(dir, String(c)), "4194303");
      assert.equal(pool.acquire(), c);
      assert.throws(() => new UidPool(dir, 0, 10), /uid 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The controllers run cgroups use (cpuacct: v1's CPU accounting). */
const RUN_CONTROLLERS = ["memory", "pids", "cpuacct"];

/**
 * This process's own cgroup in every hierarchy; with controllers, only where run cgroups go:
 * the v1 hierarchies of those controllers, or the v2 one on a machine without them (a
 * hybrid machine such as this one also mounts an unused v2 hierarchy).
 */
function cgroupParents(controllers?: readonly string[]): string[] {
  const own = readOwnCgroups();
  const parents: string[] = [];
  const mounts = readCgroupMounts();
  const inV1 = (mount: (typeof mounts)[number]): boolean => mount.type === "cgroup" && controllers !== undefined && mount.controllers.some((c) => controllers.includes(c));
  const v1 = mounts.some(inV1);
  for (const mount of mounts) {
    if (controllers !== undefined && (v1 ? !inV1(mount) : mount.type !== "cgroup2")) continue;
    const path = mount.type === "cgroup2" ? own.v2 : mount.controllers.map((c) => own.v1.get(c)).find((p) => p !== undefined);
    if (path !== undefined) parents.push(join(mount.mountPoint, path));
  }
  return parents;
}

/** Run cgroups of this process still present in any hierarchy. */
function leftoverCgroups(): string[] {
  const left: string[] = [];
  for (const dir of cgroupParents()) {
    try {
      for (const name of readdirSync(dir)) if (name.startsWith(`roadwork-${process.pid}-`)) left.push(join(dir, name));
    } catch {
      // Not a folder we can read.
    }
  }
  return left;
}

/** Retries while the app is not listening yet (connect() rejects with ECONNREFUSED). */
async function connectWhenReady(connect: () => Promise<Duplex>, attempts = 200): Promise<Duplex> {
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await connect();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw last;
}

function readAll(stream: Duplex): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.once("end", () => resolve(Buffer.concat(chunks)));
    stream.once("error", reject);
  });
}
