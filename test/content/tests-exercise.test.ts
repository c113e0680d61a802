import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkContent, type GradeSubmission } from "../../src/authoring/check.js";
import { loadExercise } from "../../src/content/exercise.js";
import { asSandboxed, moduleDocstring } from "../../src/content/tests-parts.js";
import { RoadworkError } from "../../src/errors.js";
import type { GradeReport } from "../../src/grading/report.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { FIXTURES } from "./helpers.js";

const CLAMP = join(FIXTURES, "exercises", "tests-clamp");

function copyClamp(): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "roadwork-tests-kind-"));
  const dir = join(root, "tests-clamp");
  cpSync(CLAMP, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

void describe("tests exercises: loading", () => {
  void it("loads the subject, each mutant with the behaviour its docstring names, and the equivalents", async () => {
    const exercise = await loadExercise(CLAMP);
    assert.equal(exercise.kind, "tests");
    if (exercise.kind !== "tests") return;
    assert.equal(exercise.module, "clamp");
    assert.match(exercise.subject, /def clamp/);
    assert.deepEqual(
      exercise.mutants.map((m) => `${m.name}: ${m.description}`),
      [
        "bounds-swapped.py: a value above the range becomes high, not low",
        "no-lower-bound.py: values below the range are moved up to low",
        "no-range-check.py: a range whose low is greater than its high is refused with ValueError",
        "no-upper-bound.py: values above the range are moved down to high",
      ],
    );
    assert.deepEqual(exercise.equivalents.map((e) => e.name), ["min-max.py"]);
  });

  void it("refuses a mutant without a docstring, naming the file", async () => {
    const { dir, cleanup } = copyClamp();
    try {
      writeFileSync(join(dir, "mutants", "silent.py"), "def clamp(value, low, high):\n    return value\n");
      await assert.rejects(loadExercise(dir), (error: unknown) => error instanceof RoadworkError && error.code === "CONTENT_INVALID" && /docstring/.test(error.message) && String(error.file).endsWith("silent.py"));
    } finally {
      cleanup();
    }
  });

  void it("refuses a tests exercise without mutants", async () => {
    const { dir, cleanup } = copyClamp();
    try {
      rmSync(join(dir, "mutants"), { recursive: true });
      await assert.rejects(loadExercise(dir), /at least one mutant/);
    } finally {
      cleanup();
    }
  });

  void it("reads the first paragraph of a module docstring, after comments", () => {
    assert.equal(moduleDocstring('# a comment\n"""the discount is\napplied twice\n\nMore text."""\nx = 1\n'), "the discount is applied twice");
    assert.equal(moduleDocstring("x = 1\n"), undefined);
    assert.equal(moduleDocstring('""""""\n'), undefined);
  });

  void it("gives every version the subject's docstring, so that __doc__ cannot tell a mutant", () => {
    const subject = '"""Keeps a number inside a range."""\n\n\ndef clamp(v, lo, hi):\n    return v\n';
    const mutant = '"""values above the range are moved down"""\n\n\ndef clamp(v, lo, hi):\n    return lo\n';
    const sandboxed = asSandboxed(mutant, subject);
    assert.match(sandboxed, /^"""Keeps a number inside a range."""\n/);
    assert.doesNotMatch(sandboxed, /moved down/);
    assert.match(sandboxed, /return lo/);
    assert.equal(asSandboxed(subject, subject).trim(), subject.trim());
  });
});

void describe("tests exercises: content check", () => {
  void it("grades the starter too, which must fail", async () => {
    const seen: string[] = [];
    const grade: GradeSubmission = async (exercise, source) => {
      seen.push(source === exercise.solution ? "solution" : source === exercise.starter ? "starter" : "bad");
      return report(source === exercise.solution || source === exercise.starter ? "pass" : "fail");
    };
    const result = await checkContent(CLAMP, { sandbox: {} as Sandbox, gradeSubmission: grade });
    assert.ok(seen.includes("starter"));
    const starter = result.outcomes.find((o) => o.subject === "starter.py");
    assert.equal(starter?.ok, false);
    assert.equal(starter?.message, "starter.py (the starter) passes every test: a learner would pass without writing anything");
    assert.equal(result.ok, false);
  });
});

function report(status: GradeReport["status"]): GradeReport {
  return { version: 3, status, tests: [{ name: "t", status }] };
}
