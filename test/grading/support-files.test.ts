/**
 * support_files: data modules and test helpers beside tests.py (Exercism's editor files and
 * test_utils.py) reach the tests and the solution in both modes; in tamper-proof mode the
 * tests' copy is out of the solution's reach.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExercise, type FunctionExercise } from "../../src/content/exercise.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, summary, theSandbox } from "./helpers.js";

const dirs: string[] = [];
after(async () => {
  await closeSandbox();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const FILES: Record<string, string> = {
  "exercise.yaml": "id: menu\ntitle: Menu\nkind: function\nsupport_files: [menu_data.py, menu_test_helpers.py, prices.txt]\n",
  "README.md": "# Menu\n\nCount the vegan dishes.\n",
  "starter.py": "from menu_data import VEGAN\n\n\ndef vegan_count(dishes):\n    pass\n",
  "solution.py": "from menu_data import VEGAN\n\n\ndef vegan_count(dishes):\n    return sum(1 for d in dishes if d in VEGAN)\n",
  "menu_data.py": "VEGAN = {'salad', 'soup'}\n",
  "menu_test_helpers.py": "DISHES = ['salad', 'steak', 'soup']\n",
  "prices.txt": "salad 4\n",
  "tests.py": `from solution import vegan_count
from menu_data import VEGAN
from menu_test_helpers import DISHES


def test_counts_vegan_dishes():
    assert vegan_count(DISHES) == 2


def test_data_file_beside_the_tests_is_readable():
    with open("prices.txt") as file:
        assert file.read() == "salad 4\\n"


def test_the_data_is_what_the_exercise_says():
    assert VEGAN == {"salad", "soup"}
    assert vegan_count(sorted(VEGAN)) == 2
`,
};

async function menuExercise(): Promise<FunctionExercise> {
  const parent = mkdtempSync(join(tmpdir(), "rw-support-"));
  dirs.push(parent);
  const dir = join(parent, "menu");
  mkdirSync(dir);
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  const exercise = await loadExercise(dir);
  assert.equal(exercise.kind, "function");
  return exercise as FunctionExercise;
}

async function gradeIn(mode: "tamper-proof" | "compatible", source: string): Promise<GradeReport> {
  const exercise = await menuExercise();
  return gradeSubmission({ ...exercise, config: { ...exercise.config, mode } }, source, { sandbox: await theSandbox() });
}

for (const mode of ["tamper-proof", "compatible"] as const) {
  describe(`support files, ${mode} mode`, () => {
    it("the tests import and read the support files; the solution imports them too", async () => {
      const report = await gradeIn(mode, FILES["solution.py"]!);
      assert.equal(report.status, "pass", summary(report));
      assert.equal(report.tests.length, 3);
    });

    it("the starter, which imports a support module, still fails on what it leaves out", async () => {
      const report = await gradeIn(mode, FILES["starter.py"]!);
      assert.equal(report.status, "fail", summary(report));
      assert.equal(report.tests.find((t) => t.name === "test_counts_vegan_dishes")?.status, "fail");
    });
  });
}

describe("support files, tamper-proof: the tests' copy is out of the solution's reach", () => {
  it("a solution that rewrites its own copy of the data (on disk and in memory) changes nothing the tests see", async () => {
    const cheat = [
      "import os, sys",
      "import menu_data",
      "for name in ('menu_data.py', 'prices.txt'):",
      "    try:",
      "        os.chmod('/work/' + name, 0o644)",
      "        open('/work/' + name, 'w').write(\"VEGAN = {'steak'}\\n\")",
      "    except OSError:",
      "        pass",
      "menu_data.VEGAN.clear()",
      "menu_data.VEGAN.add('steak')",
      "",
      "def vegan_count(dishes):",
      "    return sum(1 for d in dishes if d in menu_data.VEGAN)",
      "",
    ].join("\n");
    const report = await gradeIn("tamper-proof", cheat);
    assert.equal(report.status, "fail", summary(report));
    assert.equal(report.tests.find((t) => t.name === "test_data_file_beside_the_tests_is_readable")?.status, "pass", summary(report));
    // The tests' VEGAN is still the exercise's: only the solution's answer is wrong.
    const data = report.tests.find((t) => t.name === "test_the_data_is_what_the_exercise_says");
    assert.equal(data?.status, "fail", summary(report));
    assert.match(data?.message ?? "", /^assert vegan_count\(sorted\(VEGAN\)\) == 2$/m);
  });

  it("refuses a support file that is not beside tests.py", async () => {
    const parent = mkdtempSync(join(tmpdir(), "rw-support-"));
    dirs.push(parent);
    const dir = join(parent, "menu");
    mkdirSync(dir);
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "exercise.yaml"), "id: menu\ntitle: Menu\nkind: function\nsupport_files: [missing.py]\n");
    await assert.rejects(loadExercise(dir), /support_files names missing\.py, which is not a file beside tests\.py/);
    writeFileSync(join(dir, "exercise.yaml"), "id: menu\ntitle: Menu\nkind: function\nsupport_files: [../secret.py]\n");
    await assert.rejects(loadExercise(dir), /a file name beside tests\.py/);
  });
});
