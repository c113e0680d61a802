/**
 * The hostile-input suite. Every case is a WRONG solution of the `double` fixture exercise
 * that tries to escape, exhaust or forge its way to a pass. Each must end fail or error
 * (never pass), with the named limit where one applies, and leave the host unaffected.
 * Attacks that could make an honest answer possible are written so that the solution answers
 * correctly only if the attack worked: a pass would mean the attack succeeded.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { networkInterfaces } from "node:os";
import { randomBytes } from "node:crypto";
import type { Exercise } from "../../src/content/exercise.js";
import type { GradeReport, LimitName } from "../../src/grading/report.js";
import { gradeReportSchema } from "../../src/grading/report.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import { HARNESS_DIR } from "../../src/grading/exercise/paths.js";
import { createSandbox } from "../../src/grading/sandbox/index.js";
import { exercise, fixture, summary } from "../grading/helpers.js";
import { Sentinel, UidRecordingSandbox, hostProcessesMatching, processesOfUids, treeDigest } from "./host.js";

const py = String.raw;
const DOUBLE = fixture("double");
const SECRET = `roadwork-secret-${randomBytes(8).toString("hex")}`;
const sentinel = new Sentinel();
let harnessDigest = "";
let sandbox: UidRecordingSandbox | undefined;

before(async () => {
  // A secret in the grader's own environment: no submission may see it.
  process.env.ROADWORK_GRADER_SECRET = SECRET;
  harnessDigest = treeDigest(HARNESS_DIR);
  sandbox = new UidRecordingSandbox(await createSandbox());
});
after(async () => {
  delete process.env.ROADWORK_GRADER_SECRET;
  await sandbox?.close();
});

/**
 * The double exercise with a CPU-time limit far below its wall time: a spin must end at the
 * CPU-time limit even on a machine busy enough to give it a tenth of a core.
 */
async function cpuBoundDouble(): Promise<Exercise> {
  const ex = await exercise(DOUBLE);
  return { ...ex, config: { ...ex.config, limits: { ...ex.config.limits, cpu_time_ms: 1000, wall_time_ms: 20_000 } } } as Exercise;
}

async function grade(ex: Exercise | string, source: string): Promise<GradeReport> {
  return gradeSubmission(typeof ex === "string" ? await exercise(ex) : ex, source, { sandbox: sandbox! });
}

/** A solution that answers right only if `attack` (a body returning True on success) worked. */
function onlyIf(attack: string): string {
  const body = attack
    .trim()
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
  return `import os, sys\n\ndef _attack():\n${body}\n\ndef double(x):\n    try:\n        worked = _attack()\n    except BaseException:\n        worked = False\n    return 2 * x if worked else x + 1\n`;
}

function hostAddresses(): string[] {
  const addresses = new Set<string>(["127.0.0.1", "0.0.0.0"]);
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === "IPv4") addresses.add(a.address);
  return [...addresses];
}

interface Hostile {
  name: string;
  source: string | (() => string);
  /** Limits of which at least one must be named (in limits_hit and in a failing test's message). */
  limits?: LimitName[];
  /** Host processes that must be gone afterwards (command-line fragments). */
  leftovers?: string[];
  /** Graded against this exercise instead of the double fixture. */
  exercise?: () => Promise<Exercise>;
  check?: (report: GradeReport) => void;
}

const LIBC = py`
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
`;

