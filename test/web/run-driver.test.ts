/**
 * The Python side of Run (src/web/run/driver.ts), in the same Pyodide the browser loads, here
 * under Node: doctest sessions (values, prints, `...`, expected tracebacks, setup lines, a
 * session's shared names) and programs (argv, standard input, exit codes, tracebacks).
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { loadPyodide, type PyodideAPI } from "pyodide";
import { DRIVER } from "../../src/web/run/driver.js";

interface Example { source: string; want: string; got: string; ok: boolean }

void describe("Run's Python driver", () => {
  let py: PyodideAPI;
  const fn = (source: string, blocks: string[]) => JSON.parse(py.globals.get("_rw_function")(source, JSON.stringify(blocks)) as string) as { error: string | null; examples: Example[] };
  const program = (source: string, args: string[], stdin: string) => JSON.parse(py.globals.get("_rw_program")(source, JSON.stringify(args), stdin) as string) as { stdout: string; stderr: string; exitCode: number };

  before(async () => {
    py = await loadPyodide({ stdout: () => undefined, stderr: () => undefined });
    py.runPython(DRIVER);
  });

  void it("should compare each >>> line's value or print with the lines under it, as doctest does (whitespace alike)", () => {
    const source = "class Zero(ValueError):\n    pass\n\ndef f(n):\n    if n == 0:\n        raise Zero('zero is not allowed')\n    return [n] * n\n";
    const session = [
      ">>> f(2)", "[2, 2]",
      ">>> f(3)", "[3, 3]",
      ">>> x = f(1)",
      ">>> print(x, 'done')", "[1] done",
      ">>> f(12)", "[12, 12, ...]",
      ">>> f(0)", "Traceback (most recent call last):", "  ...", "Zero: zero is not allowed",
      ">>> f(0)", "Traceback (most recent call last):", "  ...", "TypeError: zero is not allowed",
      ">>> for n in (1, 2):", "...     print(n)", "1", "2",
      ">>> {'a': 1, 'b': 2}", "{'a': 1,", " 'b': 2}",
    ].join("\n");
    const { error, examples } = fn(source, [session]);
    assert.equal(error, null);
    assert.deepEqual(examples.map((e) => [e.source.trim(), e.ok]), [
      ["f(2)", true], ["f(3)", false], ["print(x, 'done')", true], ["f(12)", true], ["f(0)", true], ["f(0)", false], ["for n in (1, 2):\n    print(n)", true], ["{'a': 1, 'b': 2}", true],
    ]);
    assert.equal(examples[1]?.got, "[3, 3, 3]\n");
    assert.equal(examples[5]?.got, "Traceback (most recent call last):\n  ...\nsolution.Zero: zero is not allowed\n");
  });

  void it("should give each session its own names, and report code that fails before any example", () => {
    const { examples } = fn("", [">>> y = 1\n", ">>> y\n1\n"]);
    assert.equal(examples.length, 1);
    assert.match(examples[0]?.got ?? "", /NameError: name 'y' is not defined/);
    const broken = fn("def f(:\n", [">>> f()\n1\n"]);
    assert.match(broken.error ?? "", /SyntaxError/);
    assert.doesNotMatch(broken.error ?? "", /_rw_/, "the driver's own frames are not shown");
  });

  void it("should run a program with its argv and standard input, and report output, errors and exit code", () => {
    const greet = "import sys\nname = input().strip()\nif not name:\n    print('error: no name', file=sys.stderr)\n    sys.exit(1)\nprint(f\"{sys.argv[1] if len(sys.argv) > 1 else 'Hello'}, {name}!\")\n";
    assert.deepEqual(program(greet, ["Welcome"], "  Ada \n"), { stdout: "Welcome, Ada!\n", stderr: "", exitCode: 0 });
    assert.deepEqual(program(greet, [], "   \n"), { stdout: "", stderr: "error: no name\n", exitCode: 1 });
    const crash = program("print('before')\n1 / 0\n", [], "");
    assert.equal(crash.stdout, "before\n");
    assert.equal(crash.exitCode, 1);
    assert.match(crash.stderr, /File "solution.py", line 2[\s\S]*ZeroDivisionError/);
    assert.deepEqual(program("import sys\nsys.exit('bad input')\n", [], ""), { stdout: "", stderr: "bad input\n", exitCode: 1 });
    // argv and stdin are restored: the next run does not see the last one's.
    assert.deepEqual(program("import sys\nprint(sys.argv, sys.stdin.read())\n", [], ""), { stdout: "['solution.py'] \n", stderr: "", exitCode: 0 });
  });
});
