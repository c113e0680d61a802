/**
 * Nothing crosses from one submission to the next on the warm path: each submission gets a
 * pair of processes started for it alone, in sandboxes of their own, and destroyed after.
 * Submission 1 tries to leave something behind (files in /tmp, /work, /dev/shm and the
 * harness folder, a background process, a patched builtin, a module in sys.modules);
 * submission 2, graded on the same warm grader after it, passes only when it finds none of
 * it. The control: the same detector in the same submission as the leftovers finds them, so
 * the detector itself can fail.
 */
import { describe, it, after, before } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { createWarmGrader, type WarmGrader } from "../../src/grading/exercise/warm.js";
import { closeSandbox, exercise, fixture, summary, theSandbox } from "./helpers.js";

const LEAVE = `
import builtins, os, sys, types
for folder in ("/tmp", "/work", "/dev/shm", "/harness"):
    try:
        with open(folder + "/rw-leftover", "w") as f:
            f.write("left by submission 1")
    except OSError:
        pass
builtins.rw_leftover = True
builtins.divmod = lambda a, b: (0, 0)
sys.modules["rw_leftover_module"] = types.ModuleType("rw_leftover_module")
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        import time
        time.sleep(60)
    os._exit(0)
`;

const DETECT = `
import builtins, os, sys

def _leftovers():
    found = []
    for folder in ("/tmp", "/work", "/dev/shm", "/harness"):
        if os.path.exists(folder + "/rw-leftover"):
            found.append("a file in " + folder)
    others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()]
    if others:
        found.append("processes " + ",".join(others))
    if getattr(builtins, "rw_leftover", False) or divmod(7, 2) != (3, 1):
        found.append("a patched builtin")
    if "rw_leftover_module" in sys.modules:
        found.append("a module in sys.modules")
    return found

LEFT = _leftovers()

def double(x):
    return 2 * x if not LEFT else "found: " + "; ".join(LEFT)
`;

const CLEAN = "def double(x):\n    return 2 * x\n";

let warm: WarmGrader;
before(async () => {
  warm = createWarmGrader({ sandbox: await theSandbox(), size: 2 });
});
after(async () => {
  await warm.close();
  await closeSandbox();
});

describe("the warm grader keeps submissions apart", () => {
  it("the detector finds leftovers made in its own submission (the control)", async () => {
    const ex = await exercise(fixture("double"));
    for (let i = 0; i < 100 && warm.ready(ex) < 2; i++) await sleep(50);
    const report = await warm.grade(ex, LEAVE + DETECT);
    assert.equal(report.status, "fail", summary(report));
    const message = report.tests.map((t) => t.message ?? "").join("\n");
    for (const sign of ["a file in /tmp", "a file in /work", "a file in /dev/shm", "processes", "a patched builtin", "a module in sys.modules"]) {
      assert.ok(message.includes(sign), `the detector missed ${sign}: ${message.slice(0, 1000)}`);
    }
    // The harness folder is read-only inside: nothing can be left there, even by the same submission.
    assert.ok(!message.includes("a file in /harness"), message.slice(0, 1000));
  });

  it("a submission finds nothing of the one graded before it, on a waiting pair or on one started after it", async () => {
    const ex = await exercise(fixture("double"));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100 && warm.ready(ex) < 2; i++) await sleep(50);
      const before = warm.stats().warm;
      const first = await warm.grade(ex, LEAVE + CLEAN);
      assert.equal(first.status, "pass", summary(first));
      // Right after: the pair that waited beside the first one.
      const second = await warm.grade(ex, DETECT);
      assert.equal(second.status, "pass", `submission 2 found what submission 1 left: ${summary(second)}`);
      assert.equal(warm.stats().warm, before + 2, "both gradings used waiting pairs");
    }
  });
});
