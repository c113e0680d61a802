/**
 * The files of a new exercise, one working example per kind: a reference that passes, a
 * starter that fails, and two bad solutions that each fail a named test for a different
 * reason, so that `roadwork content check` holds on the scaffold before the educator edits
 * anything, and each file shows by example what it is for.
 */
import type { ExerciseKind } from "../../content/schema.js";

/** Relative path -> text. */
export type Files = Record<string, string>;

/**
 * SCHEMA_DIR in a file stands for where the JSON Schemas are (see scaffold/index.ts): the
 * first line of each YAML file names its schema for editors (yaml-language-server).
 */
export const SCHEMA_DIR = "SCHEMA_DIR";

export function exerciseFiles(kind: ExerciseKind, id: string): Files {
  const yaml = (body: string): string => `# yaml-language-server: $schema=${SCHEMA_DIR}/exercise.schema.json\nid: ${id}\n${body}`;
  switch (kind) {
    case "function":
      return functionFiles(yaml);
    case "program":
      return programFiles(yaml);
    case "sql":
      return sqlFiles(yaml);
    case "tests":
      return testsFiles(yaml);
    case "git":
      return gitFiles(yaml);
  }
}

function functionFiles(yaml: (body: string) => string): Files {
  return {
    "exercise.yaml": yaml(`title: Count the words
kind: function
difficulty: 1
skills: [python-fundamentals]
hints:
  - "\`str.split()\` with no argument splits on any run of spaces, tabs and newlines."
`),
    "README.md": `# Count the words

Write \`count_words(text)\`: it returns how many words \`text\` holds. A word is a run of
characters without spaces, tabs or newlines.

\`\`\`python
>>> count_words("the quick brown fox")
4
>>> count_words("")
0
\`\`\`
`,
    "starter.py": `def count_words(text):
    # Your code here.
    return 0
`,
    "solution.py": `def count_words(text):
    return len(text.split())
`,
    "tests.py": `from solution import count_words


def test_empty_text_has_no_words():
    assert count_words("") == 0


def test_several_words():
    assert count_words("the quick brown fox") == 4


def test_runs_of_spaces_are_one_separator():
    assert count_words("  the   quick  ") == 2


def test_tabs_and_newlines_separate_words():
    assert count_words("the\\tquick\\nbrown") == 3
`,
    "bad/spaces_only.py": `# Mistake: splits on spaces only, so "the\\tquick" is one word.
# fails: test_tabs_and_newlines_separate_words
def count_words(text):
    return len([word for word in text.split(" ") if word])
`,
    "bad/counts_spaces.py": `# Mistake: counts the spaces and adds one, so an empty text has one word.
# fails: test_empty_text_has_no_words
def count_words(text):
    return text.count(" ") + 1
`,
  };
}

function programFiles(yaml: (body: string) => string): Files {
  return {
    "exercise.yaml": yaml(`title: Shout a greeting
kind: program
difficulty: 1
skills: [python-fundamentals]
hints:
  - "Read the whole input with \`sys.stdin.read()\`, then \`strip()\` it."
`),
    "README.md": `# Shout a greeting

Write a program that reads a name from standard input and prints \`HELLO, NAME!\` in capitals.
Spaces around the name do not count. When the input holds no name, print
\`error: no name given\` on standard error and exit with status 1.

\`\`\`
$ echo "Ada" | python3 solution.py
HELLO, ADA!
\`\`\`
`,
    "starter.py": `import sys

name = sys.stdin.read()
# Your code here.
`,
    "solution.py": `import sys

name = sys.stdin.read().strip()
if not name:
    print("error: no name given", file=sys.stderr)
    sys.exit(1)
print(f"HELLO, {name.upper()}!")
`,
    "cases.yaml": `# yaml-language-server: $schema=${SCHEMA_DIR}/program-cases.schema.json
- name: shouts a simple name
  stdin: "Ada\\n"
  stdout: "HELLO, ADA!\\n"
- name: ignores the spaces around the name
  stdin: "  Grace Hopper  \\n"
  stdout: "HELLO, GRACE HOPPER!\\n"
- name: an empty input is an error
  stdin: ""
  stdout: ""
  exit_code: 1
  stderr_contains: "no name given"
`,
    "bad/keeps_spaces.py": `# Mistake: never strips the input, so the spaces and the newline end up in the greeting.
# fails: ignores the spaces around the name
import sys

name = sys.stdin.read().rstrip("\\n")
if not name:
    print("error: no name given", file=sys.stderr)
    sys.exit(1)
print(f"HELLO, {name.upper()}!")
`,
    "bad/no_error.py": `# Mistake: an empty input is greeted instead of refused.
# fails: an empty input is an error
import sys

name = sys.stdin.read().strip()
print(f"HELLO, {name.upper()}!")
`,
  };
}

