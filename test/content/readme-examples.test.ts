/**
 * content check runs the README examples that Run tries (Run's reader and driver, under
 * /usr/bin/python3 in the real sandbox) with the reference: an example it does not reproduce
 * is reported at README.md:LINE with what the README shows and what the reference gave.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkContent, type GradeSubmission } from "../../src/authoring/check.js";
import { createSandbox } from "../../src/grading/sandbox/index.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";
import { FIXTURES } from "./helpers.js";

const EXERCISES = join(FIXTURES, "readme-examples");
/** The grading itself is not under test here: the reference passes, anything else fails. */
const referenceOnly: GradeSubmission = async (exercise, source) => ({ version: 3, status: source === exercise.solution ? "pass" : "fail", tests: [] });

void describe("content check of README examples", { skip: await skipWithoutSandbox() }, () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await createSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  void it("should name README.md:LINE of an example the reference does not reproduce, with both outputs, and pass one it does (a file shown with `$ cat`)", async () => {
    const result = await checkContent(EXERCISES, { sandbox, gradeSubmission: referenceOnly });
    const examples = result.outcomes.filter((outcome) => outcome.subject === "README.md examples");
    assert.deepEqual(examples.map((outcome) => [outcome.id, outcome.status, outcome.ok]), [["count-words", "pass", true], ["double-it", "fail", false]]);
    const wrong = examples[1];
    assert.equal(wrong?.file, join(EXERCISES, "double-it", "README.md"));
    assert.match(wrong?.message ?? "", /^README\.md:8: the reference does not give what this example shows, so Run would tell a learner with a correct answer that theirs differs: >>> double\(4\)$/);
    assert.equal(wrong?.detail, "README.md:8: >>> double(4)\n  the README shows:\n    9\n  the reference gave:\n    8");
    assert.equal(result.ok, false);
  });
});
