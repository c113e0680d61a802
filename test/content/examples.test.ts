/** The README examples Run tries in the browser: doctest sessions and program runs, read as the learner reads them. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { doctestBlocks, missingInRun, programExamples, runExamples, runExamplesOf, shellWords } from "../../src/content/examples.js";

const FENCE = "```";
const BUILTIN = join("tracks", "python-backend", "exercises");

void describe("README examples", () => {
  void it("should take each fenced block with >>> lines as one doctest session, and no other block", () => {
    const readme = [
      "# Title", "", `${FENCE}python`, ">>> f(1)", "2", ">>> x = f(2)", ">>> x", "3", FENCE, "",
      `${FENCE}python`, "def f(n):", "    return n + 1", FENCE, "",
      `${FENCE}pycon`, ">>> f(0)", "Traceback (most recent call last):", "  ...", "ValueError: zero", FENCE,
    ].join("\n");
    assert.deepEqual(doctestBlocks(readme), [">>> f(1)\n2\n>>> x = f(2)\n>>> x\n3\n", ">>> f(0)\nTraceback (most recent call last):\n  ...\nValueError: zero\n"]);
  });

  void it("should read a program run's standard input, arguments, output and exit code, and drop notes", () => {
    const readme = [
      `${FENCE}text`,
      `$ printf "1 2\\n3\\t%%\\n" | python3 solution.py -c 'two words'`,
      "lines 2",
      "",
      `$ echo "  Ada  " | python3 solution.py`,
      "error: empty        <- on standard error, exit code 1",
      "$ python3 solution.py 20          # a comment, not an argument",
      "pairs 4   ",
      "$ echo $?",
      "0",
      "$ python3 solution.py < input.txt",
      "skipped: a redirection",
      "$ cat notes.txt | python3 solution.py",
      "skipped: another command's output",
      FENCE,
    ].join("\n");
    assert.deepEqual(programExamples(readme), [
      { command: `printf "1 2\\n3\\t%%\\n" | python3 solution.py -c 'two words'`, line: 2, args: ["-c", "two words"], stdin: "1 2\n3\t%\n", files: {}, output: "lines 2\n", exitCode: null },
      { command: `echo "  Ada  " | python3 solution.py`, line: 5, args: [], stdin: "  Ada  \n", files: {}, output: "error: empty\n", exitCode: 1 },
      { command: "python3 solution.py 20          # a comment, not an argument", line: 7, args: ["20"], stdin: "", files: {}, output: "pairs 4\n", exitCode: 0 },
    ]);
  });

  void it("should give the runs after a `$ cat NAME` that file, blank lines inside kept, and say each run's README line", () => {
    const readme = [
      "# Grep", "", `${FENCE}text`, "$ cat app.log", "Error: disk full", "", "GET / 200", "", "$ cat ../x", "no", FENCE, "",
      `${FENCE}text`, "$ python3 solution.py error app.log", "Error: disk full", FENCE,
    ].join("\n");
    assert.deepEqual(programExamples(readme), [
      { command: "python3 solution.py error app.log", line: 14, args: ["error", "app.log"], stdin: "", files: { "app.log": "Error: disk full\n\nGET / 200\n" }, output: "Error: disk full\n", exitCode: null },
    ]);
    const sessions = runExamples("function", `# F\n\n${FENCE}pycon\n>>> f()\n1\n${FENCE}\n`);
    assert.deepEqual(sessions, { kind: "function", doctests: [">>> f()\n1\n"], doctestLines: [4] });
  });

  void it("should offer no Run for a reference that imports what Pyodide lacks, or calls a function it is built without", () => {
    assert.deepEqual(missingInRun("import json, os.path as p\nfrom collections import Counter\nfrom . import helpers\n"), []);
    assert.deepEqual(missingInRun("from flask import Flask  # the app\nimport sqlalchemy.orm\nimport curses\n"), ["flask", "sqlalchemy", "curses"]);
    assert.deepEqual(missingInRun("import hashlib\nhashlib.pbkdf2_hmac('sha256', b'', b'', 1)\n"), ["hashlib.pbkdf2_hmac"]);
    const readme = `${FENCE}\n>>> f()\n1\n${FENCE}\n`;
    assert.equal(runExamplesOf({ config: { kind: "function" }, readme, solution: "import flask\n" }), null);
    assert.equal(runExamplesOf({ config: { kind: "function" }, readme, solution: "import json\n" })?.kind, "function");
  });

  void it("should split words as sh does with quotes", () => {
    assert.deepEqual(shellWords(`a 'b c' "d \\"e\\"" f'g'h`), ["a", "b c", 'd "e"', "fgh"]);
    assert.equal(shellWords("'unclosed"), null);
  });

  void it("should give Run nothing for SQL, tests and git exercises", () => {
    for (const kind of ["sql", "tests", "git"]) assert.equal(runExamples(kind, `${FENCE}\n>>> f()\n1\n${FENCE}\n`), null, kind);
  });

  void it("should find examples in every function exercise of the built-in track, and runs in most program exercises", () => {
    let programs = 0, withRuns = 0;
    for (const id of readdirSync(BUILTIN)) {
      const kind = /^kind: (\w+)/m.exec(readFileSync(join(BUILTIN, id, "exercise.yaml"), "utf8"))?.[1] ?? "";
      const run = runExamples(kind, readFileSync(join(BUILTIN, id, "README.md"), "utf8"));
      if (run?.kind === "function") assert.ok(run.doctests.length > 0, `${id}: no >>> example in its README`);
      if (run?.kind === "program") {
        programs += 1;
        if (run.examples.length > 0) withRuns += 1;
      }
    }
    assert.ok(programs > 0 && withRuns >= programs - 2, `${withRuns} of ${programs} program exercises have example runs`);
  });
});