function sqlFiles(yaml: (body: string) => string): Files {
  return {
    "exercise.yaml": yaml(`title: Books before 2000
kind: sql
difficulty: 1
ordered: true
skills: [databases-orms]
hints:
  - "\`WHERE\` keeps the rows you want; \`ORDER BY\` puts them in order."
`),
    "README.md": `# Books before 2000

The table \`books\` has the columns \`title\`, \`author\` and \`year\`. Write one \`SELECT\` that
returns the \`title\` and \`year\` of every book published before 2000, oldest first.
`,
    "schema.sql": `CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  author TEXT NOT NULL,
  year INTEGER NOT NULL
);
`,
    "cases.yaml": `# yaml-language-server: $schema=${SCHEMA_DIR}/sql-cases.schema.json
- name: old and new books
  data: |
    INSERT INTO books (title, author, year) VALUES
      ('Dune', 'Frank Herbert', 1965),
      ('The Road', 'Cormac McCarthy', 2006),
      ('Neuromancer', 'William Gibson', 1984),
      ('Frankenstein', 'Mary Shelley', 1818);
- name: a book from 2000 is not before 2000
  data: |
    INSERT INTO books (title, author, year) VALUES
      ('White Teeth', 'Zadie Smith', 2000),
      ('Beloved', 'Toni Morrison', 1987);
`,
    "starter.sql": `SELECT title, year FROM books;
`,
    "solution.sql": `SELECT title, year FROM books WHERE year < 2000 ORDER BY year;
`,
    "bad/includes_2000.sql": `-- Mistake: <= keeps the books of 2000 too.
-- fails: a book from 2000 is not before 2000
SELECT title, year FROM books WHERE year <= 2000 ORDER BY year;
`,
    "bad/unordered.sql": `-- Mistake: forgets ORDER BY, so the rows come back in the order they were inserted.
-- fails: old and new books
SELECT title, year FROM books WHERE year < 2000;
`,
  };
}

function testsFiles(yaml: (body: string) => string): Files {
  return {
    "exercise.yaml": yaml(`title: Test a clamp function
kind: tests
module: clamp
difficulty: 2
skills: [analytical-thinking]
hints:
  - "Try a value below the range, one inside it and one above it."
`),
    "README.md": `# Test a clamp function

\`clamp(value, low, high)\` (in \`clamp.py\`) returns \`value\` brought inside the range
\`low\`..\`high\`; a \`low\` greater than \`high\` is a \`ValueError\`. Write \`test_clamp.py\`, a pytest
file whose tests pass on this code and catch it when someone breaks it.
`,
    "subject.py": `"""Keep a number inside a range."""


def clamp(value, low, high):
    if low > high:
        raise ValueError("low must not be greater than high")
    return max(low, min(value, high))
`,
    "mutants/no-upper-bound.py": `"""values above the range are not brought down"""


def clamp(value, low, high):
    if low > high:
        raise ValueError("low must not be greater than high")
    return max(low, value)
`,
    "mutants/range-not-checked.py": `"""a low greater than high is not refused"""


def clamp(value, low, high):
    return max(low, min(value, high))
`,
    "starter.py": `from clamp import clamp


def test_a_value_inside_is_kept():
    assert clamp(5, 0, 10) == 5


# Add your tests below: one test per behaviour, each named for what it checks.
`,
    "solution.py": `import pytest

from clamp import clamp


def test_a_value_inside_is_kept():
    assert clamp(5, 0, 10) == 5


def test_a_value_below_is_raised_to_low():
    assert clamp(-3, 0, 10) == 0


def test_a_value_above_is_brought_down_to_high():
    assert clamp(42, 0, 10) == 10


def test_low_greater_than_high_is_refused():
    with pytest.raises(ValueError):
        clamp(5, 10, 0)
`,
    "bad/no_value_above.py": `# Weak: never tries a value above the range, so it misses that mutant.
import pytest

from clamp import clamp


def test_a_value_inside_is_kept():
    assert clamp(5, 0, 10) == 5


def test_low_greater_than_high_is_refused():
    with pytest.raises(ValueError):
        clamp(5, 10, 0)
`,
    "bad/wrong_expectation.py": `# Wrong: expects a value above the range to be kept, so it fails on the correct code.
from clamp import clamp


def test_a_value_above_is_kept():
    assert clamp(42, 0, 10) == 42
`,
  };
}

