/**
 * exercise.yaml's unchanged_arguments: in tamper-proof mode a call gets copies of its
 * arguments, so a test such as "the list given is not changed" cannot see a solution that
 * changes its list in place. With unchanged_arguments the solution's side tells which list,
 * dict or set a call changed, and that test fails, naming the argument and what it became.
 * Only ever a reason to fail: the tests' own values never change, so a solution that keeps
 * quiet gains nothing. Checked cold and warm, in the real sandbox.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExercise, type FunctionExercise } from "../../src/content/exercise.js";
import { isRoadworkError } from "../../src/errors.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import { createWarmGrader } from "../../src/grading/exercise/warm.js";
import type { GradeReport } from "../../src/grading/report.js";
import { closeSandbox, theSandbox } from "./helpers.js";

const dirs: string[] = [];
after(async () => {
  await closeSandbox();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const TESTS = `from solution import totals, tally, flatten


def test_totals():
    assert totals([1, 2, 3]) == [1, 3, 6]


def test_the_list_given_is_not_changed():
    numbers = [3, 1, 4]
    totals(numbers)
    assert numbers == [3, 1, 4]


def test_tally_by_keyword():
    counts = {"a": 1}
    assert tally("a", counts=counts) == {"a": 2}


def test_lists_inside_a_tuple():
    rows = ([2, 1], [3])
    assert sorted(flatten(rows)) == [1, 2, 3]


def test_a_call_that_fails_after_changing_its_list():
    try:
        totals([0, 5, 1])
    except ValueError:
        pass
`;

const GOOD = `def totals(numbers):
    if numbers and numbers[0] == 0:
        raise ValueError("no zero first")
    out, total = [], 0
    for n in numbers:
        total += n
        out.append(total)
    return out


def tally(key, counts):
    counts = dict(counts)
    counts[key] = counts.get(key, 0) + 1
    return counts


def flatten(rows):
    return [item for row in rows for item in row]
`;

/** Changes every list in place; counts in the dict given, passed by keyword; sorts the lists inside a tuple; a zero first: changes, then raises. */
const IN_PLACE = `def totals(numbers):
    for i in range(1, len(numbers)):
        numbers[i] += numbers[i - 1]
    if numbers and numbers[0] == 0:
        raise ValueError("no zero first")
    return list(numbers)


def tally(key, counts):
    counts[key] = counts.get(key, 0) + 1
    return dict(counts)


def flatten(rows):
    for row in rows:
        row.sort()
    return [item for row in rows for item in row]
`;

async function exerciseWith(yaml: string): Promise<FunctionExercise> {
  const parent = mkdtempSync(join(tmpdir(), "rw-unchanged-"));
  dirs.push(parent);
  const dir = join(parent, "totals");
  mkdirSync(dir);
  const files: Record<string, string> = { "exercise.yaml": `id: totals\ntitle: Totals\nkind: function\n${yaml}`, "README.md": "# Totals\n", "starter.py": "def totals(numbers):\n    pass\n", "solution.py": GOOD, "tests.py": TESTS };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return (await loadExercise(dir)) as FunctionExercise;
}

function statuses(report: GradeReport): Record<string, string> {
  return Object.fromEntries(report.tests.map((test) => [test.name, test.status]));
}

function messageOf(report: GradeReport, name: string): string {
  return report.tests.find((test) => test.name === name)?.message ?? "";
}

void describe("unchanged_arguments", () => {
  void it("fails each test whose call changed a list or dict it was given, naming it and what it became", async () => {
    const exercise = await exerciseWith("unchanged_arguments: true\n");
    const report = await gradeSubmission(exercise, IN_PLACE, { sandbox: await theSandbox() });
    assert.deepEqual(statuses(report), {
      test_totals: "fail",
      test_the_list_given_is_not_changed: "fail",
      test_tally_by_keyword: "fail",
      test_lists_inside_a_tuple: "fail",
      test_a_call_that_fails_after_changing_its_list: "fail",
    });
    assert.match(messageOf(report, "test_the_list_given_is_not_changed"), /^totals changed the list it was given as numbers: \[3, 1, 4\] became \[3, 4, 8\]\.\nThis exercise asks that a call leaves what it is given as it was/);
    assert.match(messageOf(report, "test_tally_by_keyword"), /^tally changed the dict it was given as counts: \{'a': 1\} became \{'a': 2\}\./);
    assert.match(messageOf(report, "test_lists_inside_a_tuple"), /^flatten changed the tuple it was given as rows: \(\[2, 1\], \[3\]\) became \(\[1, 2\], \[3\]\)\./);
    // Changed, then raised: the test caught the error, and the change is still told.
    assert.match(messageOf(report, "test_a_call_that_fails_after_changing_its_list"), /^totals changed the list it was given as numbers: \[0, 5, 1\] became \[0, 5, 6\]\./);
  });

  void it("passes a solution that works on copies, cold and warm", async () => {
    const exercise = await exerciseWith("unchanged_arguments: true\n");
    const cold = await gradeSubmission(exercise, GOOD, { sandbox: await theSandbox() });
    assert.equal(cold.status, "pass", JSON.stringify(cold.tests));
    const warm = createWarmGrader({ sandbox: await theSandbox(), size: 1 });
    try {
      assert.equal((await warm.grade(exercise, GOOD)).status, "pass");
      const caught = await warm.grade(exercise, IN_PLACE);
      assert.equal(statuses(caught).test_the_list_given_is_not_changed, "fail", "the warm path asks too");
    } finally {
      await warm.close();
    }
  });

  void it("is what makes the difference: without it the copy hides the change, as before", async () => {
    const exercise = await exerciseWith("");
    const report = await gradeSubmission(exercise, IN_PLACE, { sandbox: await theSandbox() });
    assert.equal(statuses(report).test_the_list_given_is_not_changed, "pass");
    assert.equal(statuses(report).test_tally_by_keyword, "pass");
  });

  void it("is refused, with its file and line, in compatible mode (where the tests see a change themselves)", async () => {
    for (const [yaml, line] of [
      ["mode: compatible\nunchanged_arguments: true\n", 5],
      ["unchanged_arguments: false\nmode: compatible\n", 4],
    ] as const) {
      const error = await exerciseWith(yaml).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(isRoadworkError(error) && error.code === "CONTENT_INVALID", String(error));
      assert.match(error.toString(), new RegExp(`totals/exercise\\.yaml:${line}: unchanged_arguments: it is for tamper-proof mode`));
    }
  });
});
