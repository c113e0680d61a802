/**
 * The pre-forked harness (src/grading/exercise/harness-server.ts): one sandboxed server forks
 * a child per grading. These tests drive children through the harness protocol by hand, in
 * the real sandbox: a child is the harness of one grading and nothing more, its files go with
 * it, a kill stops even a busy one, and the children of a server that ends are told so.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { join } from "node:path";
import { PassThrough, type Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { FrameReader, encodeFrame } from "../../src/grading/exercise/frames.js";
import { startHarnessServer, type HarnessServer } from "../../src/grading/exercise/harness-server.js";
import type { Sandbox, SandboxProcess, SandboxResult, SandboxSpec } from "../../src/grading/sandbox/types.js";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { recordingLog } from "../../src/log.js";
import { createWarmGrader } from "../../src/grading/exercise/warm.js";
import { closeSandbox, exercise, fixture, read, theSandbox } from "./helpers.js";

let server: HarnessServer;
before(async () => {
  server = startHarnessServer({ sandbox: await theSandbox(), maxChildAgeMs: 60_000, childCpuSeconds: 30, lifetimeMs: 10 * 60_000 });
  await server.ready;
});
after(async () => {
  await server.close();
  await closeSandbox();
});

/** The first frame a child sends after its tests arrive (collected or collect_error). */
function firstFrame(channel: Duplex): Promise<{ t: string; message?: string; tests?: unknown[] }> {
  return new Promise((resolve, reject) => {
    const reader = new FrameReader(1 << 20, {
      frame: (body) => {
        reader.stop();
        resolve(JSON.parse(body.toString("utf8")) as { t: string });
      },
      tooLarge: () => reject(new Error("frame too large")),
    });
    reader.attach(channel);
    channel.once("end", () => reject(new Error("the child closed its channel")));
  });
}

function sendTests(channel: Duplex, source: string, support: Record<string, string> = {}): void {
  channel.write(encodeFrame({ t: "tests", source, support, timeout_ms: 10_000 }, true));
}

/**
 * Writes made in one tick after the first wait in the socket's stream until the next: a
 * connection opened in that tick would reach the server first (the warm grader writes once).
 */
