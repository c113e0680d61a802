/**
 * What the Exercism importer once skipped and now carries, graded for real in the sandbox:
 * extra-credit tests that skip themselves (reported as skipped, not as a failing reference),
 * helper data files (Exercism's `editor` files, read-only beside tests.py, imported by the
 * tests and by the solution) and tests split over two files (test_utils.py, rewritten to name
 * `solution` where it named the exercise's module). Fixtures: test/fixtures/exercism/carry.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadExercise } from "../../src/content/exercise.js";
import { importExercism, type ImportSummary, type ImportedExercise } from "../../src/authoring/import/index.js";
import { gradeSubmission } from "../../src/grading/exercise/index.js";
import { createSandbox } from "../../src/grading/sandbox/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";
import { FIXTURES } from "./helpers.js";

const CHECKOUT = join(FIXTURES, "exercism", "carry");

void describe("importing what a roadwork exercise once could not carry (graded in the sandbox)", { skip: await skipWithoutSandbox() }, () => {
  let into: string;
  let sandbox: Sandbox;
  let summary: ImportSummary;
  const imported = (slug: string): ImportedExercise => {
    const found = summary.imported.find((exercise) => exercise.slug === slug);
    assert.ok(found, `${slug} was not imported: ${JSON.stringify(summary.skipped)}`);
    return found;
  };
  before(async () => {
    into = mkdtempSync(join(tmpdir(), "roadwork-import-carry-"));
    sandbox = await createSandbox();
    summary = await importExercism(CHECKOUT, { into, grade: (exercise, source) => gradeSubmission(exercise, source, { sandbox }) });
  });
  after(async () => {
    await sandbox.close();
    rmSync(into, { recursive: true, force: true });
  });

  void it("imports every exercise of the checkout, each reference verified", () => {
    assert.deepEqual(summary.skipped, []);
    assert.deepEqual(summary.imported.map((exercise) => [exercise.slug, exercise.verified]).sort(), [["big-sum", true], ["menu-cards", true], ["meter-pair", true]]);
  });

  void it("reports an extra-credit test as skipped by name, and keeps the exercise tamper-proof", async () => {
    const bigSum = imported("big-sum");
    assert.deepEqual(bigSum.skippedTests, ["BigSumTest.test_a_million_numbers"]);
    assert.equal(bigSum.mode, "tamper-proof");
    assert.deepEqual(bigSum.bad, ["bad/starter.py"]);
    const exercise = await loadExercise(bigSum.dir);
    const report = await gradeSubmission(exercise, exercise.solution, { sandbox });
    assert.equal(report.status, "pass");
    assert.deepEqual(report.tests.map((t) => [t.name, t.status]), [["BigSumTest.test_small", "pass"], ["BigSumTest.test_a_million_numbers", "skip"]]);
  });

  void it("carries a helper data file read-only beside tests.py, listed in support_files, for the tests and the solution", async () => {
    const menu = imported("menu-cards");
    assert.deepEqual(menu.support, ["menu_cards_data.py"]);
    assert.equal(menu.mode, "tamper-proof");
    const file = join(menu.dir, "menu_cards_data.py");
    assert.equal(statSync(file).mode & 0o222, 0, "the helper file is read-only");
    assert.equal(readFileSync(file, "utf8"), readFileSync(join(CHECKOUT, "exercises", "concept", "menu-cards", "menu_cards_data.py"), "utf8"));
    const exercise = await loadExercise(menu.dir);
    assert.deepEqual(exercise.config.support_files, ["menu_cards_data.py"]);
    const starter = await gradeSubmission(exercise, exercise.starter, { sandbox });
    assert.equal(starter.status, "fail");
    assert.equal(starter.tests[0]?.status, "fail", "the starter imports the data module and fails on the test, not on the import");
  });

  void it("carries the second test file, naming solution where it named the exercise's module", () => {
    const meter = imported("meter-pair");
    assert.deepEqual(meter.support, ["test_utils.py"]);
    const helper = readFileSync(join(meter.dir, "test_utils.py"), "utf8");
    assert.match(helper, /^MODULE = 'solution'$/m);
    assert.doesNotMatch(helper, /meter_pair/);
  });
});
