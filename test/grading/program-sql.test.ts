import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { badSolutions, closeSandbox, fixture, grade, read, summary, testNamed, track } from "./helpers.js";

after(closeSandbox);

describe("program exercises", () => {
  const echo = fixture("echo-upper");

  it("passes the reference: stdout and exit code match for every case", async () => {
    const report = await grade(echo, read(echo, "solution.py"));
    assert.equal(report.status, "pass", summary(report));
    assert.equal(report.tests.length, 3);
  });

  it("shows stdin, expected, got and a line diff when stdout differs", async () => {
    const report = await grade(echo, "import sys\nprint(sys.stdin.readline().strip())\n");
    const test = testNamed(report, "capitals");
    assert.equal(test.status, "fail");
    assert.match(test.message ?? "", /^sent stdin "hello\\n"$/m);
    assert.match(test.message ?? "", /^expected stdout "HELLO\\n"$/m);
    assert.match(test.message ?? "", /^got stdout +"hello\\n"$/m);
    assert.match(test.message ?? "", /^- HELLO\n\+ hello$/m);
  });

  it("shows the arguments and compares the exit code", async () => {
    const report = await grade(echo, "import sys\nprint(sys.stdin.readline().strip().upper())\n");
    assert.match(testNamed(report, "with a prefix argument").message ?? "", /with arguments ">>"/);
    assert.match(testNamed(report, "empty input is an error").message ?? "", /expected exit code 1, got 0/);
  });

  it("keeps what the program wrote on stderr as the test's output", async () => {
    const report = await grade(echo, read(echo, "solution.py"));
    assert.equal(testNamed(report, "empty input is an error").output, "nothing to echo\n");
  });

  it("names the output limit when a program floods stdout", async () => {
    const report = await grade(echo, "import sys\nwhile True:\n    sys.stdout.write('x' * 65536)\n");
    assert.equal(report.status, "fail");
    assert.ok(report.limits_hit?.some((h) => h.limit === "output"), summary(report));
    assert.match(testNamed(report, "capitals").message ?? "", /output limit 64 KiB reached/);
  });

  it("hands a case's files to the program and checks what it writes on stderr", async () => {
    const dir = fixture("count-lines");
    const passed = await grade(dir, read(dir, "solution.py"));
    assert.equal(passed.status, "pass", summary(passed));
    // Right exit code and stdout, but the message names nothing: only the stderr checks catch it.
    const silent = await grade(dir, read(dir, "solution.py").replace('print(f"error: no such file: {name}", file=sys.stderr)', "pass"));
    const test = testNamed(silent, "names a missing file on stderr");
    assert.equal(test.status, "fail", summary(silent));
    assert.match(test.message ?? "", /^expected stderr to contain "missing.txt"$/m);
    assert.match(test.message ?? "", /^expected stderr to match \/\^error: \/$/m);
    const wrongPrefix = await grade(dir, read(dir, "solution.py").replace('f"error: no such', 'f"oops: no such'));
    assert.match(testNamed(wrongPrefix, "names a missing file on stderr").message ?? "", /expected stderr to match/);
    assert.doesNotMatch(testNamed(wrongPrefix, "names a missing file on stderr").message ?? "", /expected stderr to contain/);
  });

  for (const name of ["greet-user", "word-frequency"]) {
    const dir = track(name);
    it(`passes ${name}'s reference and fails each of its bad solutions`, async () => {
      assert.equal((await grade(dir, read(dir, "solution.py"))).status, "pass");
      for (const bad of badSolutions(dir)) {
        const report = await grade(dir, read(dir, `bad/${bad}`));
        assert.equal(report.status, "fail", `${bad}: ${summary(report)}`);
      }
    });
  }
});

describe("sql exercises", () => {
  const dir = track("sql-active-users");

  it("passes the reference query", async () => {
    const report = await grade(dir, read(dir, "solution.sql"));
    assert.equal(report.status, "pass", summary(report));
    // One test per data set of its cases.yaml.
    const cases = (read(dir, "cases.yaml").match(/^- name:/gm) ?? []).length;
    assert.ok(cases > 1, "sql-active-users has data sets in cases.yaml");
    assert.equal(report.tests.length, cases);
  });

  for (const bad of badSolutions(dir)) {
    it(`fails the bad query ${bad}, showing rows`, async () => {
      const report = await grade(dir, read(dir, `bad/${bad}`));
      assert.equal(report.status, "fail", summary(report));
      const failed = report.tests.find((t) => t.status === "fail");
      assert.match(failed?.message ?? "", /expected|missing|unexpected/);
    });
  }

  it("refuses more than one statement", async () => {
    const report = await grade(dir, "SELECT 1; SELECT 2;");
    assert.equal(report.status, "fail");
    assert.match(report.tests[0]?.message ?? "", /exactly one SQL statement/);
  });

  it("does not let the query change the data", async () => {
    const report = await grade(dir, "DELETE FROM users");
    assert.equal(report.status, "fail");
    assert.match(report.tests[0]?.message ?? "", /readonly|read-only/);
  });

  it("runs the query on each data set of cases.yaml, one test each", async () => {
    const cases = fixture("sql-cases");
    const passed = await grade(cases, read(cases, "solution.sql"));
    assert.equal(passed.status, "pass", summary(passed));
    assert.deepEqual(passed.tests.map((t) => t.name), ["everyone subscribed", "leaves out who unsubscribed", "nobody at all"]);
    const careless = await grade(cases, "SELECT name FROM users");
    assert.equal(careless.status, "fail");
    assert.deepEqual(careless.tests.map((t) => t.status), ["pass", "fail", "pass"]);
    const failed = testNamed(careless, "leaves out who unsubscribed");
    assert.match(failed.message ?? "", /unexpected rows[^]*'Linus'/);
    assert.match(failed.test_code ?? "", /rows added to schema.sql for this case:\nINSERT INTO users/);
  });

  it("shows SQLite's error for a query that does not parse", async () => {
    const report = await grade(dir, "SELEC name FROM users");
    assert.equal(report.status, "fail");
    assert.match(report.tests[0]?.message ?? "", /SQLite could not run the query: OperationalError: near "SELEC"/);
  });
});