function writesLeftNode(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Module-level code of tests.py that reports what it sees as its collect error. */
const LOOK = `
import os
here = sorted(os.listdir("."))
everything = sorted(p for root, dirs, files in os.walk("/work") for p in files)
raise RuntimeError("HERE=%r ALL=%r CWD=%s" % (here, everything, os.getcwd()))
`;

void describe("the harness server", () => {
  void it("runs a grading's tests in a child that collects them as the harness does", async () => {
    const child = server.open();
    const channel = child.channels[0]!;
    sendTests(channel, "def test_one():\n    assert 1\n\ndef test_two():\n    assert 2\n");
    const frame = await firstFrame(channel);
    assert.equal(frame.t, "collected", JSON.stringify(frame));
    assert.deepEqual((frame.tests as Array<{ name: string }>).map((t) => t.name), ["test_one", "test_two"]);
    const result = await child.kill();
    assert.notEqual(result.exitCode, 0, "a killed child does not pass for one that finished");
    assert.equal(server.busy(), 0);
  });

  void it("gives each child its own folder with its own support files, removed when the child ends", async () => {
    const first = server.open();
    sendTests(first.channels[0]!, `open("left-behind.txt", "w").write("x")\n${LOOK}`, { "data.py": "VALUE = 1\n" });
    const seenByFirst = await firstFrame(first.channels[0]!);
    assert.match(String(seenByFirst.message), /HERE=\['data.py', 'left-behind.txt'\]/);
    await first.result;

    const second = server.open();
    sendTests(second.channels[0]!, LOOK, { "other.py": "VALUE = 2\n" });
    const seenBySecond = await firstFrame(second.channels[0]!);
    assert.match(String(seenBySecond.message), /HERE=\['other.py'\]/);
    assert.doesNotMatch(String(seenBySecond.message), /left-behind|data\.py/, "the first child's files outlived it");
    assert.match(String(seenBySecond.message), /CWD=\/work\/runs\/\d+/);
    await second.result;
  });

  void it("keeps each child's memory from its server and from the other children, which share its uid", async () => {
    // A child busy in tests.py, holding another grading's values in its memory.
    const other = server.open();
    sendTests(other.channels[0]!, "while True:\n    pass\n");
    await sleep(300);
    const prober = server.open();
    sendTests(prober.channels[0]!, `
import os
me = os.getpid()
tried, opened = [], []
for name in os.listdir("/proc"):
    if not name.isdigit() or int(name) == me:
        continue
    for what in ("mem", "environ"):
        path = "/proc/%s/%s" % (name, what)
        tried.append(path)
        try:
            with open(path, "rb") as f:
                f.read(1)
            opened.append(path)
        except OSError:
            pass
raise RuntimeError("TRIED=%d OPENED=%r" % (len(tried), opened))
`);
    const seen = String((await firstFrame(prober.channels[0]!)).message);
    await Promise.all([other.kill(), prober.result]);
    const tried = Number(/TRIED=(\d+)/.exec(seen)?.[1] ?? 0);
    // The server and the busy child at least.
    assert.ok(tried >= 4, `the probe saw too few processes to prove anything: ${seen}`);
    assert.match(seen, /OPENED=\[\]/, "a child read another process's memory or environment");
  });

  void it("stops a child that is busy in tests.py when it is killed", async () => {
    const child = server.open();
    sendTests(child.channels[0]!, "while True:\n    pass\n");
    await sleep(300);
    const started = performance.now();
    const result = await child.kill();
    assert.equal(result.signal, "SIGKILL");
    assert.ok(performance.now() - started < 5_000, "the kill waited for the child's own limits");
  });

  void it("tells how a child ended, with its stderr, however that stderr escapes, and goes on serving", async () => {
    const child = server.open();
    // Control characters travel as \u0001: 4000 bytes of them are 24,000 in the exit frame.
    sendTests(child.channels[0]!, 'import sys, os\nsys.stderr.write("\\x01" * 5000 + "the end")\nsys.stderr.flush()\nos._exit(7)\n');
    const result = await child.result;
    assert.equal(result.exitCode, 7);
    assert.match(result.stderr.toString("utf8"), /\x01the end$/);
    assert.equal(server.alive(), true);
    const next = server.open();
    sendTests(next.channels[0]!, "def test_one():\n    assert 1\n");
    assert.equal((await firstFrame(next.channels[0]!)).t, "collected");
    await next.kill();
  });

  void it("compiles tests ahead for the children forked after, which collect them as if they had compiled them", async () => {
    // tests.py reports, as its collect error, the first lines of the probes the server holds compiled.
    const marker = `# probe ${process.pid}`;
    const probe = `${marker}
import testing
held = sorted(s.split("\\n", 1)[0] for s in testing._COMPILED if s.startswith("${marker}"))
raise RuntimeError("HELD=%r" % held)
`;
    const before = server.open();
    sendTests(before.channels[0]!, probe);
    assert.match(String((await firstFrame(before.channels[0]!)).message), /HELD=\[\]/);
    await before.kill();

    // A source that does not compile is left to the child, which reports it; the server goes on.
    server.compileAhead("def broken(:\n");
    server.compileAhead(probe);
    await writesLeftNode();
    const after = server.open();
    sendTests(after.channels[0]!, probe);
    assert.match(String((await firstFrame(after.channels[0]!)).message), new RegExp(`HELD=\\['${marker}'\\]`));
    await after.kill();
    const broken = server.open();
    sendTests(broken.channels[0]!, "def broken(:\n");
    const collectError = await firstFrame(broken.channels[0]!);
    assert.equal(collectError.t, "collect_error");
    assert.match(String(collectError.message), /SyntaxError/);
    await broken.kill();

    // The same tests give the same collected frame, test code included, compiled ahead or not.
    const tests = "import pytest\n\n@pytest.mark.parametrize('n', [1, 2])\ndef test_n(n):\n    assert n > 0\n\nclass TestBox:\n    def test_in_class(self):\n        assert [1] == [1]\n";
    const fresh = server.open();
    sendTests(fresh.channels[0]!, tests);
    const compiledHere = await firstFrame(fresh.channels[0]!);
    await fresh.kill();
    server.compileAhead(tests);
    await writesLeftNode();
    const ahead = server.open();
    sendTests(ahead.channels[0]!, tests);
    assert.deepEqual(await firstFrame(ahead.channels[0]!), compiledHere);
    await ahead.kill();
  });

  void it("keeps as many compiled tests as Node counts, and lets the first sent go first", async () => {
    const own = startHarnessServer({ sandbox: await theSandbox(), maxChildAgeMs: 60_000, childCpuSeconds: 30, lifetimeMs: 60_000 });
    try {
      await own.ready;
      const marker = `kept-${process.pid}`;
      // 129 sources: one more than both sides keep (COMPILED_KEPT), so the first one goes.
      for (let i = 0; i <= 128; i++) own.compileAhead(`# ${marker}-${i}-\ndef test_x():\n    assert True\n`);
      // Sent again, the first is not resent: Node holds it as gone too only once it went on both sides.
      own.compileAhead(`# ${marker}-128-\ndef test_x():\n    assert True\n`);
      await writesLeftNode();
      const child = own.open();
      sendTests(child.channels[0]!, `import testing\nkept = [s for s in testing._COMPILED if "${marker}" in s]\nraise RuntimeError("KEPT=%d FIRST=%s LAST=%s" % (len(kept), any("${marker}-0-" in s for s in kept), any("${marker}-128-" in s for s in kept)))\n`);
      assert.match(String((await firstFrame(child.channels[0]!)).message), /KEPT=128 FIRST=False LAST=True/);
      await child.kill();
    } finally {
      await own.close();
    }
  });

  void it("hands out children that say the server ended when it does, and starts no new ones", async () => {
    const own = startHarnessServer({ sandbox: await theSandbox(), maxChildAgeMs: 60_000, childCpuSeconds: 30, lifetimeMs: 60_000 });
    await own.ready;
    const waiting = own.open();
    await sleep(200);
    await own.close();
    const result = await waiting.result;
    assert.match(result.stderr.toString("utf8"), /harness server ended|^$/);
    assert.equal(own.alive(), false);
    const late = await own.open().result;
    assert.match(late.stderr.toString("utf8"), /the harness server ended/);
  });

  void it("kills a child that outlives its longest age", async () => {
    const own = startHarnessServer({ sandbox: await theSandbox(), maxChildAgeMs: 1_000, childCpuSeconds: 30, lifetimeMs: 60_000 });
    try {
      await own.ready;
      const child = own.open();
      sendTests(child.channels[0]!, "while True:\n    pass\n");
      const result = await Promise.race([child.result, sleep(10_000).then(() => undefined)]);
      assert.ok(result !== undefined, "the child was still running 10 s after its age of 1 s");
      assert.equal(result.signal, "SIGKILL");
    } finally {
      await own.close();
    }
  });
});

/**
 * A stand-in for the Python server, in a fake sandbox: it says ready, and for each
 * connection says hello as pid 7, tells Node at once that pid 7 exited, and only 50 ms later
 * writes the child's last frame: the order the two sockets may deliver in on a busy machine.
 */
function sandboxWithLateChildFrames(): Sandbox {
  return {
    name: "fake",
    protections: () => Promise.resolve([]),
    acquireIdentity: () => Promise.reject(new Error("not used")),
    run: () => Promise.reject(new Error("not used")),
    close: () => Promise.resolve(),
    spawn(spec: SandboxSpec): SandboxProcess {
      // What Node writes (kill frames) is not read: the stand-in only writes.
      const channel = new PassThrough();
      const toNode = { write: (frame: Buffer) => channel.push(frame) };
      const hostDir = spec.mounts!.find((mount) => mount.sandboxPath === "/socket")!.hostPath;
      let end!: (result: SandboxResult) => void;
      const result = new Promise<SandboxResult>((resolve) => (end = resolve));
      const listener = createServer((socket) => {
        socket.write(encodeFrame({ t: "hello", pid: 7 }));
        toNode.write(encodeFrame({ t: "exit", pid: 7, code: 0, stderr: "" }));
        setTimeout(() => socket.end(encodeFrame({ t: "done" })), 50);
      });
      listener.listen(join(hostDir, "harness.sock"), () => toNode.write(encodeFrame({ t: "ready" })));
      const ended: SandboxResult = { exitCode: 0, signal: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputTruncated: false, limitsHit: [], wallTimeMs: 1, cpuTimeMs: 0 };
      return {
        stdin: null,
        stdout: new PassThrough(),
        stderr: new PassThrough(),
        channels: [channel],
        result,
        connect: () => Promise.reject(new Error("no loopback")),
        expose: () => Promise.reject(new Error("no loopback")),
        kill: () => {
          listener.close();
          end(ended);
          return result;
        },
        cpuWaitMs: () => 0,
      };
    },
  };
}

void describe("a harness child's result", () => {
  void it("waits for the child's last frame when the server says it exited first", async () => {
    const own = startHarnessServer({ sandbox: sandboxWithLateChildFrames(), maxChildAgeMs: 60_000, childCpuSeconds: 30, lifetimeMs: 60_000 });
    try {
      await own.ready;
      const child = own.open();
      const frames: string[] = [];
      const reader = new FrameReader(1 << 20, { frame: (body) => frames.push((JSON.parse(body.toString("utf8")) as { t: string }).t), tooLarge: () => undefined });
      reader.attach(child.channels[0]!);
      const result = await child.result;
      assert.deepEqual(frames, ["done"], "the result came before the child's last frame was read");
      assert.equal(result.exitCode, 0);
    } finally {
      await own.close();
    }
  });
});

void describe("a harness server where the caller's temporary folder is private", () => {
  void it("starts all the same: its socket's folder is not made in TMPDIR (as root)", { skip: process.getuid?.() === 0 ? false : "only root's socket folder is outside TMPDIR" }, async () => {
    const saved = process.env.TMPDIR;
    const privateTmp = mkdtempSync(join(tmpdir(), "roadwork-private-tmp-")); // mode 0700
    process.env.TMPDIR = privateTmp;
    try {
      const own = startHarnessServer({ sandbox: await theSandbox(), maxChildAgeMs: 60_000, childCpuSeconds: 30, lifetimeMs: 60_000 });
      try {
        await own.ready;
        assert.equal(own.alive(), true);
      } finally {
        await own.close();
      }
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(privateTmp, { recursive: true, force: true });
    }
  });
});

void describe("a harness server's socket folders", () => {
  void it("are swept at the next start once the process that made them is gone (as root)", { skip: process.getuid?.() === 0 ? false : "only root's socket folders are kept under /run" }, async () => {
    const gone = spawnSync("/bin/true").pid;
    assert.ok(gone !== undefined);
    const left = `/run/roadwork-sandbox/harness/roadwork-harness-${gone}-left`;
    mkdirSync(left, { recursive: true });
    const own = startHarnessServer({ sandbox: await theSandbox(), maxChildAgeMs: 60_000, childCpuSeconds: 30, lifetimeMs: 60_000 });
    try {
      assert.equal(existsSync(left), false, "the folder of a process that is gone was kept");
    } finally {
      await own.close();
    }
  });
});

void describe("a harness server that cannot start", () => {
  void it("leaves warm grading to pairs that start their own harness, and says why in the log", async () => {
    const real = await theSandbox();
    const refusing: Sandbox = {
      name: real.name,
      protections: () => real.protections(),
      acquireIdentity: () => real.acquireIdentity(),
      run: (spec) => real.run(spec),
      close: () => Promise.resolve(),
      spawn: (spec) => {
        if (spec.argv.some((arg) => arg.includes("harness_server"))) throw new Error("mount source /somewhere is not reachable by the sandbox's uid");
        return real.spawn(spec);
      },
    };
    const log = recordingLog();
    const warm = createWarmGrader({ sandbox: refusing, size: 1, log });
    try {
      const double = fixture("double");
      const report = await warm.grade(await exercise(double), read(double, "solution.py"));
      assert.equal(report.status, "pass", JSON.stringify(report));
      const said = log.lines.find((line) => line.level === "warn" && /harness server could not be started/.test(line.msg ?? ""));
      assert.ok(said, `nothing logged: ${JSON.stringify(log.lines)}`);
      assert.match(String((said.fields.err as Error).message), /not reachable/);
    } finally {
      await warm.close();
    }
  });
});
