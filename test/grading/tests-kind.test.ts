import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { badSolutions, closeSandbox, fixture, grade, read, summary } from "./helpers.js";

after(closeSandbox);

const clamp = fixture("tests-clamp");
const CATCHES = ["catches: values above the range are moved down to high", "catches: values below the range are moved up to low", "catches: a value above the range becomes high, not low", "catches: a range whose low is greater than its high is refused with ValueError"];

describe("tests exercises (the learner writes the tests)", () => {
  it("passes the reference tests: all pass on the correct code and on the equivalent, every mutant is caught", async () => {
    const report = await grade(clamp, read(clamp, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    const names = report.tests.map((t) => t.name);
    for (const name of CATCHES) assert.ok(names.includes(name), `no report test "${name}" in ${names.join(" | ")}`);
    assert.ok(names.includes("on the correct code: test_inverted_range_is_refused"), names.join(" | "));
    assert.ok(names.includes("passes on another correct version of clamp.py (1)"), names.join(" | "));
  });

  it("fails each weak test file in bad/, naming a surviving mutant by its behaviour or the correct code it fails on", async () => {
    const bad = badSolutions(clamp);
    assert.ok(bad.length >= 2);
    for (const name of bad) {
      const report = await grade(clamp, read(clamp, `bad/${name}`));
      assert.equal(report.status, "fail", `bad/${name}: ${summary(report)}`);
      const failing = report.tests.filter((t) => t.status === "fail");
      assert.ok(failing.length > 0, `bad/${name}: no failing test`);
    }
  });

  it("says which behaviour is not checked, without showing the mutant's code", async () => {
    const report = await grade(clamp, read(clamp, "bad/no-error-test.py"));
    const survivor = report.tests.find((t) => t.name === "catches: a range whose low is greater than its high is refused with ValueError");
    assert.equal(survivor?.status, "fail", summary(report));
    assert.match(survivor?.message ?? "", /The behaviour your tests do not check: a range whose low is greater than its high is refused with ValueError/);
    assert.doesNotMatch(survivor?.message ?? "", /def clamp|return value/);
    assert.equal(report.tests.find((t) => t.name === "catches: values above the range are moved down to high")?.status, "pass");
    assert.match(report.message ?? "", /catch 3 of 4 bugs/);
  });

  it("reports a test that fails on the correct code with pytest's message", async () => {
    const report = await grade(clamp, read(clamp, "bad/wrong-expectation.py"));
    assert.equal(report.status, "fail");
    const test = report.tests.find((t) => t.name === "on the correct code: test_value_above_is_moved_down");
    assert.equal(test?.status, "fail", summary(report));
    assert.match(test?.message ?? "", /^your tests fail on the correct code/);
    assert.match(test?.message ?? "", /assert 10 == 15/);
    assert.match(report.message ?? "", /your tests fail on the correct code/);
  });

  it("fails a test file that fingerprints the code: it fails on the correct version written differently", async () => {
    const report = await grade(clamp, read(clamp, "bad/fingerprint.py"));
    assert.equal(report.status, "fail", summary(report));
    assert.equal(report.tests.find((t) => t.name.startsWith("passes on another correct version"))?.status, "fail");
  });

  it("cannot pass by looking for the mutants or the exercise's files: the sandbox holds only the test file and one version", async () => {
    // Passes only when it finds no trace of other versions, fails when it finds one: so on
    // the correct code it must pass (nothing is visible), and then every mutant survives.
    const snoop = [
      "import os, sys",
      "import clamp",
      "",
      "def _visible():",
      "    found = []",
      "    for top in ['/work', '/tmp', '/harness', '/']:",
      "        for root, dirs, files in os.walk(top):",
      "            dirs[:] = [d for d in dirs if d not in ('proc', 'sys', 'usr', 'dev', 'lib', 'lib64', 'bin', 'sbin', 'etc')]",
      "            found += [os.path.join(root, f) for f in files if 'mutant' in f or f in ('subject.py', 'exercise.yaml') or root.endswith(('mutants', 'equivalents'))]",
      "    return found",
      "",
      "def test_only_one_version_is_visible():",
      "    assert sorted(os.listdir(os.path.dirname(clamp.__file__))) == ['clamp.py', 'test_clamp.py'] or '__pycache__' in os.listdir(os.path.dirname(clamp.__file__))",
      "    assert _visible() == []",
      "",
      "def test_the_module_docstring_is_the_subjects():",
      "    assert clamp.__doc__ == 'Keeps a number inside a range.'",
      "",
    ].join("\n");
    const report = await grade(clamp, snoop);
    assert.equal(report.tests.find((t) => t.name === "on the correct code: test_only_one_version_is_visible")?.status, "pass", summary(report));
    assert.equal(report.tests.find((t) => t.name === "on the correct code: test_the_module_docstring_is_the_subjects")?.status, "pass", summary(report));
    assert.equal(report.status, "fail");
    for (const name of CATCHES) assert.equal(report.tests.find((t) => t.name === name)?.status, "fail", `${name} should survive a test file that checks no behaviour`);
  });

  it("fails a test file with no tests, and one whose tests all skip, with a clear message", async () => {
    const empty = await grade(clamp, "from clamp import clamp\n\n\ndef helper():\n    return clamp(1, 0, 2)\n");
    assert.equal(empty.status, "fail");
    assert.match(empty.tests.find((t) => t.name === "your test file has tests")?.message ?? "", /pytest found no tests in your file/);
    const skipped = await grade(clamp, "import pytest\nfrom clamp import clamp\n\n\n@pytest.mark.skip(reason='later')\ndef test_later():\n    assert clamp(15, 0, 10) == 10\n");
    assert.equal(skipped.status, "fail");
    assert.match(skipped.tests.find((t) => t.name === "your test file has tests that run")?.message ?? "", /every test was skipped/);
  });

  it("runs real pytest: parametrize and fixtures such as tmp_path, monkeypatch and capsys work", async () => {
    const source = [
      "import pytest",
      "from clamp import clamp",
      "",
      "@pytest.mark.parametrize('value, expected', [(5, 5), (15, 10), (-3, 0)])",
      "def test_clamp(value, expected):",
      "    assert clamp(value, 0, 10) == expected",
      "",
      "def test_fixtures(tmp_path, monkeypatch, capsys):",
      "    (tmp_path / 'n').write_text('7')",
      "    monkeypatch.setenv('LIMIT', '3')",
      "    print(clamp(int((tmp_path / 'n').read_text()), 0, 3))",
      "    assert capsys.readouterr().out == '3\\n'",
      "",
    ].join("\n");
    const report = await grade(clamp, source);
    const onCorrect = report.tests.filter((t) => t.name.startsWith("on the correct code: "));
    assert.deepEqual(onCorrect.map((t) => `${t.name} ${t.status}`), [
      "on the correct code: test_clamp[5-5] pass",
      "on the correct code: test_clamp[15-10] pass",
      "on the correct code: test_clamp[-3-0] pass",
      "on the correct code: test_fixtures pass",
    ], summary(report));
    assert.equal(report.tests.find((t) => t.name === "catches: values above the range are moved down to high")?.status, "pass");
  });

  it("reports a test file that cannot be collected with pytest's error", async () => {
    const report = await grade(clamp, "from clamp import clamp\n\ndef test_broken(:\n    pass\n");
    assert.equal(report.status, "fail");
    assert.match(report.tests[0]?.message ?? "", /your test file could not be loaded:[\s\S]*SyntaxError/);
  });
});
