/**
 * A real grading adds the beginner explanation: a helper without `return` gives None, and the
 * report points at the learner's line that indexed it, keeping the raw message.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeSandbox, FIXTURES, grade } from "./helpers.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

after(closeSandbox);

const skip = await skipWithoutSandbox();
const RUNNING_TOTAL = join(FIXTURES, "running-total");

const MISSING_RETURN = `def add_up(numbers):
    total = 0
    for number in numbers:
        total += number


def running_total(numbers):
    result = []
    for i in range(len(numbers)):
        result.append(add_up(numbers[: i + 1]))
    first = add_up(numbers)
    return result if first[0] else result
`;

describe("grading with explanations", { skip }, () => {
  it("explains 'NoneType' object is not subscriptable at the line that indexed it", async () => {
    const report = await grade(RUNNING_TOTAL, MISSING_RETURN);
    const failed = report.tests.filter((t) => t.status !== "pass");
    assert.ok(failed.length > 0, "the missing return fails tests");
    for (const t of failed) {
      assert.match(t.message ?? "", /TypeError: 'NoneType' object is not subscriptable/, "the raw message stays");
      assert.match(t.explanation?.title ?? "", /on None/, t.name);
      assert.match(t.explanation?.text ?? "", /return/);
      assert.equal(t.explanation?.file, "solution.py");
      assert.equal(t.explanation?.line, 12);
      assert.equal(t.explanation?.code, "return result if first[0] else result");
    }
  });

  it("adds nothing to a plain assertion mismatch", async () => {
    const report = await grade(RUNNING_TOTAL, "def running_total(numbers):\n    return [1]\n");
    const failed = report.tests.filter((t) => t.status === "fail" && /^assert /.test(t.message ?? ""));
    assert.ok(failed.length > 0, "some tests fail on a wrong value");
    for (const t of failed) assert.equal(t.explanation, undefined, t.name);
  });
});
