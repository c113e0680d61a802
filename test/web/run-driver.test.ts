/**
 * The Python side of Run (python/run/driver.py), in the same Pyodide the browser loads, here
 * under Node: doctest sessions (values, prints, `...`, expected tracebacks, setup lines, a
 * session's shared names) and programs (argv, standard input, files, exit codes, tracebacks);
 * and the same file under CPython, as content check runs it.
 */
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadPyodide, type PyodideAPI } from "pyodide";
import { RUN_MODULES } from "../../src/content/run-modules.js";
// @ts-expect-error: a plain .mjs script, without types
import { IMPORTABLE } from "../../scripts/write-run-modules.mjs";

const DRIVER_FILE = resolve("python/run/driver.py");
const DRIVER = readFileSync(DRIVER_FILE, "utf8");

interface Example { source: string; want: string; got: string; ok: boolean; line: number }

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

  void it("should take an expected exception named as Python names it (solution.Zero) or bare (Zero), and no other", () => {
    const source = "class Zero(ValueError):\n    pass\n\ndef f():\n    raise Zero('no')\n";
    const header = ">>> f()\nTraceback (most recent call last):\n  ...\n";
    const { examples } = fn(source, [`${header}solution.Zero: no\n${header}Zero: no\n${header}other.Zero: no\n${header}solution.Zero: yes\n`]);
    assert.deepEqual(examples.map((e) => e.ok), [true, true, false, false]);
    assert.deepEqual(examples.map((e) => e.line), [0, 4, 8, 12], "each example says its line in the session");
  });

  void it("should take printed text with blank lines up to the next >>> (or <BLANKLINE>), so that a short print does not pass for a long one", () => {
    const source = "def mail(body):\n    return 'Subject: Hi\\n\\n' + body\n";
    const { examples } = fn(source, [">>> print(mail('Hello.'))\nSubject: Hi\n\nHello.\n\n>>> print(mail('Bye.'))\nSubject: Hi\n<BLANKLINE>\nBye.\n>>> print(mail('Bye.'))\nSubject: Hi\n\n"]);
    assert.deepEqual(examples.map((e) => [e.want, e.ok]), [["Subject: Hi\n\nHello.\n", true], ["Subject: Hi\n\nBye.\n", true], ["Subject: Hi\n", false]]);
  });

  const RUN = {
    kind: "program",
    examples: [
      { command: "python3 solution.py -i error app.log", args: ["-i", "error", "app.log"], stdin: "", files: { "app.log": "Error: disk\nok\n" }, output: "Error: disk\n", exitCode: 0 },
      { command: "python3 solution.py error app.log", args: ["error", "app.log"], stdin: "", files: { "app.log": "Error: disk\nok\n" }, output: "Error: disk\n", exitCode: 0 },
      { command: "python3 solution.py x gone.log", args: ["x", "gone.log"], stdin: "", files: {}, output: "error: gone.log: no such file\n", exitCode: 2 },
    ],
  };
  const GREP = "import sys\nflags, pattern, name = sys.argv[1:-2], sys.argv[-2], sys.argv[-1]\ntry:\n    text = open(name).read()\nexcept FileNotFoundError:\n    sys.exit(print(f'error: {name}: no such file', file=sys.stderr) or 2)\nfor line in text.splitlines():\n    if (pattern.lower() in line.lower()) if flags else (pattern in line):\n        print(line)\n";
  const outcome = (result: string) => (JSON.parse(result) as { runs: Array<{ ok: boolean; stdout: string; exitCode: number }> }).runs.map((r) => [r.ok, r.stdout, r.exitCode]);
  const EXPECTED = [[true, "Error: disk\n", 0], [false, "", 0], [true, "", 2]];

  void it("should run each program example with the files the README showed, compare output and exit code, and leave no file behind", () => {
    assert.deepEqual(outcome(py.globals.get("_rw_run")(GREP, JSON.stringify(RUN)) as string), EXPECTED);
    assert.equal(py.runPython("import os; os.path.exists('app.log')"), false);
  });

  void it("should give the same results under CPython, as content check runs it, whatever the code writes to file descriptor 1", () => {
    const noisy = `import os\nos.write(1, b"stray")\n${GREP}`;
    const cwd = mkdtempSync(join(tmpdir(), "run-driver-"));
    try {
      const run = spawnSync("/usr/bin/python3", ["-I", "-B", DRIVER_FILE], { input: JSON.stringify({ source: noisy, examples: RUN }), encoding: "utf8", cwd });
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(outcome(run.stdout), EXPECTED);
      assert.deepEqual(readdirSync(cwd), []);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  void it("should list in src/content/run-modules.ts exactly the modules Pyodide imports (run scripts/write-run-modules.mjs after an upgrade)", () => {
    assert.deepEqual([...RUN_MODULES], JSON.parse(py.runPython(IMPORTABLE as string) as string));
  });
});
