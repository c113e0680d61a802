import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStageContext, StageRecorder, type StageRuntime } from "../../src/grading/project/stage-context.js";
import type { AppTestsRuntime } from "../../src/grading/project/learner-tests.js";
import type { RunOutcome } from "../../src/grading/exercise/tests-verdict.js";
import { runPytest } from "../../src/grading/exercise/pytest-run.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A project folder with mutants of pkg/shout.py (and one equivalent). */
function projectWithMutants(): string {
  const dir = mkdtempSync(join(tmpdir(), "rw-learner-tests-"));
  made.push(dir);
  mkdirSync(join(dir, "mutants", "shout"), { recursive: true });
  mkdirSync(join(dir, "equivalents", "shout"), { recursive: true });
  mkdirSync(join(dir, "contract"));
  writeFileSync(join(dir, "mutants", "shout", "a-no-upper.py"), '"""the text is in capitals"""\ndef shout(text):\n    return text + "!"\n');
  writeFileSync(join(dir, "mutants", "shout", "b-no-mark.py"), '"""an exclamation mark is added"""\ndef shout(text):\n    return text.upper()\n');
  writeFileSync(join(dir, "equivalents", "shout", "join.py"), '"""another way"""\ndef shout(text):\n    return "".join([text.upper(), "!"])\n');
  writeFileSync(join(dir, "contract", "test_contract.py"), "from pkg.shout import shout\n\ndef test_contract():\n    assert shout('a') == 'A!'\n");
  return dir;
}

const APP = new Map<string, Buffer>([
  ["pkg/__init__.py", Buffer.from("")],
  ["pkg/shout.py", Buffer.from('"""The learner\'s own docstring."""\ndef shout(text):\n    return text.upper() + "!"\n')],
  ["tests/test_shout.py", Buffer.from("from pkg.shout import shout\n\ndef test_shout():\n    assert shout('hi') == 'HI!'\n")],
]);

/**
 * Stands in for pytest: "runs" by calling shout from the version in `files` the way the
 * learner's test would, so that the verdict logic is tested without a sandbox.
 */
function fakeAppTests(projectDir: string, judge: (shoutSource: string) => boolean, seen: Array<ReadonlyMap<string, string | Buffer>> = []): AppTestsRuntime {
  return {
    projectDir,
    appFiles: () => APP,
    pytest: (files, targets) => {
      seen.push(files);
      const source = String(files.get("pkg/shout.py"));
      const passed = judge(source);
      const outcome: RunOutcome = { kind: "ran", run: { exit: passed ? 0 : 1, collected: 1, errors: [], tests: [{ name: `${targets[0] ?? "?"}::test_shout`, outcome: passed ? "passed" : "failed", ...(passed ? {} : { message: "assert 'HI' == 'HI!'" }) }] } };
      return Promise.resolve(outcome);
    },
  };
}

function runtimeWith(appTests: AppTestsRuntime): StageRuntime {
  return {
    baseUrl: "http://127.0.0.1:8000",
    send: () => Promise.reject(new Error("no HTTP here")),
    restartApp: () => Promise.resolve(),
    emails: () => [],
    query: () => Promise.resolve([]),
    statements: () => Promise.resolve(new Map()),
    explain: () => Promise.resolve({ json: [], text: "" }),
    logTail: () => "",
    appExited: () => undefined,
    appTests,
  };
}

/** What a good test of shout catches: both the capitals and the mark. */
const strongTests = (source: string): boolean => source.includes("upper()") && source.includes('"!"');

