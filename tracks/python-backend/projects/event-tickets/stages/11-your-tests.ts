/**
 * Stage 11: the learner's tests of the export (tests/test_export.py) pass on their app and
 * catch every mutant of tickets/export.py in mutants/export (each a realistic bug, named by
 * its docstring), and pass on a correct version written differently (equivalents/export).
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";

export default async function stage(t: StageContext): Promise<void> {
  await t.checkLearnerTests({
    tests: ["tests/test_export.py"],
    replaces: "tickets/export.py",
    mutants: "mutants/export",
    equivalents: "equivalents/export",
  });
}
