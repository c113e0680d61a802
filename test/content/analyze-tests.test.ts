import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { analyzeTests, type TestAnalysis } from "../../src/authoring/import/analyze-tests.js";

const STUB = "def f(x):\n    pass\n\n\nclass Box:\n    pass\n";

async function analyze(tests: string, stub = STUB): Promise<TestAnalysis> {
  const result = await analyzeTests({ tests, module: "mod", stub, localModules: ["helpers"] });
  if (!result.ok) assert.fail(result.reason);
  return result.analysis;
}

async function reasons(body: string): Promise<string[]> {
  return (await analyze(`import unittest\nfrom mod import f, Box\n\n\nclass T(unittest.TestCase):\n    def test_it(self):\n${body}`)).compatReasons;
}

void describe("the ast analysis of Exercism tests", () => {
  void it("should rewrite every form of importing the exercise module, and leave other imports alone", async () => {
    const source = "import os\nimport mod\nimport mod as m, sys\nfrom mod import f\nfrom mod.sub import g\nfrom module import h\n\ndef test_x():\n    from mod import Box\n";
    const { rewritten } = await analyze(source);
    assert.equal(rewritten, "import os\nimport solution as mod\nimport solution as m, sys\nfrom solution import f\nfrom mod.sub import g\nfrom module import h\n\ndef test_x():\n    from solution import Box\n");
  });

  void it("should turn a star import into the stub's public names", async () => {
    const { rewritten } = await analyze("from mod import *\n\ndef test_x():\n    assert f(1)\n", "def f(x):\n    pass\n\n\ndef _private():\n    pass\n\n\nLIMIT = 3\n");
    assert.equal(rewritten, "from solution import f, LIMIT\n\ndef test_x():\n    assert f(1)\n");
  });

  void it("should keep text that is not ASCII intact around a rewritten import", async () => {
    const { rewritten } = await analyze("# café ☕\nfrom mod import f  # naïve\n\ndef test_é():\n    assert f('ü') == 'Ü'\n");
    assert.equal(rewritten, "# café ☕\nfrom solution import f  # naïve\n\ndef test_é():\n    assert f('ü') == 'Ü'\n");
  });

  void it("should point a mock.patch target in the exercise module at solution, and choose compatible mode for it", async () => {
    const analysis = await analyze('from unittest import mock\nfrom mod import f\n\n\n@mock.patch("mod.open", create=True)\ndef test_x(opened):\n    assert f(1)\n\n\n@mock.patch("io.StringIO")\ndef test_y(s):\n    assert f(2)\n');
    assert.match(analysis.rewritten, /@mock\.patch\('solution\.open', create=True\)/);
    assert.match(analysis.rewritten, /@mock\.patch\("io\.StringIO"\)/);
    assert.deepEqual(analysis.compatReasons, ["line 5 in test_x: patches open in the solution's module (mock.patch)"]);
  });

  void it("should make helper files beside the tests name solution where they named the exercise module", async () => {
    const helper = 'import inspect\nfrom mod import f\nimport mod as m\n\nNAME = "mod"\nTARGET = "mod.super"\nOTHER = "module"\n';
    const result = await analyzeTests({ tests: "from mod import f\n\ndef test_x():\n    assert f(1)\n", module: "mod", stub: STUB, localModules: [], support: { "test_utils.py": helper, "data.txt": '"mod"\n' } });
    if (!result.ok) assert.fail(result.reason);
    assert.equal(result.analysis.support["test_utils.py"], "import inspect\nfrom solution import f\nimport solution as m\n\nNAME = 'solution'\nTARGET = 'solution.super'\nOTHER = \"module\"\n");
    assert.equal(result.analysis.support["data.txt"], '"mod"\n', "a file that is not Python stays as it is");
  });

  void it("should report a test file that never imports the exercise module", async () => {
    const result = await analyzeTests({ tests: "import other\n", module: "mod", stub: STUB, localModules: [] });
    assert.deepEqual(result, { ok: false, reason: "the tests never import the solution module 'mod'" });
  });

  void it("should report a test file that is not valid Python, with its line", async () => {
    const result = await analyzeTests({ tests: "from mod import f\n\ndef test_x(:\n", module: "mod", stub: STUB, localModules: [] });
    assert.equal(result.ok, false);
    assert.match(result.ok ? "" : result.reason, /not valid Python \(line 3/);
  });

  void it("should name local helper modules the tests import", async () => {
    const { localImports } = await analyze("from mod import f\nfrom helpers import fake\nimport os\n");
    assert.deepEqual(localImports, ["helpers"]);
  });

  void it("should accept identity checks against None, booleans and small integers", async () => {
    assert.deepEqual(await reasons("        self.assertIs(f(1), True)\n        self.assertIs(f(2), 3)\n        assert f(3) is None\n        self.assertIsNot(f(4), -1)\n"), []);
  });

  void it("should ask for compatible mode for identity against anything else", async () => {
    assert.deepEqual(await reasons("        self.assertIs(f('x'), 'x')\n        assert f(1) is not f(2)\n"), [
      "line 7 in T.test_it: compares objects by identity (assertIs)",
      "line 8 in T.test_it: compares objects by identity (\"is\")",
    ]);
  });

  void it("should ask for compatible mode when a test looks at a list it passed in", async () => {
    assert.deepEqual(await reasons("        items = [3, 1]\n        f(items)\n        self.assertEqual(items, [1, 3])\n"), ["line 9 in T.test_it: checks that the argument 'items' was changed in place"]);
  });

  void it("should not mistake a value passed in and used only in a message for a mutation check", async () => {
    assert.deepEqual(await reasons("        word = 'abc'\n        items = [1]\n        self.assertEqual(f(items), 1, msg=f'{items}')\n        self.assertEqual(f(word), 'ABC')\n        self.assertEqual(word, 'abc')\n"), []);
  });

  void it("should ask for compatible mode for class checks, functions passed in and subclasses", async () => {
    const found = await reasons("        self.assertIsInstance(f(1), Box)\n        f(lambda: 1)\n        box = Box()\n        self.assertEqual(box.__class__.__name__, 'Box')\n");
    assert.deepEqual(found, [
      "line 7 in T.test_it: checks the class of an object against the solution's class",
      "line 8 in T.test_it: passes a function to the solution",
      "line 10 in T.test_it: reads __class__ of an object the solution made",
    ]);
    const subclass = await analyze("from mod import Box\n\n\nclass Mine(Box):\n    pass\n\n\ndef test_x():\n    assert Mine()\n");
    assert.deepEqual(subclass.compatReasons, ["line 4: class Mine inherits from the solution's Box"]);
  });

  void it("should ask for compatible mode when a test reads the docstrings of the solution's functions", async () => {
    assert.deepEqual(await reasons("        for function in [f]:\n            self.assertIsNotNone(function.__doc__)\n"), ["line 8 in T.test_it: reads __doc__ of the solution's functions"]);
    assert.deepEqual(await reasons("        self.assertEqual(f(1).__class__.__name__, 'int')\n"), []);
  });

  void it("should read task numbers and name tests the way the grader reports them", async () => {
    const found = await analyze("import pytest\nfrom mod import f\n\n\nclass T:\n    @pytest.mark.task(taskno=2)\n    def test_a(self):\n        assert f(1)\n\n\n@pytest.mark.task(taskno=4)\ndef test_b():\n    assert f(2)\n\n\ndef helper():\n    pass\n");
    assert.deepEqual(found.tests, ["T.test_a", "test_b"]);
    assert.deepEqual(found.tasks, { "T.test_a": 2, test_b: 4 });
  });

  void it("should tell a stub that does nothing from one with code", async () => {
    assert.equal((await analyze("from mod import f\n", "def f(x):\n    \"\"\"Doc.\"\"\"\n    pass\n\n\nclass Box:\n    def get(self):\n        raise NotImplementedError('do it')\n")).stubTrivial, true);
    assert.equal((await analyze("from mod import f\n", "def f(x):\n    return x * 2\n")).stubTrivial, false);
  });
});