void describe("t.checkLearnerTests: the learner's tests against mutants of their feature", () => {
  void it("passes when the tests pass on the app and on the equivalent and fail on every mutant, one check per mutant named by its behaviour", async () => {
    const project = projectWithMutants();
    const seen: Array<ReadonlyMap<string, string | Buffer>> = [];
    const recorder = new StageRecorder({ n: 11, title: "Your tests" });
    const t = createStageContext(runtimeWith(fakeAppTests(project, strongTests, seen)), recorder);
    await t.checkLearnerTests({ tests: ["tests/test_shout.py"], replaces: "pkg/shout.py", mutants: "mutants/shout", equivalents: "equivalents/shout" });
    const names = recorder.tests.map((test) => `${test.status} ${test.name}`);
    assert.deepEqual(names, [
      "pass stage 11: on your app: test_shout",
      "pass stage 11: passes on another correct version of pkg/shout.py (1)",
      "pass stage 11: catches: the text is in capitals",
      "pass stage 11: catches: an exclamation mark is added",
    ]);
    // Each mutant replaced the learner's file, under the learner's own docstring.
    const mutantRun = seen.find((files) => String(files.get("pkg/shout.py")).includes('return text + "!"'));
    assert.ok(mutantRun, "no run had the mutant in place of pkg/shout.py");
    assert.match(String(mutantRun.get("pkg/shout.py")), /^"""The learner's own docstring\."""/);
    assert.doesNotMatch(String(mutantRun.get("pkg/shout.py")), /the text is in capitals/);
    assert.ok(mutantRun.has("tests/test_shout.py"), "the learner's tests were not in the run");
  });

  void it("fails the stage when a mutant survives, naming the behaviour and never showing its code", async () => {
    const project = projectWithMutants();
    const recorder = new StageRecorder({ n: 11, title: "Your tests" });
    // Weak tests: they only look for capitals, so the mutant without the mark survives.
    const t = createStageContext(runtimeWith(fakeAppTests(project, (source) => source.includes("upper()"))), recorder);
    await assert.rejects(t.checkLearnerTests({ tests: ["tests/test_shout.py"], replaces: "pkg/shout.py", mutants: "mutants/shout" }), (error: Error) => error.name === "StageFailure" && /catch 1 of 2 bugs/.test(error.message));
    const survivor = recorder.tests.find((test) => test.name === "stage 11: catches: an exclamation mark is added");
    assert.equal(survivor?.status, "fail");
    assert.match(survivor?.message ?? "", /The behaviour your tests do not check: an exclamation mark is added/);
    assert.doesNotMatch(survivor?.message ?? "", /def shout|upper\(\)/);
    assert.equal(recorder.tests.filter((test) => test.status === "fail").length, 1, "one failed check, reported once");
  });

  void it("runs no mutant when the tests fail on the learner's own app", async () => {
    const project = projectWithMutants();
    const seen: Array<ReadonlyMap<string, string | Buffer>> = [];
    const recorder = new StageRecorder({ n: 11, title: "Your tests" });
    const t = createStageContext(runtimeWith(fakeAppTests(project, () => false, seen)), recorder);
    await assert.rejects(t.checkLearnerTests({ tests: ["tests"], replaces: "pkg/shout.py", mutants: "mutants/shout" }));
    assert.equal(recorder.tests[0]?.name, "stage 11: on your app: test_shout");
    assert.match(recorder.tests[0]?.message ?? "", /your tests fail on your app \(pkg\/shout\.py as you wrote it\)/);
    assert.ok(seen.length <= 3, `ran ${seen.length} times`);
  });

  void it("says so when the app has no file for the mutants to replace, or no tests where the stage looks", async () => {
    const project = projectWithMutants();
    const recorder = new StageRecorder({ n: 11, title: "Your tests" });
    const t = createStageContext(runtimeWith(fakeAppTests(project, strongTests)), recorder);
    await assert.rejects(t.checkLearnerTests({ tests: ["tests"], replaces: "pkg/export.py", mutants: "mutants/shout" }), /no pkg\/export\.py/);
    await assert.rejects(t.checkLearnerTests({ tests: ["tests/test_export.py"], replaces: "pkg/shout.py", mutants: "mutants/shout" }), /no tests\/test_export\.py/);
    assert.deepEqual(
      recorder.tests.map((test) => test.name),
      ["stage 11: your app has pkg/export.py", "stage 11: your app has tests/test_export.py"],
    );
  });

  void it("refuses a path outside the app or the project as the stage's own mistake", async () => {
    const project = projectWithMutants();
    const t = createStageContext(runtimeWith(fakeAppTests(project, strongTests)), new StageRecorder({ n: 1, title: "x" }));
    await assert.rejects(t.checkLearnerTests({ tests: ["../tests"], replaces: "pkg/shout.py", mutants: "mutants/shout" }), (error: { code?: string }) => error.code === "CONTENT_INVALID");
    await assert.rejects(t.checkLearnerTests({ tests: ["tests"], replaces: "pkg/shout.py", mutants: "../elsewhere" }), (error: { code?: string }) => error.code === "CONTENT_INVALID");
  });
});

void describe("t.pytest: a pytest run on the app's folder", () => {
  void it("adds the project's files to the run and reports each test as data", async () => {
    const project = projectWithMutants();
    const seen: Array<ReadonlyMap<string, string | Buffer>> = [];
    const t = createStageContext(runtimeWith(fakeAppTests(project, strongTests, seen)), new StageRecorder({ n: 12, title: "Safe to merge" }));
    const report = await t.pytest({ tests: ["tests/test_contract.py"], add: { "tests/test_contract.py": "contract/test_contract.py" } });
    assert.equal(report.passed, true);
    assert.equal(report.tests[0]?.name, "tests/test_contract.py::test_shout");
    assert.match(String(seen[0]?.get("tests/test_contract.py")), /def test_contract/);
    const missing = await t.pytest({ tests: ["tests/test_nothing.py"] });
    assert.equal(missing.passed, false);
    assert.match(missing.problem ?? "", /no tests\/test_nothing\.py/);
  });
});

void describe("runPytest in the sandbox: an app's tests folder", () => {
  let sandbox: Sandbox | undefined;
  after(async () => {
    await sandbox?.close();
  });

  void it("collects tests/ and imports the app's own packages from the app's folder", async () => {
    sandbox = await sandboxForTests();
    const files = Object.fromEntries([...APP, ["tests/conftest.py", Buffer.from("import pytest\n\n@pytest.fixture\ndef word():\n    return 'hi'\n")], ["tests/test_more.py", Buffer.from("from pkg.shout import shout\n\ndef test_fixture(word):\n    assert shout(word) == 'HI!'\n\ndef test_wrong():\n    assert shout('a') == 'a'\n")]]);
    const outcome = await runPytest(sandbox, { files, targets: ["tests"], limits: { wallTimeMs: 60_000, cpuTimeMs: 30_000, memoryBytes: 512 * 1024 * 1024 } });
    assert.equal(outcome.kind, "ran", JSON.stringify(outcome));
    if (outcome.kind !== "ran") return;
    const byName = Object.fromEntries(outcome.run.tests.map((test) => [test.name, test.outcome]));
    assert.deepEqual(byName, { "tests/test_more.py::test_fixture": "passed", "tests/test_more.py::test_wrong": "failed", "tests/test_shout.py::test_shout": "passed" });
  });
});
