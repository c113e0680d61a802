/**
 * The beginner explanations (src/grading/explain): each message below is the exact text of a
 * real grading of running-total with a broken solution (captured with `roadwork grade --json`).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { addExplanations, explainMessage } from "../../src/grading/explain/index.js";
import type { GradeReport } from "../../src/grading/report.js";

const tb = (line: number, code: string, fn = "running_total"): string =>
  `Traceback (most recent call last, in your code):\n  File "solution.py", line ${line}, in ${fn}\n    ${code}`;

interface Case {
  name: string;
  message: string;
  title: RegExp;
  line?: number;
  code?: string;
}

const CASES: Case[] = [
  { name: "SyntaxError", message: "solution.py has a SyntaxError on line 1: expected ':' (solution.py, line 1)\n    def running_total(numbers)", title: /':' is missing/, line: 1, code: "def running_total(numbers)" },
  { name: "IndentationError", message: "solution.py has a IndentationError on line 3: unexpected indent (solution.py, line 3)\n    return result", title: /indented too far/, line: 3, code: "return result" },
  { name: "TabError", message: "solution.py has a TabError on line 3: inconsistent use of tabs and spaces in indentation (solution.py, line 3)\n    return []", title: /Tabs and spaces/, line: 3, code: "return []" },
  { name: "NameError", message: `The solution raised NameError: name 'reslt' is not defined\n${tb(2, "return reslt")}`, title: /the name 'reslt'/, line: 2, code: "return reslt" },
  { name: "TypeError concatenate str", message: `The solution raised TypeError: can only concatenate str (not "int") to str\n${tb(5, "total = total + n")}`, title: /added text and a int/, line: 5 },
  { name: "TypeError concatenate list", message: `The solution raised TypeError: can only concatenate list (not "int") to list\n${tb(2, "return [numbers + 1]")}`, title: /different types/, line: 2 },
  { name: "TypeError missing argument", message: `The solution raised TypeError: helper() missing 1 required positional argument: 'b'\n${tb(4, "return [helper(1)]")}`, title: /missing arguments/, line: 4 },
  { name: "TypeError unsupported operand", message: `The solution raised TypeError: unsupported operand type(s) for +=: 'int' and 'str'\n${tb(5, "total += n")}`, title: /does not work on these types/, line: 5 },
  { name: "TypeError NoneType subscript", message: `time limit 10 s reached\nThe solution raised TypeError: 'NoneType' object is not subscriptable\n${tb(12, "return result if first[0] else result")}`, title: /\[\.\.\.\] on None/, line: 12 },
  { name: "TypeError NoneType iterable", message: `The solution raised TypeError: 'NoneType' object is not iterable\n${tb(3, "for a in x:")}`, title: /looped over None/, line: 3 },
  { name: "TypeError NoneType len, raised in the tests", message: "TypeError: object of type 'NoneType' has no len()", title: /length of None/ },
  { name: "AttributeError", message: `The solution raised AttributeError: 'list' object has no attribute 'add'\n${tb(3, "return out.add(1)")}`, title: /A list has no \.add/, line: 3 },
  { name: "AttributeError NoneType", message: `The solution raised AttributeError: 'NoneType' object has no attribute 'append'\n${tb(3, "return x.append(1)")}`, title: /called \.append on None/, line: 3 },
  { name: "KeyError", message: `The solution raised KeyError: 'x'\n${tb(3, 'return [d["x"]]')}`, title: /key 'x'/, line: 3 },
  {
    name: "IndexError, innermost frame",
    message: `The solution raised IndexError: list index out of range\n${tb(2, "return [numbers[i] for i in range(len(numbers)+1)]")}\n  File "solution.py", line 2, in <listcomp>\n    return [numbers[i] for i in range(len(numbers)+1)]`,
    title: /past the end/,
    line: 2,
  },
  { name: "ZeroDivisionError", message: `The solution raised ZeroDivisionError: division by zero\n${tb(2, "return [1/0]")}`, title: /Division by zero/, line: 2 },
  { name: "RecursionError", message: `The solution raised RecursionError: maximum recursion depth exceeded\n${tb(2, "return running_total(numbers)")}\n${tb(2, "return running_total(numbers)").split("\n").slice(1).join("\n")}`, title: /calls itself/, line: 2 },
  { name: "ValueError int()", message: `The solution raised ValueError: invalid literal for int() with base 10: 'abc'\n${tb(2, 'return [int("abc")]')}`, title: /not a whole number/, line: 2 },
  { name: "ValueError float()", message: `The solution raised ValueError: could not convert string to float: 'x'\n${tb(2, 'return [float("x")]')}`, title: /not a number/, line: 2 },
  { name: "UnboundLocalError", message: `The solution raised UnboundLocalError: cannot access local variable 'total' where it is not associated with a value\n${tb(5, "return [total]")}`, title: /before it gets a value/, line: 5 },
  {
    name: "ModuleNotFoundError at load",
    message: `solution.py raised ModuleNotFoundError while it was loaded: No module named 'numpyy'\n${tb(1, "import numpyy", "<module>")}`,
    title: /no module called 'numpyy'/,
    line: 1,
    code: "import numpyy",
  },
];

describe("explainMessage", () => {
  for (const c of CASES) {
    it(`explains ${c.name}`, () => {
      const e = explainMessage({ message: c.message });
      assert.ok(e, "an explanation");
      assert.match(e.title, c.title);
      assert.ok(e.text.length > 40, "plain words, not just a title");
      assert.equal(e.line, c.line);
      if (c.line !== undefined) assert.equal(e.file, "solution.py");
      if (c.code !== undefined) assert.equal(e.code, c.code);
    });
  }

  it("shows the line from the learner's source when there is one", () => {
    const source = "def running_total(numbers):\n    result = []\n      return result\n";
    const e = explainMessage({ message: CASES[1]?.message ?? "", source });
    assert.equal(e?.code, "return result");
    const other = explainMessage({ message: `The solution raised NameError: name 'q' is not defined\n  File "helper.py", line 2, in f\n    q`, source });
    assert.equal(other?.code, "q", "a file that is not the source keeps the traceback's line");
  });

  it("says nothing for a plain assertion mismatch", () => {
    assert.equal(explainMessage({ message: "assert running_total([]) == []\ngot None\nexpected []\ngot a NoneType, expected a list" }), undefined);
    assert.equal(explainMessage({ message: "AssertionError: assert 1 == 2" }), undefined);
  });

  it("explains each named limit the message reports", () => {
    const limits = [
      ["wall-time", "time limit 10 s reached", /too long/],
      ["cpu-time", "CPU time limit 5 s reached", /computing time/],
      ["memory", "memory limit 256 MiB reached", /memory/],
      ["output", "output limit 1 MiB reached", /printed too much/],
      ["processes", "process limit 16 reached", /processes/],
      ["disk", "disk limit 64 MiB reached", /disk/],
      ["file-size", "file size limit 16 MiB reached", /file that is too large/],
    ] as const;
    for (const [limit, message, title] of limits) {
      const e = explainMessage({ message, limitsHit: [{ limit, message }] });
      assert.match(e?.title ?? "", title, limit);
    }
    assert.equal(explainMessage({ message: "memory limit 256 MiB reached" }), undefined, "only limits the run really hit");
  });

  it("prefers the error to a limit in the same message", () => {
    const e = explainMessage({ message: CASES[8]?.message ?? "", limitsHit: [{ limit: "wall-time", message: "time limit 10 s reached" }] });
    assert.match(e?.title ?? "", /on None/);
  });
});

describe("addExplanations", () => {
  it("adds an explanation to failed tests only and keeps the raw message", () => {
    const report: GradeReport = {
      version: 3,
      status: "fail",
      tests: [
        { name: "a", status: "pass" },
        { name: "b", status: "error", message: CASES[3]?.message ?? "" },
        { name: "c", status: "fail", message: "assert f() == 1\ngot 2\nexpected 1" },
      ],
    };
    const out = addExplanations(report);
    assert.equal(out.tests[0]?.explanation, undefined);
    assert.equal(out.tests[1]?.message, CASES[3]?.message);
    assert.match(out.tests[1]?.explanation?.title ?? "", /reslt/);
    assert.equal(out.tests[2]?.explanation, undefined);
  });

  it("keeps hostile text as text (it is escaped where it is shown)", () => {
    const message = `The solution raised NameError: name '<script>alert(1)</script>' is not defined\n${tb(2, "<script>")}`;
    const e = explainMessage({ message });
    assert.ok(e?.title.includes("<script>alert(1)</script>"), "the explanation carries the name as plain text; renderers escape it");
  });
});
