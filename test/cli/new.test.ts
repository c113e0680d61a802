/**
 * `roadwork new`: each kind of exercise, and a project, scaffolded into a temporary folder and
 * then checked by the real `roadwork content check --json` (real sandbox): every check holds,
 * and the starter and both bad solutions are among them. An existing non-empty folder is
 * refused without writing anything.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { skipWithoutSandbox } from "../sandbox-skip.js";

/** A guard against a hang, not a speed check. */
const CLI_TIMEOUT_MS = 300_000;
const skip = await skipWithoutSandbox();
const root = mkdtempSync(join(tmpdir(), "rw-new-"));
after(() => rmSync(root, { recursive: true, force: true }));

function roadwork(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync("bin/roadwork", args, { encoding: "utf8", timeout: CLI_TIMEOUT_MS });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface CheckJson {
  ok: boolean;
  problems: { message: string }[];
  outcomes: { ok: boolean; subject: string; expected: string }[];
}

function check(dir: string): CheckJson {
  const run = roadwork("content", "check", "--json", dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return JSON.parse(run.stdout) as CheckJson;
}

describe("roadwork new", { skip }, () => {
  for (const kind of ["function", "program", "sql", "tests", "git"]) {
    it(`scaffolds a ${kind} exercise that content check holds`, () => {
      const dir = join(root, `my-${kind}`);
      const made = roadwork("new", "exercise", dir, "--kind", kind);
      assert.equal(made.code, 0, made.stderr);
      assert.match(made.stdout, /roadwork content check/);
      const schemaPath = /^# yaml-language-server: \$schema=(\S+\/exercise\.schema\.json)\n/.exec(readFileSync(join(dir, "exercise.yaml"), "utf8"))?.[1];
      assert.ok(schemaPath !== undefined && existsSync(join(dir, schemaPath)), `the schema line names a file that exists: ${schemaPath}`);
      const result = check(dir);
      assert.equal(result.ok, true);
      assert.deepEqual(result.problems, []);
      const subjects = result.outcomes.map((o) => o.subject).sort();
      const bad = readdirSync(join(dir, "bad")).map((name) => `bad/${name}`);
      assert.equal(bad.length, 2);
      for (const file of bad) assert.ok(subjects.some((s) => s.includes(file)), `${file} was checked: ${subjects.join(", ")}`);
      assert.ok(subjects.some((s) => s.includes("starter")), `the starter was checked: ${subjects.join(", ")}`);
      assert.ok(result.outcomes.every((o) => o.ok));
      // The reference passes; for the kinds Run serves, the reference reproduces the README's examples too.
      const expectedPass = result.outcomes.filter((o) => o.expected === "pass").map((o) => o.subject);
      const runServed = kind === "function" || kind === "program";
      assert.equal(expectedPass.length, runServed ? 2 : 1, expectedPass.join(", "));
      assert.equal(expectedPass.includes("README.md examples"), runServed, expectedPass.join(", "));
    });
  }

  it("scaffolds a project that content check holds; --id makes DIR/ID, --schemas names a track's own copy", () => {
    const made = roadwork("new", "project", root, "--id", "first-api", "--schemas", join(root, ".schemas"));
    assert.equal(made.code, 0, made.stderr);
    // --schemas: the track's own copy is written, and project.yaml names it relative to itself.
    assert.ok(existsSync(join(root, ".schemas", "project.schema.json")));
    assert.match(readFileSync(join(root, "first-api", "project.yaml"), "utf8"), /^# yaml-language-server: \$schema=\.\.\/\.schemas\/project\.schema\.json\n/);
    const result = check(join(root, "first-api"));
    assert.equal(result.ok, true);
    assert.ok(result.outcomes.length >= 2, JSON.stringify(result.outcomes));
    assert.ok(result.outcomes.every((o) => o.ok));
  });

  it("refuses a folder that is not empty and writes nothing", () => {
    const dir = join(root, "taken");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.md"), "mine\n");
    const made = roadwork("new", "exercise", dir, "--kind", "function");
    assert.equal(made.code, 1);
    assert.match(made.stderr, /not empty/);
    assert.deepEqual(readdirSync(dir), ["notes.md"]);
  });

  it("refuses an unknown kind", () => {
    const made = roadwork("new", "exercise", join(root, "odd"), "--kind", "essay");
    assert.equal(made.code, 2);
    assert.match(made.stderr, /--kind must be one of/);
  });
});
