import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { loadExercise } from "../../src/content/exercise.js";
import { importExercism, type ImportSummary, type GradeForImport } from "../../src/authoring/import/index.js";
import type { GradeReport } from "../../src/grading/report.js";
import { checkTrackFiles } from "../../src/content/track.js";
import { RoadworkError } from "../../src/errors.js";
import { FIXTURES, copyTrack } from "./helpers.js";

const CHECKOUT = join(FIXTURES, "exercism", "python");
const read = (...parts: string[]): string => readFileSync(join(...parts), "utf8");

void describe("importing an Exercism Python checkout without grading", () => {
  let into: string;
  let summary: ImportSummary;
  before(async () => {
    into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    summary = await importExercism(CHECKOUT, { into, step: "practice" });
  });
  after(() => rmSync(into, { recursive: true, force: true }));

  void it("should import practice and concept exercises and count the modes", () => {
    assert.deepEqual(summary.imported.map((exercise) => exercise.slug).sort(), ["bank-account", "leap", "socket-meter", "ticket-queue", "two-fer", "word-builder"]);
    assert.deepEqual(summary.modes, { "tamper-proof": 5, compatible: 1 });
  });

  void it("should skip what a roadwork exercise cannot carry, and say why", () => {
    const reasons = Object.fromEntries(summary.skipped.map((skipped) => [skipped.slug, skipped.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ["old-greeting"]);
    assert.match(reasons["old-greeting"] ?? "", /deprecated/);
    assert.equal(existsSync(join(into, "old-greeting")), false);
  });

  void it("should carry a module of the exercise folder the tests import (test_utils.py) beside tests.py", async () => {
    const socket = summary.imported.find((exercise) => exercise.slug === "socket-meter");
    assert.deepEqual(socket?.support, ["test_utils.py"]);
    assert.equal(read(into, "socket-meter", "test_utils.py"), read(CHECKOUT, "exercises/practice/socket-meter/test_utils.py"));
    const exercise = await loadExercise(join(into, "socket-meter"));
    assert.deepEqual(exercise.kind === "function" ? exercise.support : undefined, { "test_utils.py": read(CHECKOUT, "exercises/practice/socket-meter/test_utils.py") });
  });

  void it("should write every file of a roadwork exercise, which then loads", async () => {
    const exercise = await loadExercise(join(into, "leap"));
    assert.equal(exercise.kind, "function");
    assert.deepEqual(exercise.config, { id: "leap", title: "Leap", step: "practice", kind: "function", difficulty: 1, mode: "tamper-proof", ordered: false, source: "exercism/python" });
    assert.equal(exercise.starter, read(CHECKOUT, "exercises/practice/leap/leap.py"));
    assert.equal(exercise.solution, read(CHECKOUT, "exercises/practice/leap/.meta/example.py"));
    assert.deepEqual(exercise.bad, [{ name: "starter.py", source: exercise.starter }]);
  });

  void it("should rewrite the import of the exercise module to solution, and nothing else", () => {
    const original = read(CHECKOUT, "exercises/practice/leap/leap_test.py");
    const tests = read(into, "leap", "tests.py");
    assert.match(tests, /^from solution import \(\n {4}leap_year,\n\)$/m);
    assert.doesNotMatch(tests, /from leap import/);
    assert.equal(tests, original.replace("from leap import", "from solution import"));
  });

  void it("should keep continuation lines of a parenthesised import aligned", () => {
    const tests = read(into, "word-builder", "tests.py");
    assert.match(tests, /^from solution import \(add_prefix_re,\n {22}make_word_group,\n {22}remove_suffix_ful\)$/m);
  });

  void it("should find the files by Exercism's conventions when config.json lists none", () => {
    assert.match(read(into, "two-fer", "tests.py"), /^from solution import \(\n {4}two_fer,\n\)$/m);
    assert.match(read(into, "two-fer", "solution.py"), /def two_fer\(name="you"\)/);
  });

  void it("should take the exemplar as the reference of a concept exercise, and its task numbers", () => {
    const wordBuilder = summary.imported.find((exercise) => exercise.slug === "word-builder");
    assert.deepEqual(wordBuilder?.tasks, {
      "WordBuilderTest.test_add_prefix_re": 1,
      "WordBuilderTest.test_make_word_group_over": 2,
      "WordBuilderTest.test_make_word_group_under": 2,
      "WordBuilderTest.test_remove_suffix_ful": 3,
    });
    assert.equal(read(into, "word-builder", "solution.py"), read(CHECKOUT, "exercises/concept/word-builder/.meta/exemplar.py"));
    assert.match(read(into, "word-builder", "tests.py"), /@pytest\.mark\.task\(taskno=3\)/);
    assert.match(read(into, "word-builder", "tests.py"), /with self\.subTest\(/);
  });

  void it("should choose compatible mode for tests that check identity and in-place changes, and say why", () => {
    const queue = summary.imported.find((exercise) => exercise.slug === "ticket-queue");
    assert.equal(queue?.mode, "compatible");
    assert.ok(queue?.modeReasons.some((reason) => /identity/.test(reason)));
    assert.ok(queue?.modeReasons.some((reason) => /argument 'queue' was changed in place/.test(reason)));
    assert.equal((parse(read(into, "ticket-queue", "exercise.yaml")) as { mode: string }).mode, "compatible");
    assert.match(read(into, "ticket-queue", "tests.py"), /^from solution import join_queue, serve_next$/m);
  });

  void it("should keep tamper-proof mode for identity checks against True and False", () => {
    const leap = summary.imported.find((exercise) => exercise.slug === "leap");
    assert.equal(leap?.mode, "tamper-proof");
    assert.deepEqual(leap?.modeReasons, []);
  });

  void it("should build README.md from the instructions, the appended instructions and the introduction, and the hint from hints.md", () => {
    const bank = read(into, "bank-account", "README.md");
    assert.match(bank, /^# Bank Account\n\n## Instructions\n/);
    assert.match(bank, /### Exception messages/);
    assert.doesNotMatch(bank, /Instructions append/);
    const words = read(into, "word-builder", "README.md");
    assert.ok(words.indexOf("## Instructions") < words.indexOf("## Introduction"));
    assert.doesNotMatch(words, /Hints/, "hints open after a first attempt, so they are not in the README");
    const hints = (parse(read(into, "word-builder", "exercise.yaml")) as { hints: string[] }).hints;
    assert.equal(hints.length, 1);
    assert.match(hints[0] ?? "", /^\*\*General\*\*\n\n- Strings support `\+`/);
    assert.match(hints[0] ?? "", /\*\*2\. Build a word group\*\*\n\n- `str.join\(\)`/);
    assert.match(read(into, "leap", "README.md"), /^> \*\*Note\*\*$/m);
  });

  void it("should refuse to overwrite an exercise already imported, unless asked", async () => {
    const again = await importExercism(join(CHECKOUT, "exercises", "practice", "leap"), { into });
    assert.equal(again.imported.length, 0);
    assert.match(again.skipped[0]?.reason ?? "", /already exists/);
    const forced = await importExercism(join(CHECKOUT, "exercises", "practice", "leap"), { into, overwrite: true });
    assert.deepEqual(forced.imported.map((exercise) => exercise.from), ["exercises/practice/leap"]);
  });
});

void describe("importing into a track's exercises folder", () => {
  void it("should list the imported exercises under the step, and the track should load", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice"), { into: join(dir, "exercises"), step: "more" });
      assert.deepEqual(summary.listed?.added, ["bank-account", "leap", "socket-meter", "two-fer"]);
      const { problems, track } = await checkTrackFiles(dir);
      assert.deepEqual(problems.map(String), []);
      assert.deepEqual(track?.steps[1]?.exercises, ["shout", "bank-account", "leap", "socket-meter", "two-fer"]);
    } finally {
      cleanup();
    }
  });

  void it("should refuse a step the track does not have before writing anything", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      await assert.rejects(importExercism(CHECKOUT, { into: join(dir, "exercises"), step: "advanced" }), (error: unknown) => error instanceof RoadworkError && error.code === "BAD_INPUT");
      assert.deepEqual(readdirSync(join(dir, "exercises")).sort(), ["add-two", "shout"]);
    } finally {
      cleanup();
    }
  });
});

void describe("importing with a grader", () => {
  const report = (status: GradeReport["status"]): GradeReport => ({ version: 3, status, tests: status === "pass" ? [] : [{ name: "test_x", status, message: "boom" }] });

  void it("should switch to compatible mode when the reference fails tamper-proof but passes compatible, and name the test", async () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    try {
      const calls: string[] = [];
      // A stand-in grader: references pass only in compatible mode, starters never pass.
      const grade: GradeForImport = async (exercise, source) => {
        const which = source === exercise.solution ? "reference" : "starter";
        calls.push(`${which}:${exercise.config.mode}`);
        return report(which === "reference" && exercise.config.mode === "compatible" ? "pass" : "fail");
      };
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice", "bank-account"), { into, grade });
      const bank = summary.imported[0];
      assert.equal(bank?.mode, "compatible");
      assert.equal(bank?.verified, true);
      assert.deepEqual(bank?.modeDifferences, ["reference: test_x fails tamper-proof, is not run (passes as a whole) compatible"]);
      assert.match(bank?.modeReasons[0] ?? "", /^graded in both modes, a verdict differs \(reference: test_x fails tamper-proof/);
      assert.deepEqual(calls, ["reference:tamper-proof", "reference:compatible", "starter:tamper-proof", "starter:compatible"]);
      assert.equal((await loadExercise(join(into, "bank-account"))).config.mode, "compatible");
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should switch to compatible mode when a starter passes a test tamper-proof that it fails in compatible mode (a fail turned into a pass)", async () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    try {
      const grade: GradeForImport = async (exercise, source) => {
        if (source === exercise.solution) return { version: 3, status: "pass", tests: [{ name: "test_x", status: "pass" }, { name: "test_y", status: "pass" }] };
        const compatible = exercise.config.mode === "compatible";
        return { version: 3, status: "fail", tests: [{ name: "test_x", status: compatible ? "fail" : "pass" }, { name: "test_y", status: "fail" }] };
      };
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice", "leap"), { into, grade });
      const leap = summary.imported[0];
      assert.equal(leap?.mode, "compatible");
      assert.deepEqual(leap?.modeDifferences, ["starter: test_x passes tamper-proof, fails compatible"]);
      assert.deepEqual(leap?.bad, ["bad/starter.py"]);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should grade a reference once more when it reached a time limit, and say so when it then passes", async () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    try {
      let referenceGradings = 0;
      const grade: GradeForImport = async (exercise, source) => {
        if (source !== exercise.solution) return report("fail");
        referenceGradings += 1;
        // Both first gradings (one per mode) run out of time; the one after passes.
        if (referenceGradings <= 2) return { version: 3, status: "fail", tests: [{ name: "test_x", status: "error", message: "the test did not finish within 10 s" }] };
        return report("pass");
      };
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice", "leap"), { into, grade });
      assert.equal(summary.imported[0]?.verified, true, JSON.stringify(summary));
      assert.equal(referenceGradings, 3);
      assert.match(summary.imported[0]?.notes.join("\n") ?? "", /reached a time limit once \(test_x: the test did not finish within 10 s\) and passed when graded again/);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should keep tamper-proof mode when every verdict agrees between the modes", async () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    try {
      const grade: GradeForImport = async (exercise, source) => report(source === exercise.solution ? "pass" : "fail");
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice", "leap"), { into, grade });
      assert.equal(summary.imported[0]?.mode, "tamper-proof");
      assert.deepEqual(summary.imported[0]?.modeDifferences, []);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should skip an exercise whose reference passes in no mode, leaving nothing behind", async () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    try {
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice", "leap"), { into, grade: async () => report("fail") });
      assert.equal(summary.imported.length, 0);
      assert.match(summary.skipped[0]?.reason ?? "", /reference solution does not pass its tests: test_x: boom/);
      assert.deepEqual(readdirSync(into), []);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should not count a starter that passes as a bad solution", async () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-"));
    try {
      const summary = await importExercism(join(CHECKOUT, "exercises", "practice", "two-fer"), { into, grade: async () => report("pass") });
      assert.deepEqual(summary.imported[0]?.bad, []);
      assert.equal(existsSync(join(into, "two-fer", "bad")), false);
      assert.match(summary.imported[0]?.notes[0] ?? "", /starter passes/);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });
});

/** Runs `roadwork import exercism ARGS` from the TypeScript sources (no build needed). */
function roadworkImport(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const root = join(import.meta.dirname, "..", "..");
  const script = [
    `import { Command } from "commander";`,
    `import { register } from ${JSON.stringify(join(root, "src", "cli", "commands", "import.ts"))};`,
    `const program = new Command().name("roadwork"); register(program);`,
    `await program.parseAsync(["node", "roadwork", "import", "exercism", ...${JSON.stringify(args)}]);`,
  ].join("\n");
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 300_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

void describe("roadwork import exercism", () => {
  void it("should print one line per exercise and the count of each mode, and exit 0", () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-cli-"));
    try {
      const run = roadworkImport(CHECKOUT, "--into", into, "--no-verify", "--step", "practice");
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^imported {2}ticket-queue -> .*: compatible, 2 test\(s\), 2 task\(s\), bad\/starter\.py$/m);
      assert.match(run.stdout, /^ {10}compatible because line \d+ in TicketQueueTest\.test_join_queue_returns_the_same_list: compares objects by identity \(assertIs\)$/m);
      assert.match(run.stdout, /^ {10}carried beside tests\.py \(read-only\): test_utils\.py$/m);
      assert.match(run.stdout, /^Imported 6 exercise\(s\): 5 tamper-proof, 1 compatible \(not verified by grading\)\.$/m);
      assert.match(run.stdout, /^Skipped 1: old-greeting \(deprecated in the track's config\.json\)\.$/m);
      assert.equal((parse(read(into, "leap", "exercise.yaml")) as { step: string }).step, "practice");
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should exit 2 for a folder that holds no Exercism exercise", () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-cli-"));
    try {
      const run = roadworkImport(join(FIXTURES, "tracks"), "--into", into, "--no-verify");
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.match(run.stderr, /holds no Exercism exercise/);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });

  void it("should exit 2 for a step that is not a step id", () => {
    const run = roadworkImport(CHECKOUT, "--into", join(tmpdir(), "roadwork-never-written"), "--no-verify", "--step", "Practice Step");
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /the step "Practice Step" is not a step id/);
    assert.equal(existsSync(join(tmpdir(), "roadwork-never-written")), false);
  });

  void it("should exit 1 when nothing could be imported", () => {
    const into = mkdtempSync(join(tmpdir(), "roadwork-import-cli-"));
    try {
      const run = roadworkImport(join(CHECKOUT, "exercises", "practice", "old-greeting"), "--into", into, "--no-verify");
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /Imported 0 exercise\(s\)/);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });
});
