/**
 * The contract every Sandbox implementation must keep (Hono's common.case.test.ts pattern):
 * each implementation's test file calls runSandboxContract with a factory. The tests name
 * the behaviour a learner or an operator relies on; none of them asserts on time.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, chmodSync, readdirSync, readFileSync, writeFileSync, rmSync, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import type { Server } from "node:net";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Duplex } from "node:stream";
import type { Sandbox, SandboxSpec, SandboxResult, SandboxLimits } from "../../src/grading/sandbox/types.js";

const PY = "/usr/bin/python3";
const MiB = 1024 * 1024;

function py(code: string, extra: Partial<SandboxSpec> = {}): SandboxSpec {
  return { argv: [PY, "-c", code], ...extra };
}

function limits(partial: Partial<SandboxLimits>): { limits: Partial<SandboxLimits> } {
  return { limits: partial };
}

function text(result: SandboxResult): string {
  return result.stdout.toString("utf8");
}

function hitNames(result: SandboxResult): string[] {
  return result.limitsHit.map((hit) => hit.limit);
}

/** Host pids whose real uid is `uid` (to prove a run left no process behind). */
function hostProcessesOf(uid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, "utf8");
      const match = /^Uid:\s+(\d+)/m.exec(status);
      if (match !== null && Number(match[1]) === uid) pids.push(Number(name));
    } catch {
      // Gone while we looked.
    }
  }
  return pids;
}

/** A host folder the run's uid can reach (mkdtemp makes 0700 folders; bwrap binds as the run's uid). */
function reachableTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-sandbox-test-"));
  chmodSync(dir, 0o755);
  return dir;
}

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
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

