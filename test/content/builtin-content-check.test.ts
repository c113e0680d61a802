/**
 * `roadwork content check` on the whole built-in track, through the real CLI and the real
 * sandbox: every exercise's reference passes, its starter fails and every bad solution fails
 * a test; every project's reference apps pass all stages and every bad app fails exactly at
 * its stage. This is the guard that the curriculum learners see is itself correct.
 * With `--both-modes`, each tamper-proof exercise is graded as pytest would run it too, and a
 * test it passes tamper-proof but fails there is wrong (a difference is graded again before it
 * counts, so a test that draws random values cannot fail this by chance).
 *
 * The exercises with `engine: postgresql` need Debian's PostgreSQL server binaries. Without
 * them, each of their checks must fail for exactly that reason (and says so); every other
 * check must still hold.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { findPostgresBinaries, POSTGRES_INSTALL_COMMAND } from "../../src/grading/project/services/postgres.js";

interface Outcome { kind: string; id: string; subject: string; expected: string; status: string; ok: boolean; message?: string }

const NO_POSTGRES = /this exercise runs on PostgreSQL \(engine: postgresql\) and the grading PostgreSQL is not available/;

void describe("roadwork content check tracks/python-backend", () => {
  void it("proves every reference passes and every bad solution fails", (t) => {
    const run = spawnSync(process.execPath, ["bin/roadwork.cjs", "content", "check", "tracks/python-backend", "--json", "--both-modes"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 45 * 60_000 });
    assert.equal(run.error, undefined, String(run.error));
    const result = JSON.parse(run.stdout) as { ok: boolean; problems: unknown[]; outcomes: Outcome[] };
    const postgres = findPostgresBinaries() !== undefined;
    const unavailable = postgres ? [] : result.outcomes.filter((o) => !o.ok && NO_POSTGRES.test(o.message ?? ""));
    const wrong = result.outcomes.filter((o) => !o.ok && !unavailable.includes(o)).map((o) => `${o.kind} ${o.id} ${o.subject}: expected ${o.expected}, got ${o.status}${o.message ? ` (${o.message})` : ""}`);
    // What the check warned of on stderr (a run lost to the machine, a grading tried again) goes with a failure.
    const told = run.stderr.trim() === "" ? "nothing" : run.stderr.trim().split("\n").slice(-40).join("\n");
    assert.deepEqual(result.problems, [], `${JSON.stringify(result.problems, null, 2)}\nstderr: ${told}`);
    assert.deepEqual(wrong, [], `${wrong.length} wrong:\n${wrong.join("\n")}\nstderr: ${told}`);
    // Every exercise (reference, starter, bad solutions) and every project app: far more than 100 checks.
    assert.ok(result.outcomes.length > 100, `only ${result.outcomes.length} checks ran`);
    assert.ok(result.outcomes.some((o) => o.kind === "project" && o.expected === "pass"), "project references were checked");
    if (unavailable.length > 0) {
      t.diagnostic(`${unavailable.length} checks of PostgreSQL exercises could not run: Debian's PostgreSQL server binaries are not installed (${POSTGRES_INSTALL_COMMAND})`);
      return;
    }
    assert.equal(run.status, 0, run.stderr);
    assert.equal(result.ok, true);
  });
});
