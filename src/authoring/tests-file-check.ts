/**
 * Reads every function exercise's tests.py on its own, before anything is graded, so that a
 * broken test file is reported as `tests.py:LINE: message` instead of as a reference that
 * "fails" for a reason no learner could fix. Python's own parser does the reading (ast.parse
 * executes nothing of the file), in one isolated /usr/bin/python3 for all the files.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { RoadworkError } from "../errors.js";
import type { Exercise } from "../content/exercise.js";

const PYTHON = "/usr/bin/python3";

// For each file: its syntax error (line, message), or the test functions it defines and the
// names it imports from `solution`.
const CHECK_PY = String.raw`
import ast, json, sys
out = []
for path in json.load(sys.stdin):
    try:
        source = open(path, encoding="utf-8").read()
        tree = ast.parse(source, filename="tests.py")
    except SyntaxError as e:
        out.append({"path": path, "line": e.lineno or 1, "error": f"{type(e).__name__}: {e.msg}"})
        continue
    except (OSError, UnicodeDecodeError, ValueError) as e:
        out.append({"path": path, "line": 1, "error": f"the file cannot be read: {e}"})
        continue
    tests = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            tests.append(node.name)
        elif isinstance(node, ast.ClassDef) and (node.name.startswith("Test") or any(ast.unparse(b).endswith("TestCase") for b in node.bases)):
            tests += [f"{node.name}.{f.name}" for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name.startswith("test")]
    out.append({"path": path, "tests": tests})
json.dump(out, sys.stdout)
`;

interface Checked { path: string; line?: number; error?: string; tests?: string[] }

/** One problem per tests.py that does not parse or defines no test, as `file:line: message`. */
export async function checkTestFiles(exercises: readonly Exercise[]): Promise<RoadworkError[]> {
  const files = exercises.filter((exercise) => exercise.config.kind === "function").map((exercise) => join(exercise.dir, "tests.py"));
  if (files.length === 0) return [];
  const checked = await runPython(JSON.stringify(files));
  const problems: RoadworkError[] = [];
  for (const file of checked) {
    if (file.error !== undefined) {
      problems.push(new RoadworkError("CONTENT_INVALID", file.error, { file: file.path, line: file.line ?? 1 }));
    } else if ((file.tests ?? []).length === 0) {
      problems.push(new RoadworkError("CONTENT_INVALID", "defines no test: write functions named test_... (or test_ methods of a class named Test... or of a unittest.TestCase)", { file: file.path, line: 1 }));
    }
  }
  return problems;
}

function runPython(input: string): Promise<Checked[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, ["-I", "-S", "-c", CHECK_PY], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new RoadworkError("INFRASTRUCTURE", `${PYTHON} could not read the test files: ${stderr.trim() || error.message}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Checked[]);
      } catch {
        reject(new RoadworkError("INFRASTRUCTURE", `${PYTHON} gave an unreadable answer while reading the test files`));
      }
    });
    child.stdin?.end(input);
  });
}