export function runSandboxContract(name: string, make: () => Promise<Sandbox>): void {
  void describe(`Sandbox contract: ${name}`, () => {
    let sandbox: Sandbox;
    let scratch: string;
    before(async () => {
      sandbox = await make();
      scratch = reachableTempDir();
    });
    after(async () => {
      await sandbox.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    void describe("running a program", () => {
      void it("passes stdin, returns stdout, stderr and the exit code", async () => {
        const result = await sandbox.run(py("import sys; data = sys.stdin.read(); print(data.upper()); print('oops', file=sys.stderr); sys.exit(3)", { stdin: "hello" }));
        assert.equal(text(result), "HELLO\n");
        assert.equal(result.stderr.toString(), "oops\n");
        assert.equal(result.exitCode, 3);
        assert.equal(result.signal, null);
        assert.deepEqual(result.limitsHit, []);
      });

      void it("gives a writable stdin stream when no stdin data is given", async () => {
        const proc = sandbox.spawn(py("import sys; print(sys.stdin.readline().strip()[::-1])"));
        assert.ok(proc.stdin);
        proc.stdin.end("abc\n");
        const result = await proc.result;
        assert.equal(text(result), "cba\n");
      });

      void it("keeps non-UTF-8 bytes and NUL in the output as bytes", async () => {
        const result = await sandbox.run(py("import sys; sys.stdout.buffer.write(b'\\xff\\x00\\xfe\\x80ok')"));
        assert.deepEqual(result.stdout, Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x6f, 0x6b]));
      });

      void it("writes spec.files into /work before the start, nested folders and bytes included", async () => {
        const result = await sandbox.run(
          py("import os; print(open('/work/solution.py').read()); print(open('pkg/data.bin','rb').read().hex()); print(os.getcwd())", {
            files: { "solution.py": "x = 1", "pkg/data.bin": Buffer.from([0, 1, 255]) },
          }),
        );
        assert.equal(text(result), "x = 1\n0001ff\n/work\n");
      });

      void it("starts with an empty environment except what the spec gives", async () => {
        // /proc/self/environ: what the process was given (Python may add LC_CTYPE to os.environ itself).
        const result = await sandbox.run(py("import json; print(json.dumps(dict(e.split('=', 1) for e in open('/proc/self/environ').read().split('\\0') if e)))", { env: { ONLY: "this" } }));
        const env = JSON.parse(text(result)) as Record<string, string>;
        assert.equal(env.ONLY, "this");
        // bwrap sets PWD to the working folder; nothing of the host comes through.
        assert.deepEqual(Object.keys(env).filter((key) => key !== "PWD" && key !== "ONLY"), []);
      });

      void it("uses a minimal default environment (PATH, HOME, LANG)", async () => {
        const result = await sandbox.run(py("import os; print(os.environ.get('PATH'), os.environ.get('HOME'), os.environ.get('LANG'), 'NODE_ENV' in os.environ)"));
        assert.equal(text(result), "/usr/bin:/bin /work C.UTF-8 False\n");
      });

      void it("gives bidirectional channels at fd 3 and up", async () => {
        const proc = sandbox.spawn({
          ...py("import os\nf = os.fdopen(3, 'r+b', buffering=0)\nline = f.read(5)\nf.write(line.upper())\nos.write(4, b'second')"),
          channels: 2,
        });
        const [first, second] = proc.channels;
        assert.ok(first && second);
        first.write("hello");
        const reply = await new Promise<Buffer>((resolve) => first.once("data", resolve));
        const other = await new Promise<Buffer>((resolve) => second.once("data", resolve));
        assert.equal(reply.toString(), "HELLO");
        assert.equal(other.toString(), "second");
        const result = await proc.result;
        assert.equal(result.exitCode, 0, result.stderr.toString());
      });

      void it("leaves only stdin, stdout, stderr and the channels open inside", async () => {
        const result = await sandbox.run({ ...py("import os; print(sorted(int(fd) for fd in os.listdir('/proc/self/fd')))"), channels: 1 });
        // The listing itself opens one more descriptor (4 here).
        assert.equal(text(result), "[0, 1, 2, 3, 4]\n");
      });
    });

    void describe("identity and isolation", () => {
      void it("runs as a uid that is not 0, different for runs at the same time", async () => {
        const code = "import os, time; print(os.getuid(), os.getgid()); time.sleep(0.3)";
        const [a, b] = await Promise.all([sandbox.run(py(code)), sandbox.run(py(code))]);
        const [uidA, gidA] = text(a).trim().split(" ").map(Number);
        const [uidB] = text(b).trim().split(" ").map(Number);
        assert.ok(uidA !== undefined && uidA > 0 && gidA !== 0, `uid ${uidA}`);
        assert.ok(uidB !== undefined && uidB > 0);
        assert.notEqual(uidA, uidB);
      });

      void it("keeps one uid across runs of an identity", async () => {
        const identity = await sandbox.acquireIdentity();
        try {
          const first = await sandbox.run(py("import os; print(os.getuid())", { identity }));
          const second = await sandbox.run(py("import os; print(os.getuid())", { identity }));
          assert.equal(text(first).trim(), String(identity.uid));
          assert.equal(text(second).trim(), String(identity.uid));
        } finally {
          await identity.release();
        }
      });

      void it("cannot read /etc/shadow, /root or the grader's files", async () => {
        const repo = process.cwd();
        const result = await sandbox.run(
          py(
            `import os\nfor p in ['/etc/shadow', '/root', ${JSON.stringify(repo)}, '/run', '/var/cache', '/home']:\n    try:\n        os.listdir(p) if os.path.isdir(p) else open(p).read()\n        print('READ', p)\n    except OSError as e:\n        print('denied', p)`,
          ),
        );
        assert.equal(result.exitCode, 0, result.stderr.toString());
        assert.doesNotMatch(text(result), /READ/);
      });

      void it("has a read-only system: /usr, / and /etc cannot be written", async () => {
        const result = await sandbox.run(
          py("import os\nfor p in ['/usr/x', '/x', '/etc/x', '/etc/passwd', '/dev/x']:\n    try:\n        open(p, 'w').write('x'); print('WROTE', p)\n    except OSError as e:\n        print('refused', p, e.errno)"),
        );
        assert.doesNotMatch(text(result), /WROTE/);
        assert.match(text(result), /refused \/usr\/x 30/);
      });

      void it("sees only its own processes in /proc", async () => {
        const result = await sandbox.run(py("import os, subprocess; print(len([p for p in os.listdir('/proc') if p.isdigit()]), subprocess.run(['/usr/bin/python3', '-c', 'import os; print(len([p for p in os.listdir(\"/proc\") if p.isdigit()]))'], capture_output=True, text=True).stdout.strip())"));
        // The program alone, then the program and its child (bwrap's own helper at most besides).
        const [alone, withChild] = text(result).trim().split(" ").map(Number);
        assert.ok(alone !== undefined && alone <= 2, text(result));
        assert.equal(withChild, (alone ?? 0) + 1, text(result));
      });

      void it("cannot see another run's files", async () => {
        const writer = sandbox.spawn(py("import time; open('/work/secret.txt','w').write('s3cret'); open('/tmp/secret.txt','w').write('s3cret'); print('ready', flush=True); time.sleep(5)"));
        await new Promise<void>((resolve) => writer.stdout.once("data", () => resolve()));
        const reader = await sandbox.run(py("import os; print(os.listdir('/work'), os.listdir('/tmp'))"));
        await writer.kill();
        assert.equal(text(reader), "[] []\n");
      });

      void it("killing pid 1 or every process inside does not reach the host", async () => {
        const result = await sandbox.run(py("import os, signal\nfor pid in (1, -1):\n    try:\n        os.kill(pid, signal.SIGKILL)\n    except OSError as e:\n        print('refused', pid)\nprint('alive')"));
        assert.ok(result.limitsHit.length === 0);
        const after = await sandbox.run(py("print('still works')"));
        assert.equal(text(after), "still works\n");
      });

      void it("sees the synthesized passwd entry for its own uid", async () => {
        const result = await sandbox.run(py("import pwd, os, getpass; e = pwd.getpwuid(os.getuid()); print(e.pw_dir, getpass.getuser() == e.pw_name); print(os.path.exists('/etc/shadow'))"));
        assert.equal(text(result), "/work True\nFalse\n");
      });
    });

    void describe("mounts", () => {
      void it("binds a read-only mount that cannot be written", async () => {
        const dir = join(scratch, "ro");
        mkdirSync(dir, { mode: 0o755 });
        writeFileSync(join(dir, "tests.py"), "assert True\n", { mode: 0o644 });
        const result = await sandbox.run(
          py("print(open('/harness/tests.py').read().strip())\ntry:\n    open('/harness/x','w')\nexcept OSError as e:\n    print('refused', e.errno)", { mounts: [{ hostPath: dir, sandboxPath: "/harness" }] }),
        );
        assert.equal(text(result), "assert True\nrefused 30\n");
      });

      void it("binds a writable mount that the run's uid owns", async () => {
        const dir = join(scratch, "rw");
        mkdirSync(dir, { mode: 0o755 });
        writeFileSync(join(dir, "app.py"), "print('app')\n");
        const identity = await sandbox.acquireIdentity();
        try {
          const result = await sandbox.run(py("open('/data/out.txt','w').write('kept'); print(open('/data/app.py').read().strip())", { identity, mounts: [{ hostPath: dir, sandboxPath: "/data", writable: true }] }));
          assert.equal(text(result), "print('app')\n", result.stderr.toString());
          assert.equal(readFileSync(join(dir, "out.txt"), "utf8"), "kept");
          assert.equal(statSync(join(dir, "out.txt")).uid, identity.uid);
        } finally {
          await identity.release();
        }
      });
    });

    void describe("limits", () => {
      void it("stops a program that sleeps forever at the wall-time limit", async () => {
        const result = await sandbox.run(py("import time; time.sleep(3600)", limits({ wallTimeMs: 700 })));
        assert.deepEqual(hitNames(result), ["wall-time"]);
        assert.equal(result.limitsHit[0]?.message, "time limit 0.7 s reached");
        assert.equal(result.exitCode, null);
      });

      void it("stops a CPU spin at the CPU-time limit", async () => {
        const result = await sandbox.run(py("while True: pass", limits({ cpuTimeMs: 600, wallTimeMs: 20_000 })));
        assert.ok(hitNames(result).includes("cpu-time"), JSON.stringify(result.limitsHit));
        assert.ok(!hitNames(result).includes("wall-time"));
      });

      void it("stops CPU-spinning threads at the CPU-time limit of the whole run", async () => {
        const code = "import threading\ndef spin():\n    while True: pass\nfor _ in range(3):\n    threading.Thread(target=spin, daemon=True).start()\nspin()";
        const result = await sandbox.run(py(code, limits({ cpuTimeMs: 600, wallTimeMs: 20_000 })));
        assert.deepEqual(hitNames(result), ["cpu-time"]);
        assert.equal(result.limitsHit[0]?.message, "CPU time limit 0.6 s reached");
        assert.ok(result.cpuTimeMs >= 600, `cpuTimeMs ${result.cpuTimeMs}`);
      });

      void it("counts the CPU time of several spinning processes together", async () => {
        // Three processes that each stay below the limit but together go past it: a per-process
        // bound (RLIMIT_CPU) alone would never end this run.
        const code = "import os, time\nfor _ in range(2):\n    if os.fork() == 0:\n        break\nend = time.process_time() + 0.45\nwhile time.process_time() < end: pass\ntime.sleep(3600)";
        const result = await sandbox.run(py(code, limits({ cpuTimeMs: 1000, wallTimeMs: 20_000 })));
        assert.deepEqual(hitNames(result), ["cpu-time"]);
        assert.ok(result.cpuTimeMs >= 1000, `cpuTimeMs ${result.cpuTimeMs}`);
      });

      void it("recognises a memory bomb as the memory limit (OOM kill)", async () => {
        const result = await sandbox.run(py("chunks = []\nwhile True:\n    chunks.append(bytearray(8 * 1024 * 1024))", limits({ memoryBytes: 64 * MiB })));
        assert.ok(hitNames(result).includes("memory"), JSON.stringify(result.limitsHit));
        assert.equal(result.limitsHit.find((h) => h.limit === "memory")?.message, "memory limit 64 MiB reached");
      });

      void it("stops a fork bomb at the process limit and the host is unaffected", async () => {
        const result = await sandbox.run(py("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass", limits({ processes: 16, wallTimeMs: 10_000 })));
        assert.ok(hitNames(result).includes("processes"), JSON.stringify(result.limitsHit));
        assert.equal(result.limitsHit.find((h) => h.limit === "processes")?.message, "process limit 16 reached");
        const after = await sandbox.run(py("print('ok')"));
        assert.equal(text(after), "ok\n");
      });

      void it("stops a thread bomb at the process limit", async () => {
        const result = await sandbox.run(py("import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()", limits({ processes: 16, wallTimeMs: 10_000 })));
        assert.ok(hitNames(result).includes("processes"), JSON.stringify(result.limitsHit));
      });

      void it("cuts 100 MB of output at the output limit, holding only the bound on the host", async () => {
        const before = process.memoryUsage().rss;
        const result = await sandbox.run(py("import sys\nblock = b'x' * 65536\nfor _ in range(1600):\n    sys.stdout.buffer.write(block)", limits({ outputBytes: MiB })));
        assert.deepEqual(hitNames(result), ["output"]);
        assert.equal(result.limitsHit[0]?.message, "output limit 1 MiB reached");
        assert.equal(result.stdout.length, MiB);
        assert.equal(result.outputTruncated, true);
        assert.ok(process.memoryUsage().rss - before < 64 * MiB, "host memory grew by more than the bound");
      });

      void it("refuses a file larger than the file-size limit", async () => {
        const result = await sandbox.run(
          py("try:\n    open('big','wb').write(b'x' * (2 * 1024 * 1024))\nexcept OSError as e:\n    print('refused', e.errno)", limits({ fileSizeBytes: MiB })),
        );
        assert.equal(text(result), "refused 27\n");
        assert.deepEqual(hitNames(result), ["file-size"]);
      });

      void it("reports the disk limit when one big file fills /work", async () => {
        const result = await sandbox.run(
          py("f = open('fill','wb')\ntry:\n    while True:\n        f.write(b'x' * 65536); f.flush()\nexcept OSError as e:\n    print('refused', e.errno)", limits({ diskBytes: 4 * MiB, fileSizeBytes: 64 * MiB })),
        );
        assert.equal(text(result), "refused 28\n");
        assert.ok(hitNames(result).includes("disk"), JSON.stringify(result.limitsHit));
      });

      void it("reports the disk limit when many small files fill /work and /tmp share the budget", async () => {
        const result = await sandbox.run(
          py("import os\ni = 0\ntry:\n    while True:\n        open(f'/tmp/f{i}' if i % 2 else f'/work/f{i}','wb').write(b'y' * 1000); i += 1\nexcept OSError as e:\n    print('refused', e.errno)", limits({ diskBytes: 2 * MiB })),
        );
        assert.equal(text(result), "refused 28\n");
        assert.ok(hitNames(result).includes("disk"), JSON.stringify(result.limitsHit));
      });

      void it("bounds each private scratch tmpfs by the disk limit, writable at /work, /tmp and /dev/shm", async () => {
        const code = [
          "import os",
          "for d in ('/work', '/tmp', '/dev/shm'):",
          "    open(d + '/small', 'wb').write(b'z' * 1000)",
          "f = open('/work/fill', 'wb')",
          "try:",
          "    while True:",
          "        f.write(b'x' * 65536); f.flush()",
          "except OSError as e:",
          "    print('refused', e.errno, os.path.getsize('/work/fill') <= 4 * 1024 * 1024)",
        ].join("\n");
        const result = await sandbox.run(py(code, { scratch: "private", ...limits({ diskBytes: 4 * MiB, fileSizeBytes: 64 * MiB }) }));
        assert.equal(text(result), "refused 28 True\n", result.stderr.toString());
        assert.equal(result.exitCode, 0);
      });

      void it("refuses files for a run with private scratch", () => {
        assert.throws(() => sandbox.spawn(py("pass", { scratch: "private", files: { "a.txt": "a" } })), /scratch "private" cannot be given files/);
      });

      void it("applies the open-files limit", async () => {
        const result = await sandbox.run(
          py("files = []\ntry:\n    while True:\n        files.append(open('/dev/null'))\nexcept OSError as e:\n    print(len(files) < 32, e.errno)", limits({ openFiles: 32 })),
        );
        assert.equal(text(result), "True 24\n");
      });

      void it("reports the open-files limit when the program dies of it", async () => {
        const result = await sandbox.run(py("files = []\nwhile True:\n    files.append(open('/dev/null'))", limits({ openFiles: 32 })));
        assert.equal(result.exitCode, 1);
        assert.deepEqual(hitNames(result), ["open-files"]);
        assert.equal(result.limitsHit[0]?.message, "open files limit 32 reached");
      });

      void it("reports the open-files limit when the program handles EMFILE silently", async () => {
        // No message anywhere: the program catches the error, holds its files a moment, exits 0.
        const code = "import time\nfiles = []\ntry:\n    while True:\n        files.append(open('/dev/null'))\nexcept OSError:\n    time.sleep(0.3)";
        const result = await sandbox.run(py(code, limits({ openFiles: 32 })));
        assert.equal(result.exitCode, 0, result.stderr.toString());
        assert.equal(result.stderr.length, 0);
        assert.deepEqual(hitNames(result), ["open-files"]);
      });

      void it("reports the open-files limit from a child process, not only the program", async () => {
        const code = "import os, time\nif os.fork() == 0:\n    held = []\n    try:\n        while True:\n            held.append(os.open('/dev/null', os.O_RDONLY))\n    except OSError:\n        time.sleep(0.3)\n        os._exit(0)\nos.wait()";
        const result = await sandbox.run(py(code, limits({ openFiles: 40 })));
        assert.equal(result.exitCode, 0, result.stderr.toString());
        assert.deepEqual(hitNames(result), ["open-files"]);
      });

      void it("reports the open-files limit from another program's EMFILE message", async () => {
        // bash, not Python: its message is strerror(EMFILE).
        const result = await sandbox.run({ argv: ["/bin/bash", "-c", "while exec {fd}</dev/null; do :; done; exit 3"], limits: { openFiles: 32 } });
        assert.match(result.stderr.toString(), /Too many open files/, result.stderr.toString());
        assert.deepEqual(hitNames(result), ["open-files"]);
      });

      void it("does not report the open-files limit for a program that stays below it", async () => {
        const result = await sandbox.run(py("import time\nfiles = [open('/dev/null') for _ in range(20)]\ntime.sleep(0.2)\nprint(len(files))", limits({ openFiles: 32 })));
        assert.equal(text(result), "20\n");
        assert.deepEqual(result.limitsHit, []);
      });

      void it("counts the program itself in the process limit", async () => {
        const code = "import threading, time\nn = 1\ntry:\n    while True:\n        threading.Thread(target=time.sleep, args=(5,), daemon=True).start(); n += 1\nexcept RuntimeError:\n    print(n)";
        const result = await sandbox.run(py(code, limits({ processes: 8 })));
        assert.equal(text(result), "8\n", result.stderr.toString());
      });

      void it("tells how long the run has waited for a CPU: a number, never negative, never shrinking", async () => {
        const proc = sandbox.spawn(py("import time\nfor _ in range(3):\n    sum(range(200000)); time.sleep(0.05)"));
        await new Promise((resolve) => setTimeout(resolve, 100));
        const early = proc.cpuWaitMs();
        assert.ok(Number.isFinite(early) && early >= 0, String(early));
        assert.equal((await proc.result).exitCode, 0);
        assert.ok(proc.cpuWaitMs() >= early, `${proc.cpuWaitMs()} < ${early}`);
      });

      void it("kill() ends the run with the reason given", async () => {
        const proc = sandbox.spawn(py("import time; print('up', flush=True); time.sleep(60)"));
        await new Promise<void>((resolve) => proc.stdout.once("data", () => resolve()));
        const result = await proc.kill({ limit: "boot-time", message: "boot time limit 1 s reached" });
        assert.deepEqual(result.limitsHit, [{ limit: "boot-time", message: "boot time limit 1 s reached" }]);
        assert.equal(result.signal, "SIGKILL");
      });
    });

    void describe("nothing left behind", () => {
      void it("leaves no process of the run's uid, zombies included, when a limit ends a busy run", async () => {
        // Processes and threads spinning when the run is killed: the program (pid 1 of its
        // namespace) is still waiting for its children when it leaves the cgroup, and must be
        // reaped by the sandbox, not left to the host's init as a zombie of the run's uid.
        const code = "import os, threading\ndef spin():\n    while True: pass\nfor _ in range(2):\n    if os.fork() == 0:\n        break\nfor _ in range(2):\n    threading.Thread(target=spin, daemon=True).start()\nspin()";
        const identity = await sandbox.acquireIdentity();
        try {
          for (let round = 0; round < 3; round++) {
            const result = await sandbox.run(py(code, { identity, ...limits({ cpuTimeMs: 300, wallTimeMs: 20_000 }) }));
            assert.ok(hitNames(result).includes("cpu-time"), JSON.stringify(result.limitsHit));
            assert.deepEqual(hostProcessesOf(identity.uid), [], `round ${round}`);
          }
        } finally {
          await identity.release();
        }
      });

      void it("ends a double-forked daemon with the run", async () => {
        const result = await sandbox.run(
          py("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)\n    os._exit(0)\nprint(os.getuid())"),
        );
        const uid = Number(text(result).trim());
        assert.ok(uid > 0);
        assert.deepEqual(hostProcessesOf(uid), []);
      });
    });

    void describe("network", () => {
      void it("reaches neither the host's services nor the internet", async () => {
        const result = await sandbox.run(
          py("import socket\nfor host, port in (('127.0.0.1', 5432), ('1.1.1.1', 53), ('10.0.0.1', 80)):\n    try:\n        socket.create_connection((host, port), timeout=2); print('CONNECTED', host)\n    except OSError as e:\n        print('refused', host)"),
        );
        assert.doesNotMatch(text(result), /CONNECTED/);
        assert.equal(text(result).split("\n").filter(Boolean).length, 3);
      });

      void it("serves a web app on its own loopback, reached through connect()", async () => {
        const proc = sandbox.spawn({ argv: [PY, "-m", "http.server", "8000", "--bind", "127.0.0.1"], files: { "index.html": "hello from inside" }, network: "loopback" });
        try {
          const socket = await connectWhenReady(() => proc.connect(8000));
          socket.write("GET /index.html HTTP/1.0\r\nHost: x\r\n\r\n");
          const answer = (await readAll(socket)).toString();
          assert.match(answer, /^HTTP\/1\.0 200/);
          assert.match(answer, /hello from inside$/);
        } finally {
          await proc.kill();
        }
      });

      void it("reaches an app listening on localhost or on the IPv6 loopback", async () => {
        const code = "import socket, sys\nfamily, host = (socket.AF_INET6, '::1') if sys.argv[1] == 'v6' else (socket.AF_INET, 'localhost')\ns = socket.socket(family); s.bind((host, 8002)); s.listen(1)\nc, _ = s.accept(); c.sendall(b'hi ' + sys.argv[1].encode()); c.close()";
        for (const which of ["v4", "v6"]) {
          const proc = sandbox.spawn({ argv: [PY, "-c", code, which], network: "loopback" });
          let answer: string;
          try {
            answer = (await readAll(await connectWhenReady(() => proc.connect(8002)))).toString();
          } catch (error) {
            answer = `failed: ${String(error)}`;
          }
          const result = await proc.kill();
          assert.equal(answer, `hi ${which}`, `${which}: ${result.stderr.toString()}`);
        }
      });

      void it("connect() is refused while nothing listens", async () => {
        const proc = sandbox.spawn({ ...py("import time; time.sleep(30)"), network: "loopback" });
        try {
          await assert.rejects(proc.connect(8001), /ECONNREFUSED/);
        } finally {
          await proc.kill();
        }
      });

      void it("expose() joins a port inside to a host unix socket", async () => {
        const socketPath = join(scratch, "smtp.sock");
        const server: Server = createServer((conn) => conn.end("220 catcher ready\r\n"));
        await new Promise<void>((resolve) => server.listen(socketPath, resolve));
        try {
          const proc = sandbox.spawn({ ...py("import socket, sys\nfor _ in range(100):\n    try:\n        s = socket.create_connection(('127.0.0.1', 2525)); break\n    except OSError:\n        import time; time.sleep(0.02)\nprint(s.recv(100).decode().strip())"), network: "loopback" });
          await proc.expose(2525, socketPath);
          const result = await proc.result;
          assert.equal(text(result), "220 catcher ready\n", result.stderr.toString());
        } finally {
          server.close();
        }
      });
    });

    void describe("system calls", () => {
      void it("denies ptrace, unshare(CLONE_NEWUSER), io_uring_setup and keyctl with EPERM", async () => {
        const code = [
          "import ctypes, os",
          "libc = ctypes.CDLL(None, use_errno=True)",
          "def call(*args):",
          "    r = libc.syscall(*args)",
          "    return 'ok' if r >= 0 else os.strerror(ctypes.get_errno())",
          "print('ptrace', call(101, 0, 0, 0, 0))",
          "print('unshare', call(272, 0x10000000))",
          "print('io_uring_setup', call(425, 1, ctypes.create_string_buffer(128)))",
          "print('keyctl', call(250, 0, 0, 0, 0))",
        ].join("\n");
        const result = await sandbox.run(py(code));
        assert.equal(text(result), "ptrace Operation not permitted\nunshare Operation not permitted\nio_uring_setup Operation not permitted\nkeyctl Operation not permitted\n", result.stderr.toString());
      });

      void it("still lets programs start threads and subprocesses", async () => {
        const result = await sandbox.run(py("import threading, subprocess\nt = threading.Thread(target=print, args=('thread',)); t.start(); t.join()\nprint(subprocess.run(['/usr/bin/python3', '-c', 'print(2)'], capture_output=True, text=True).stdout.strip())"));
        assert.equal(text(result), "thread\n2\n", result.stderr.toString());
      });
    });
  });
}
