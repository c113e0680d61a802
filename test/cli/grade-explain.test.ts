/**
 * `roadwork grade` prints the beginner explanation under the raw message: title, file and
 * line, the line's code, the plain words; learner text in it is escaped like the message.
 */
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { skipWithoutSandbox } from "../sandbox-skip.js";

const EXERCISE_DIR = "test/fixtures/exercises/running-total";
/** A guard against a hang, not a speed check. */
const CLI_TIMEOUT_MS = 120_000;
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

const skip = await skipWithoutSandbox();
const work = mkdtempSync(join(tmpdir(), "roadwork-explain-"));
after(() => rmSync(work, { recursive: true, force: true }));

function gradeFile(source: string): { code: number | null; stdout: string } {
  const file = join(work, `s${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  const run = spawnSync("bin/roadwork", ["grade", EXERCISE_DIR, file], { encoding: "utf8", timeout: CLI_TIMEOUT_MS });
  return { code: run.status, stdout: run.stdout + run.stderr };
}

describe("roadwork grade explanations", { skip }, () => {
  it("prints the explanation after the raw message, pointing at the line", () => {
    const run = gradeFile("def running_total(numbers):\n    return reslt\n");
    assert.equal(run.code, 1, run.stdout);
    const block = run.stdout.split("✗ ")[1] ?? "";
    const raw = block.indexOf("NameError: name 'reslt' is not defined");
    const hint = block.indexOf("hint: Python does not know the name 'reslt' (solution.py, line 2)");
    assert.ok(raw >= 0, block);
    assert.ok(hint > raw, `the hint comes after the raw message:\n${block}`);
    assert.match(block, /2 \| return reslt\n/);
    assert.match(block, /misspelled/);
  });

  it("escapes learner text in the explanation's code line", () => {
    const run = gradeFile('def running_total(numbers):\n    return [reslt, "\x1b[2J<script>alert(1)</script>\u202e"]\n');
    assert.equal(run.code, 1, run.stdout);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assert.match(run.stdout, /2 \| return \[reslt, "\\x1b\[2J<script>alert\(1\)<\/script>\\u\{202e\}"\]/);
  });

  it("prints no hint for a plain assertion mismatch", () => {
    const run = gradeFile("def running_total(numbers):\n    return [1]\n");
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /expected/);
    assert.doesNotMatch(run.stdout, /hint:/);
  });
});