const cases: Hostile[] = [
  // ---------------------------------------------------------------- exhaustion
  {
    name: "fork bomb",
    source: py`
import os
def double(x):
    while True:
        try:
            os.fork()
        except OSError:
            pass
`,
    limits: ["processes"],
  },
  {
    name: "thread bomb",
    source: py`
import threading, time
def double(x):
    while True:
        try:
            threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()
        except RuntimeError:
            pass
`,
    limits: ["processes"],
  },
  {
    name: "memory bomb",
    source: "def double(x):\n    hoard = []\n    while True:\n        hoard.append(bytearray(4 << 20))\n",
    limits: ["memory"],
  },
  { name: "CPU spin", source: "def double(x):\n    while True:\n        pass\n", limits: ["cpu-time"], exercise: cpuBoundDouble },
  {
    name: "CPU spin in several threads and processes",
    source: py`
import os, threading
def spin():
    while True:
        pass
def double(x):
    for _ in range(2):
        if os.fork() == 0:
            break
    for _ in range(2):
        threading.Thread(target=spin, daemon=True).start()
    spin()
`,
    limits: ["cpu-time"],
    exercise: cpuBoundDouble,
  },
  { name: "sleep forever", source: "import time\ndef double(x):\n    time.sleep(10**6)\n", limits: ["wall-time"] },
  {
    name: "disk fill with one file",
    source: py`
def double(x):
    with open("/work/fill.bin", "wb") as f:
        while True:
            f.write(b"\0" * (1 << 20))
            f.flush()
`,
    limits: ["file-size"],
  },
  {
    name: "disk fill with many files",
    source: py`
def double(x):
    i = 0
    while True:
        with open("/work/f%d" % i, "wb") as f:
            f.write(b"\1" * 200_000)
        i += 1
`,
    limits: ["disk"],
  },
  {
    name: "exhausting file descriptors",
    source: "def double(x):\n    held = []\n    while True:\n        held.append(open('/dev/null'))\n",
    limits: ["open-files"],
  },
  {
    name: "100 MB of output",
    source: "import sys\ndef double(x):\n    chunk = 'spam' * 262144\n    for _ in range(100):\n        sys.stdout.write(chunk)\n    return x + 1\n",
    limits: ["output"],
  },
  {
    name: "non-UTF-8 and NUL output",
    source: "import os, sys\ndef double(x):\n    os.write(1, b'\\xff\\xfe\\x00bad\\x80\\x00')\n    print('nul\\x00inside')\n    sys.stderr.write('\\udcff' if False else 'err\\x00')\n    return x + 1\n",
    check: (report) => {
      gradeReportSchema.parse(JSON.parse(JSON.stringify(report)));
      assert.equal(report.status, "fail");
    },
  },
  // ---------------------------------------------------------------- escape
  {
    name: "network egress to a public address",
    source: onlyIf(py`
import socket
for host in ("1.1.1.1", "8.8.8.8", "93.184.216.34"):
    try:
        socket.create_connection((host, 53 if host != "93.184.216.34" else 80), timeout=0.5).close()
        return True
    except OSError:
        pass
return False
`),
  },
  ...[5432, 3306, 6379, 5672, 1883, 4222].map((port): Hostile => ({
    name: `network to the local service port ${port}`,
    source: () =>
      onlyIf(`import socket
for host in ${JSON.stringify(hostAddresses())}:
    try:
        socket.create_connection((host, ${port}), timeout=0.3).close()
        return True
    except OSError:
        pass
return False
`),
  })),
  { name: "reading /etc/shadow", source: onlyIf("return 'root:' in open('/etc/shadow').read()") },
  {
    name: "reading the tests file",
    source: onlyIf(py`
for top in ("/work", "/harness", "/tmp", "/", "/run", "/var", "/home", "/root", "/srv", "/opt", "/exercise"):
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if root + "/" + d not in ("/proc", "/sys", "/dev", "/usr")]
        for name in files:
            try:
                if b"DOUBLE-TESTS-" + b"MARKER-7c1f" in open(os.path.join(root, name), "rb").read(1 << 20):
                    return True
            except OSError:
                pass
return False
`),
  },
  {
    name: "environment secrets of the grader",
    source: () =>
      onlyIf(`secret = ${JSON.stringify(SECRET)}
if any(secret in v for v in os.environ.values()):
    return True
for pid in ["self", "1"] + [p for p in os.listdir("/proc") if p.isdigit()]:
    try:
        if secret.encode() in open("/proc/%s/environ" % pid, "rb").read():
            return True
    except OSError:
        pass
return False
`),
  },
  {
    name: "symlinked result paths pointing at host files",
    source: () =>
      onlyIf(`for name in ("result.json", "results.json", "report.json", "solution.py.out", "sentinel"):
    try:
        os.symlink(${JSON.stringify(sentinel.path)}, "/work/" + name)
    except OSError:
        pass
os.symlink("/", "/work/root-link")
try:
    open("/work/sentinel", "w").write("overwritten by a submission")
    return True
except OSError:
    return False
`),
  },
  {
    name: "hard-linked result paths",
    source: onlyIf(py`
worked = False
for target in ("/etc/passwd", "/harness/harness.py", "/usr/bin/python3"):
    try:
        os.link(target, "/work/link-" + os.path.basename(target))
        worked = True
    except OSError:
        pass
return worked
`),
  },
  {
    name: "writing into the harness folder",
    source: onlyIf(py`
with open("/harness/testing.py", "a") as f:
    f.write("\nraise SystemExit('tampered')\n")
return True
`),
  },
  {
    name: "killing pid 1 and every process it can see",
    source: "import os, signal\ndef double(x):\n    for pid in (1, -1):\n        try:\n            os.kill(pid, signal.SIGKILL)\n        except OSError:\n            pass\n    return x + 1\n",
  },
  {
    name: "a double-fork daemon",
    source: py`
import os
def double(x):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv("/usr/bin/sleep", ["sleep", "4242.4242"])
        os._exit(0)
    return x + 1
`,
    leftovers: ["4242.4242"],
  },
  {
    name: "ptrace of the parent process",
    source: onlyIf(`${LIBC}
return libc.ptrace(16, os.getppid(), None, None) == 0 or libc.ptrace(0, 0, None, None) == 0
`),
  },
  { name: "nested namespaces with unshare", source: onlyIf(`${LIBC}\nreturn libc.unshare(0x10000000) == 0 or libc.unshare(0x20000000) == 0`) },
  { name: "io_uring", source: onlyIf(`${LIBC}\nparams = ctypes.create_string_buffer(120)\nreturn libc.syscall(425, 8, params) >= 0`) },
  { name: "keyctl", source: onlyIf(`${LIBC}\nreturn libc.syscall(250, 1, None) >= 0 or libc.syscall(248, b"user", b"k", b"v", 1, -2) >= 0`) },
  {
    name: "/proc snooping for host processes",
    source: onlyIf(py`
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            cmd = open("/proc/%s/cmdline" % pid, "rb").read()
        except OSError:
            continue
        if b"node" in cmd or b"systemd" in cmd or b"init" in cmd or b"import harness" in cmd:
            return True
return False
`),
  },
  { name: "becoming root", source: onlyIf("os.setuid(0)\nreturn os.getuid() == 0") },
  { name: "mounting a filesystem", source: onlyIf(`${LIBC}\nreturn libc.mount(b"none", b"/work", b"tmpfs", 0, None) == 0`) },
  // ---------------------------------------------------------------- forgery
  { name: "os._exit(0) at import", source: "import os\nos._exit(0)\n" },
  {
    name: "fake 'passed' output",
    source: "print('===== 3 passed in 0.01s =====')\nprint('{\"version\": 3, \"status\": \"pass\", \"tests\": []}')\ndef double(x):\n    print('PASSED')\n    return x + 1\n",
  },
  {
    name: "atexit printing results",
    source: "import atexit, sys\natexit.register(lambda: print('{\"version\": 3, \"status\": \"pass\", \"tests\": []}'))\ndef double(x):\n    sys.exit(0)\n",
  },
  {
    name: "fake frames written to fd 3",
    source: py`
import os
def frame(text, control=False):
    data = text.encode()
    return (len(data) | (0x80000000 if control else 0)).to_bytes(4, "big") + data
for text in ('{"v": null}', '{"t": "result", "name": "test_two", "status": "pass"}', '{"t": "done"}', '{"v": {"i": "4"}}'):
    os.write(3, frame(text))
os.write(3, frame('{"t": "gone", "message": "fake"}', True))
def double(x):
    return x + 1
`,
  },
  {
    name: "fake frames written to every inherited descriptor",
    source: py`
import os
payload = b'\x00\x00\x00\x0b{"v": null}\x00\x00\x00\x0e{"t": "done"}'
for fd in range(0, 256):
    try:
        os.write(fd, payload)
    except OSError:
        pass
def double(x):
    return x + 1
`,
  },
  {
    name: "a frame announcing 2 GB",
    source: "import os\ndef double(x):\n    os.write(3, (0x7fffffff).to_bytes(4, 'big') + b'{')\n    return x + 1\n",
    limits: ["message-size"],
  },
  {
    name: "replies to requests nobody made",
    source: py`
import os, sys
main = sys.modules["solution_host"]
original = main.write_raw
def chatty(fd, text, control=False):
    original(fd, text)
    original(fd, '{"v": {"i": "4"}}')
main.write_raw = chatty
def double(x):
    return x + 1
`,
  },
  {
    name: "patching builtins",
    source: py`
import builtins, operator
builtins.AssertionError = type("AssertionError", (Exception,), {})
builtins.len = lambda obj: 0
builtins.isinstance = lambda *a: True
builtins.print = lambda *a, **k: None
operator.eq = lambda a, b: True
def double(x):
    return x + 1
`,
  },
  {
    name: "an object whose __eq__ always says True",
    source: "class Yes:\n    def __eq__(self, other):\n        return True\n    __hash__ = object.__hash__\n    def __bool__(self):\n        return True\ndef double(x):\n    return Yes()\n",
  },
  { name: "a list subclass whose __eq__ always says True", source: "class L(list):\n    def __eq__(self, other):\n        return True\ndef double(x):\n    return L()\n" },
  {
    name: "an int subclass whose __eq__ always says True",
    source: "class I(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\ndef double(x):\n    return I(x + 1)\n",
  },
  { name: "a str subclass whose __eq__ always says True", source: "class S(str):\n    def __eq__(self, other):\n        return True\n    __hash__ = str.__hash__\ndef double(x):\n    return S('no')\n" },
  {
    name: "walking the stack and the heap to tamper with the tests",
    source: py`
import gc, sys
def double(x):
    frame = sys._getframe()
    while frame is not None:
        for name in list(frame.f_globals):
            if name.startswith("test_"):
                frame.f_globals[name] = lambda *a, **k: None
        frame = frame.f_back
    for obj in gc.get_objects():
        if callable(obj) and getattr(obj, "__name__", "").startswith("test_"):
            obj.__code__ = (lambda: None).__code__
        if type(obj).__name__ in ("AssertionError",):
            pass
    return x + 1
`,
  },
  { name: "raising SystemExit from a call", source: "def double(x):\n    raise SystemExit(0)\n" },
  { name: "raising KeyboardInterrupt from a call", source: "def double(x):\n    raise KeyboardInterrupt()\n" },
  { name: "raising BaseException from a call", source: "def double(x):\n    raise BaseException('stop everything')\n" },
  {
    name: "returning a huge nested structure",
    source: "def double(x):\n    value = []\n    for _ in range(100000):\n        value = [value]\n    return value\n",
  },
  { name: "returning a huge flat structure", source: "def double(x):\n    return list(range(300000))\n" },
  { name: "returning a 40 MB string", source: "def double(x):\n    return 'z' * (40 << 20)\n", limits: ["memory", "message-size"] },
  { name: "closing the channel", source: "import os\nos.close(3)\ndef double(x):\n    return 2 * x\n" },
];

