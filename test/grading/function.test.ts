import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { badSolutions, closeSandbox, fixture, grade, read, summary, testNamed, track } from "./helpers.js";
import { gradeReportSchema, type TestResult } from "../../src/grading/report.js";

after(closeSandbox);

// A frozen copy of the built-in running-total (six tests): the curriculum may change, these checks may not.
const runningTotal = fixture("running-total");
const double = fixture("double");
const bank = fixture("bank-account");

describe("function exercises, tamper-proof mode", () => {
  it("passes the reference solution of running-total with all six tests, tamper-proof", async () => {
    const report = await grade(runningTotal, read(runningTotal, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(report.tests.length, 6);
    assert.equal(report.tamper_proof, true);
    assert.ok(report.tests.every((t) => t.status === "pass"));
    gradeReportSchema.parse(report);
  });

  for (const bad of badSolutions(runningTotal)) {
    it(`fails running-total's bad solution ${bad}`, async () => {
      const report = await grade(runningTotal, read(runningTotal, `bad/${bad}`));
      assert.equal(report.status, "fail", summary(report));
    });
  }

  it("rewrites a failing assert into the expression, what came back and what was expected", async () => {
    const report = await grade(runningTotal, read(runningTotal, "bad/starts_at_zero.py"));
    const test = testNamed(report, "test_several_numbers");
    assert.equal(test.status, "fail");
    assert.match(test.message ?? "", /^assert running_total\(\[1, 2, 3, 4\]\) == \[1, 3, 6, 10\]$/m);
    assert.match(test.message ?? "", /^got \[0, 1, 3, 6\]$/m);
    assert.match(test.message ?? "", /^expected \[1, 3, 6, 10\]$/m);
    assert.match(test.message ?? "", /first difference at index 0/);
  });

  it("records each test's source as test_code", async () => {
    const report = await grade(runningTotal, read(runningTotal, "solution.py"));
    assert.equal(testNamed(report, "test_single_number").test_code, "def test_single_number():\n    assert running_total([5]) == [5]");
  });

  it("shows an exception from the learner's code with its type, message and the learner's own traceback", async () => {
    const report = await grade(runningTotal, read(runningTotal, "bad/first_element.py"));
    const test = testNamed(report, "test_empty_list_gives_empty_list");
    assert.equal(test.status, "fail");
    assert.match(test.message ?? "", /The solution raised IndexError: list index out of range/);
    assert.match(test.message ?? "", /File "solution.py", line 3, in running_total/);
    assert.doesNotMatch(test.message ?? "", /harness|solution_host/);
  });

  it("expands parametrize into one test per case, named like pytest, and shows the parameters on failure", async () => {
    const dir = track("letter-grade");
    const report = await grade(dir, read(dir, "bad/integer_division.py"));
    assert.ok(report.tests.some((t) => t.name === "test_boundaries[89.9-B]"), summary(report));
    const test = testNamed(report, "test_boundaries[89.9-B]");
    assert.equal(test.status, "fail");
    assert.match(test.message ?? "", /^with score=89\.9, expected='B'$/m);
  });

  it("lets pytest.raises catch the learner's ValueError, with match=", async () => {
    const dir = track("letter-grade");
    const pass = await grade(dir, read(dir, "solution.py"));
    assert.equal(testNamed(pass, "test_above_100_raises_value_error").status, "pass");
    const fail = await grade(dir, read(dir, "bad/wrong_error_type.py"));
    assert.equal(testNamed(fail, "test_above_100_raises_value_error").message, "DID NOT RAISE ValueError");
  });

  it("runs unittest.TestCase methods, objects of the learner's classes, learner exceptions and task ids", async () => {
    const report = await grade(bank, read(bank, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    assert.deepEqual(report.tests.map((t) => t.name), [
      "AccountTest.test_starts_empty",
      "AccountTest.test_deposit_returns_the_new_balance",
      "test_deposits_add_up[amounts0-10]",
      "test_deposits_add_up[amounts1-15]",
      "test_withdraw_too_much_raises",
      "test_negative_deposit_is_a_value_error",
      "test_owner_is_kept",
    ]);
    assert.equal(testNamed(report, "test_deposits_add_up[amounts0-10]").task_id, 1);
    assert.equal(testNamed(report, "test_withdraw_too_much_raises").task_id, 2);
  });

  it("works with objects that stay in the solution: generators, next(), len, items, in, <, attributes, keyword arguments", async () => {
    const dir = fixture("remote-objects");
    const report = await grade(dir, read(dir, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(report.tests.length, 6);
  });

  it("supplies module-level pytest fixtures, finishing generator fixtures after each test", async () => {
    const dir = fixture("pytest-fixtures");
    const report = await grade(dir, read(dir, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    assert.deepEqual(report.tests.map((t) => t.name), ["test_with_fixture", "test_mixed[1]", "test_mixed[2]", "test_teardown_ran"]);
  });

  it("fails a solution that never raises the learner's own exception class", async () => {
    const report = await grade(bank, read(bank, "bad/no_exception.py"));
    assert.equal(report.status, "fail");
    assert.equal(testNamed(report, "test_withdraw_too_much_raises").message, "DID NOT RAISE InsufficientFunds");
  });

  it("fails a solution with a syntax error (the learner's own), naming the line", async () => {
    const report = await grade(double, "def double(x)\n    return 2 * x\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /SyntaxError on line 1/);
    assert.ok(report.tests.length === 3 && report.tests.every((t) => t.status === "error"));
  });

  it("fails a solution that raises at import, naming the exception", async () => {
    const report = await grade(double, "raise RuntimeError('boom at import')\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(report.message ?? "", /raised RuntimeError while it was loaded: boom at import/);
  });

  it("fails each test that uses a name the solution does not define, saying which", async () => {
    const report = await grade(double, "def twice(x):\n    return 2 * x\n");
    assert.equal(report.status, "fail", summary(report));
    assert.match(testNamed(report, "test_two").message ?? "", /cannot import name 'double' from solution\.py/);
  });

  it("shows what the solution printed during a test, capped at 500 characters", async () => {
    const report = await grade(double, "def double(x):\n    print('doubling', x)\n    print('y' * 2000)\n    return x * 3\n");
    const test = testNamed(report, "test_two");
    assert.match(test.output ?? "", /^doubling 2\n/);
    assert.match(test.output ?? "", /output cut at 500 characters/);
    assert.ok((test.output ?? "").length < 600);
  });

  it("streams each test's result through onTest, in order", async () => {
    const seen: TestResult[] = [];
    const report = await grade(double, read(double, "solution.py"), (t) => seen.push(t));
    assert.deepEqual(seen.map((t) => t.name), report.tests.map((t) => t.name));
    assert.deepEqual(seen.map((t) => t.name), ["test_two", "test_negative", "test_zero"]);
  });

  it("ends a cancelled grading as an error, never a pass", async () => {
    const controller = new AbortController();
    const { gradeSubmission } = await import("../../src/grading/exercise/index.js");
    const { exercise, theSandbox } = await import("./helpers.js");
    const pending = gradeSubmission(await exercise(double), "import time\ndef double(x):\n    time.sleep(3)\n    return 2 * x\n", {
      sandbox: await theSandbox(),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const report = await pending;
    assert.equal(report.status, "error");
    assert.match(summary(report), /cancelled/);
  });

  it("names the memory limit in the report and in the failing test's message", async () => {
    const report = await grade(double, "def double(x):\n    blocks = []\n    while True:\n        blocks.append(bytearray(8 * 1024 * 1024))\n");
    assert.notEqual(report.status, "pass");
    assert.ok(report.limits_hit?.some((h) => h.limit === "memory"), summary(report));
    assert.match(testNamed(report, "test_two").message ?? "", /memory limit 64 MiB reached/);
  });

  it("names the CPU time limit when a call spins", async () => {
    const report = await grade(double, "def double(x):\n    while True:\n        pass\n");
    assert.notEqual(report.status, "pass");
    assert.ok(report.limits_hit?.some((h) => h.limit === "cpu-time" || h.limit === "wall-time"), summary(report));
    assert.match(testNamed(report, "test_two").message ?? "", /(CPU )?time limit \d+ s reached/);
  });
});

describe("function exercises, compatible mode", () => {
  it("passes the reference but says the verdict is not tamper-proof", async () => {
    const dir = fixture("double-compat");
    const report = await grade(dir, read(dir, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(report.tamper_proof, false);
    assert.match(report.message ?? "", /not tamper-proof/);
  });

  it("fails a wrong solution with the same assert messages", async () => {
    const dir = fixture("double-compat");
    const report = await grade(dir, "def double(x):\n    return x + 1\n");
    assert.equal(report.status, "fail");
    assert.equal(report.tamper_proof, false);
    assert.match(testNamed(report, "test_two").message ?? "", /^got 3$/m);
  });
});
