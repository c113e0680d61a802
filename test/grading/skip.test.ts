/**
 * Tests that skip themselves (Exercism's extra credit: @unittest.skip, pytest.skip(),
 * raise unittest.SkipTest) are reported as "skip" by name, in both modes: neither a pass nor
 * a failure of the solution. The solution can never skip a test in tamper-proof mode.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExercise, type FunctionExercise } from "../../src/content/exercise.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import { gradeReportSchema, type GradeReport } from "../../src/grading/report.js";
import { closeSandbox, summary, theSandbox } from "./helpers.js";

const dirs: string[] = [];
after(async () => {
  await closeSandbox();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const TESTS = `import unittest
import pytest
from solution import double


class DoubleTest(unittest.TestCase):
    def test_two(self):
        self.assertEqual(double(2), 4)

    @unittest.skip("extra-credit")
    def test_huge(self):
        self.assertEqual(double(10**9), 2 * 10**9)

    def test_skips_itself(self):
        raise unittest.SkipTest("not on this machine")


@pytest.mark.skip(reason="later")
def test_marked():
    assert double(1) == 3


def test_calls_skip():
    pytest.skip("no network")
`;

async function exerciseWith(tests: string): Promise<FunctionExercise> {
  const parent = mkdtempSync(join(tmpdir(), "rw-skip-"));
  dirs.push(parent);
  const dir = join(parent, "doubling");
  mkdirSync(dir);
  writeFileSync(join(dir, "exercise.yaml"), "id: doubling\ntitle: Doubling\nkind: function\n");
  writeFileSync(join(dir, "README.md"), "# Doubling\n\nDouble a number.\n");
  writeFileSync(join(dir, "starter.py"), "def double(n):\n    pass\n");
  writeFileSync(join(dir, "solution.py"), "def double(n):\n    return 2 * n\n");
  writeFileSync(join(dir, "tests.py"), tests);
  const exercise = await loadExercise(dir);
  assert.equal(exercise.kind, "function");
  return exercise as FunctionExercise;
}

async function gradeIn(mode: "tamper-proof" | "compatible", tests: string, source: string): Promise<GradeReport> {
  const exercise = await exerciseWith(tests);
  return gradeSubmission({ ...exercise, config: { ...exercise.config, mode } }, source, { sandbox: await theSandbox() });
}

const statuses = (report: GradeReport): Record<string, string> => Object.fromEntries(report.tests.map((t) => [t.name, t.status]));

for (const mode of ["tamper-proof", "compatible"] as const) {
  describe(`skipped tests, ${mode} mode`, () => {
    it("reports each test that skips itself as skip, by name, and the right solution passes", async () => {
      const report = await gradeIn(mode, TESTS, "def double(n):\n    return 2 * n\n");
      gradeReportSchema.parse(report);
      assert.equal(report.status, "pass", summary(report));
      assert.deepEqual(statuses(report), {
        "DoubleTest.test_two": "pass",
        "DoubleTest.test_huge": "skip",
        "DoubleTest.test_skips_itself": "skip",
        test_marked: "skip",
        test_calls_skip: "skip",
      });
      assert.match(report.tests.find((t) => t.name === "DoubleTest.test_huge")?.message ?? "", /extra-credit/);
    });

    it("a wrong solution still fails: a skipped test never hides the failure of another", async () => {
      const report = await gradeIn(mode, TESTS, "def double(n):\n    return n\n");
      assert.equal(report.status, "fail", summary(report));
      assert.equal(statuses(report)["DoubleTest.test_two"], "fail");
      assert.match(report.message ?? "", /1 of 1 tests did not pass \(4 skipped\)/);
    });
  });
}

describe("skipped tests in roadwork grade", () => {
  it("prints each skipped test by name with its reason, and counts only the tests that ran", async () => {
    const exercise = await exerciseWith(TESTS);
    const run = spawnSync("bin/roadwork", ["grade", exercise.dir, join(exercise.dir, "solution.py")], { encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^✓ DoubleTest\.test_two$/m);
    assert.match(run.stdout, /^- DoubleTest\.test_huge \(skipped: extra-credit\)$/m);
    assert.match(run.stdout, /^- test_calls_skip \(skipped: no network\)$/m);
    assert.match(run.stdout, /^PASS: all 1 tests passed, 4 skipped/m);
  });
});

describe("skipped tests and the solution", () => {
  it("tamper-proof: a solution that raises unittest.SkipTest fails the test, it cannot skip it", async () => {
    const report = await gradeIn("tamper-proof", TESTS, "import unittest\n\ndef double(n):\n    raise unittest.SkipTest('nothing to see')\n");
    assert.equal(report.status, "fail", summary(report));
    assert.equal(statuses(report)["DoubleTest.test_two"], "fail");
  });

  it("a grading where every test skipped is not a pass: it proves nothing", async () => {
    const tests = "import pytest\nfrom solution import double\n\n\ndef test_later():\n    pytest.skip('later')\n";
    const report = await gradeIn("tamper-proof", tests, "def double(n):\n    return 2 * n\n");
    assert.equal(report.status, "fail", summary(report));
    assert.equal(report.message, "every test was skipped");
  });
});