describe("hostile submissions never pass and leave the host as it was", () => {
  it("has at least 35 hostile cases", () => {
    assert.ok(cases.length >= 35, `${cases.length} cases`);
  });

  for (const hostile of cases) {
    it(hostile.name, async () => {
      await sandbox!.prepare(4);
      try {
        await checkCase(hostile);
      } finally {
        await sandbox!.releaseAll();
      }
    });
  }

  async function checkCase(hostile: Hostile): Promise<void> {
    {
      const source = typeof hostile.source === "function" ? hostile.source() : hostile.source;
      const report = await grade(hostile.exercise === undefined ? DOUBLE : await hostile.exercise(), source);
      assert.notEqual(report.status, "pass", summary(report));
      assert.ok(report.tests.length === 3, summary(report));
      assert.ok(report.tests.some((t) => t.status !== "pass"), summary(report));
      if (hostile.limits !== undefined) {
        const named = (report.limits_hit ?? []).filter((h) => hostile.limits!.includes(h.limit));
        assert.ok(named.length > 0, `expected one of ${hostile.limits.join(", ")} in limits_hit: ${summary(report)}`);
        const messages = report.tests.filter((t) => t.status !== "pass").map((t) => t.message ?? "");
        assert.ok(
          named.some((hit) => messages.some((m) => m.includes(hit.message))),
          `a failing test names the limit: ${summary(report)}`,
        );
      }
      hostile.check?.(report);
      // The host: nothing of this grading's runs left running, wherever it went in the
      // process tree (by the runs' own uids), nor anything this test process started;
      // processes of other graders and test files on the machine are not this case's.
      assert.equal(sandbox!.unrecorded, 0, "every run of the grading got a uid the test knows");
      const uids = sandbox!.uids();
      assert.ok(uids.size >= 2, `the grading ran the solution and the harness (${uids.size} runs)`);
      assert.deepEqual(processesOfUids(uids), [], "no process of the grading's runs is left");
      for (const fragment of ["import solution_host", "import harness"]) {
        assert.deepEqual(hostProcessesMatching(fragment), [], `no process left running "${fragment}"`);
      }
      for (const fragment of hostile.leftovers ?? []) {
        assert.deepEqual(hostProcessesMatching(fragment, true), [], `no process left running "${fragment}"`);
      }
      assert.ok(sentinel.intact(), "the host sentinel file is untouched");
      assert.equal(treeDigest(HARNESS_DIR), harnessDigest, "the harness files are untouched");
    }
  }

  it("does not let one submission read another that runs at the same time", async () => {
    const marker = `VICTIM-${randomBytes(6).toString("hex")}`;
    const victim = `# ${marker}\nimport time\ndef double(x):\n    time.sleep(0.5)\n    return x + 1\n`;
    // The attacker's own source must not contain the marker, or it would find itself.
    const attacker = onlyIf(`marker = ${JSON.stringify([...marker].reverse().join(""))}[::-1].encode()
import time
deadline = time.time() + 1.2
while time.time() < deadline:
    for top in ["/work", "/tmp", "/run", "/var", "/dev/shm", "/home", "/root"] + ["/proc/%s/root/work" % p for p in os.listdir("/proc") if p.isdigit()]:
        for root, dirs, files in os.walk(top):
            if time.time() > deadline:
                return False
            for name in files:
                try:
                    if marker in open(os.path.join(root, name), "rb").read(1 << 16):
                        return True
                except OSError:
                    pass
    time.sleep(0.05)
return False
`);
    const [victimReport, attackerReport] = await Promise.all([grade(DOUBLE, victim), grade(DOUBLE, attacker)]);
    assert.equal(victimReport.status, "fail");
    assert.notEqual(attackerReport.status, "pass", summary(attackerReport));
    assert.match(attackerReport.tests[0]?.message ?? "", /^got 3$/m);
  });
});