/** A commit of the scaffold's repositories, as git fast-import reads it. */
function fastImportCommit(mark: number, parent: number | undefined, time: number, message: string, files: Record<string, string>): string {
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const lines = [`commit refs/heads/main`, `mark :${mark}`, `author Ada Example <ada@example.com> ${time} +0000`, `committer Ada Example <ada@example.com> ${time} +0000`, data(message).trimEnd()];
  if (parent !== undefined) lines.push(`from :${parent}`);
  for (const [path, text] of Object.entries(files)) lines.push(`M 100644 inline ${path}`, data(text).trimEnd());
  return `${lines.join("\n")}\n\n`;
}

function gitFiles(yaml: (body: string) => string): Files {
  const first = fastImportCommit(1, undefined, 1_700_000_000, "Add the greeting script\n", { "greet.py": 'print("Hello")\n' });
  const readme = "# Greeter\n\nRun `python3 greet.py`.\n";
  return {
    "exercise.yaml": yaml(`title: Add a README
kind: git
difficulty: 1
skills: [version-control]
hints:
  - Create the file, then \`git add\` it and \`git commit\`.
`),
    "README.md": `# Add a README

\`roadwork start\` gave you a repository with one commit. Add a file \`README.md\` that says
how to run \`greet.py\`, and commit it on \`main\` with a message that says what the commit
does, for example "Add a README". Do not change \`greet.py\`.
`,
    "starter.fast-import": `# The repository the learner starts from: one commit on main.\n${first}`,
    "solution.fast-import": `${first}${fastImportCommit(2, 1, 1_700_000_100, "Add a README\n", { "README.md": readme })}`,
    "tests.py": `import repo


def test_main_has_a_readme():
    assert repo.show("main", "README.md") is not None, "README.md is not in the last commit of main: did you commit it on main?"


def test_the_readme_says_how_to_run_the_script():
    text = repo.show("main", "README.md") or ""
    assert "greet.py" in text, "README.md should say how to run greet.py"


def test_the_first_commit_is_kept():
    first = repo.log("main")[-1]
    assert first.subject == "Add the greeting script", "the history of main no longer starts with the commit you were given"


def test_the_readme_is_a_commit_of_its_own():
    last = repo.commit("main")
    assert last.files == ["README.md"], f"the last commit of main changes {last.files}; expected only README.md"
    assert last.subject.lower().startswith("add"), f"the message {last.subject!r} should say what the commit does"
`,
    "bad/readme-not-committed.fast-import": `# Mistake: README.md was written but never committed.\n# fails: test_main_has_a_readme\n${first}`,
    "bad/script-changed-too.fast-import": `# Mistake: the commit also changes greet.py.\n# fails: test_the_readme_is_a_commit_of_its_own\n${first}${fastImportCommit(2, 1, 1_700_000_100, "Add a README\n", { "README.md": readme, "greet.py": 'print("Hi")\n' })}`,
  };
}
