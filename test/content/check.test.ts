import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { checkContent, checkSelection, selectContent, type CheckProject, type GradeSubmission } from "../../src/authoring/check.js";
import type { Project } from "../../src/content/project.js";
import { RoadworkError } from "../../src/errors.js";
import { recordingLog } from "../../src/log.js";
import type { GradeReport } from "../../src/grading/report.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { FIXTURES, copyTrack, edit } from "./helpers.js";

const TINY = join(FIXTURES, "tracks", "tiny");
const LEAKY = join(FIXTURES, "tracks", "leaky");
const ROOT = join(import.meta.dirname, "..", "..");
const noSandbox = {} as Sandbox;

/** A stand-in grader: a submission passes when it is the reference, byte for byte. */
const referenceOnly: GradeSubmission = async (exercise, source) => report(source === exercise.solution ? "pass" : "fail");

function report(status: GradeReport["status"], failing = "test_one"): GradeReport {
  return { version: 3, status, tests: status === "pass" ? [{ name: "test_one", status }] : [{ name: failing, status, message: "expected 2, got 3\nmore detail" }] };
}

void describe("checkContent, with a stand-in grader", () => {
  void it("should hold for every reference and bad solution of a sound track", async () => {
    const result = await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: referenceOnly });
    assert.equal(result.ok, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.outcomes.map((outcome) => `${outcome.id} ${outcome.subject} ${outcome.expected} ${outcome.status}`),
      ["add-two solution.py pass pass", "add-two starter.py fail fail", "add-two bad/adds_one.py fail fail", "shout solution.py pass pass", "shout starter.py fail fail", "shout bad/no_bang.py fail fail"],
    );
  });

  void it("with both modes, should report a test that passes tamper-proof but fails in-process (a fail turned into a pass), and nothing else", async () => {
    const modes: string[] = [];
    // The bad solution passes test_two tamper-proof and fails it in compatible mode: pytest would fail it there.
    const grader: GradeSubmission = async (exercise, source) => {
      modes.push(exercise.config.mode);
      if (source === exercise.solution) return report("pass");
      const compatible = exercise.config.mode === "compatible";
      return { version: 3, status: "fail", tests: [{ name: "test_one", status: "fail" }, { name: "test_two", status: compatible ? "fail" : "pass" }] };
    };
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: grader, bothModes: true });
    const wrong = result.outcomes.filter((outcome) => !outcome.ok);
    assert.deepEqual(wrong.map((outcome) => outcome.subject), ["starter.py", "bad/adds_one.py"]);
    assert.match(wrong[1]?.message ?? "", /^bad\/adds_one\.py passes a test tamper-proof that it fails when the tests run in its own process, as pytest runs them \(test_two passes tamper-proof, fails compatible\): set mode: compatible/);
    assert.ok(modes.includes("compatible"));
    const without = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: grader });
    assert.equal(without.ok, true, "without --both-modes only the tamper-proof verdicts count");
  });

  void it("with both modes, should not count a test that compatible mode stopped at a time limit (the tests' own work counts there)", async () => {
    const cpu = { limit: "cpu-time" as const, message: "CPU time limit 2 s reached" };
    const grader: GradeSubmission = async (exercise, source) => {
      if (source === exercise.solution) return report("pass");
      if (exercise.config.mode !== "compatible") return { version: 3, status: "fail", tests: [{ name: "test_one", status: "fail" }, { name: "test_slow", status: "pass" }, { name: "test_two", status: "pass" }] };
      // test_slow ran out of CPU in one process with the tests; test_two failed on its own.
      return { version: 3, status: "fail", limits_hit: [cpu], tests: [{ name: "test_one", status: "fail" }, { name: "test_slow", status: "error", message: cpu.message }, { name: "test_two", status: "fail", message: "assert 3 == 4" }] };
    };
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: grader, bothModes: true });
    const bad = result.outcomes.find((outcome) => outcome.subject === "bad/adds_one.py");
    assert.match(bad?.message ?? "", /\(test_two passes tamper-proof, fails compatible\)/);
    assert.doesNotMatch(bad?.message ?? "", /test_slow/);
  });

  void it("with both modes, should grade a difference again and report it only when it shows again (a test that draws random values can differ by chance)", async () => {
    // The bad solution's test_random fails compatible in the first pair of gradings only; test_two every time.
    const gradings: Record<string, number> = {};
    const grader: GradeSubmission = async (exercise, source) => {
      if (source === exercise.solution) return report("pass");
      const mode = exercise.config.mode;
      const key = `${source === exercise.starter ? "starter" : "bad"} ${mode}`;
      gradings[key] = (gradings[key] ?? 0) + 1;
      const unlucky = mode === "compatible" && gradings[key] === 1;
      const compatible = mode === "compatible";
      return { version: 3, status: "fail", tests: [{ name: "test_one", status: "fail" }, { name: "test_random", status: unlucky ? "fail" : "pass" }, { name: "test_two", status: compatible ? "fail" : "pass" }] };
    };
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: grader, bothModes: true });
    const bad = result.outcomes.find((outcome) => outcome.subject === "bad/adds_one.py");
    assert.match(bad?.message ?? "", /\(test_two passes tamper-proof, fails compatible\)/);
    assert.doesNotMatch(bad?.message ?? "", /test_random/);
    assert.deepEqual([gradings["bad tamper-proof"], gradings["bad compatible"]], [2, 2], "the difference was graded again, both ways");
  });

  void it("with both modes, should not grade again when the modes agree", async () => {
    let gradingsOfBad = 0;
    const grader: GradeSubmission = async (exercise, source) => {
      if (source === exercise.solution) return report("pass");
      gradingsOfBad += 1;
      return report("fail");
    };
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: grader, bothModes: true });
    assert.equal(result.outcomes.find((outcome) => outcome.subject === "bad/adds_one.py")?.ok, true);
    assert.equal(gradingsOfBad, 4, "the starter and the bad solution, once in each mode");
  });

  void it("should report a bad solution that passes", async () => {
    const passAll: GradeSubmission = async () => report("pass");
    const result = await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: passAll });
    assert.equal(result.ok, false);
    const wrong = result.outcomes.filter((outcome) => !outcome.ok);
    assert.deepEqual(wrong.map((outcome) => outcome.message), [
      "starter.py (the starter) passes every test: a learner would pass without writing anything",
      "bad/adds_one.py passed but should fail",
      "starter.py (the starter) passes every test: a learner would pass without writing anything",
      "bad/no_bang.py passed but should fail",
    ]);
    assert.equal(wrong[1]?.file, join(TINY, "exercises", "add-two", "bad", "adds_one.py"));
  });

  void it("should report a reference that fails, with the first failing test", async () => {
    const failAll: GradeSubmission = async () => report("fail", "test_adds_two_to_zero");
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: failAll });
    const reference = result.outcomes.find((outcome) => outcome.subject === "solution.py");
    assert.equal(reference?.ok, false);
    assert.equal(reference?.message, "solution.py (the reference) failed but should pass: test_adds_two_to_zero: expected 2, got 3");
    assert.equal(result.outcomes.find((outcome) => outcome.subject === "bad/adds_one.py")?.ok, true);
  });

  void it("should name the test that crashed and its error, not only the count the report gives", async () => {
    const crashes: GradeSubmission = async (exercise, source) =>
      source === exercise.solution
        ? report("pass")
        : { version: 3, status: "fail", message: "1 of 2 tests did not pass", tests: [{ name: "test_one", status: "pass" }, { name: "test_big", status: "error", message: "the solution process ended\nmore" }] };
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: crashes });
    const bad = result.outcomes.find((outcome) => outcome.subject === "bad/adds_one.py");
    assert.equal(bad?.ok, false);
    assert.match(bad?.message ?? "", /fails only by crashing \(test_big: the solution process ended\), which proves nothing/);
  });

  void it("should not count a bad solution that only crashes, unless it says crashing is its point", async () => {
    const errors: GradeSubmission = async (exercise, source) => report(source === exercise.solution ? "pass" : "error");
    const result = await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: errors });
    assert.equal(result.ok, false);
    const bad = result.outcomes.filter((outcome) => outcome.subject.startsWith("bad/"));
    assert.ok(bad.every((outcome) => !outcome.ok), JSON.stringify(bad));
    assert.match(bad[0]?.message ?? "", /^bad\/adds_one\.py fails only by crashing \(test_one: expected 2, got 3\), which proves nothing about the tests/);
    // The starter may crash: it only has to fail.
    assert.ok(result.outcomes.filter((outcome) => outcome.subject === "starter.py").every((outcome) => outcome.ok));

    const { dir, cleanup } = copyTrack("tiny");
    try {
      edit(join(dir, "exercises", "add-two", "bad", "adds_one.py"), "", "# expect: crash\n");
      const declared = await checkContent(join(dir, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: errors });
      assert.equal(declared.ok, true, JSON.stringify(declared.outcomes.map((o) => o.message)));
    } finally {
      cleanup();
    }
  });

  void it("should grade once more a run killed by a signal no limit explains, and keep a crash that shows again", async () => {
    const killed: GradeReport = { version: 3, status: "fail", message: "1 of 1 tests did not pass", tests: [{ name: "test_one", status: "error", message: "your code was killed by SIGKILL while the tests were running" }] };
    const limited: GradeReport = { ...killed, limits_hit: [{ limit: "cpu-time", message: "CPU time limit 5 s reached" }] };
    const graded = new Map<string, number>();
    const killedOnce: GradeSubmission = async (exercise, source) => {
      graded.set(source, (graded.get(source) ?? 0) + 1);
      if (source === exercise.solution) return report("pass");
      return graded.get(source) === 1 ? killed : limited;
    };
    const log = recordingLog();
    const result = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: killedOnce, log });
    assert.equal(result.ok, true, JSON.stringify(result.outcomes.filter((o) => !o.ok)));
    const bad = result.outcomes.find((o) => o.subject === "bad/adds_one.py");
    assert.deepEqual(bad?.report?.limits_hit, limited.limits_hit);
    assert.ok(log.lines.some((line) => /killed by a signal no limit explains; grading it once more/.test(line.msg ?? "") && line.fields.subject === "bad/adds_one.py"));

    // Killed again the same way: the crash is the code's own, and reported as before.
    let again = 0;
    const alwaysKilled: GradeSubmission = async (exercise, source) => {
      if (source === exercise.solution) return report("pass");
      again += 1;
      return killed;
    };
    const still = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: alwaysKilled });
    const stillBad = still.outcomes.find((o) => o.subject === "bad/adds_one.py");
    assert.equal(stillBad?.ok, false);
    assert.match(stillBad?.message ?? "", /fails only by crashing \(test_one: your code was killed by SIGKILL/);
    // The starter fails as it should, so it is graded once; the bad solution twice.
    assert.equal(again, 3);
  });

  void it("should hold a bad solution to the test it names", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      edit(join(dir, "exercises", "add-two", "bad", "adds_one.py"), "", "# fails: test_two\n");
      const failsOne: GradeSubmission = async (exercise, source) => (source === exercise.solution ? report("pass") : report("fail", "test_one"));
      const result = await checkContent(join(dir, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: failsOne });
      assert.equal(result.outcomes.find((o) => o.subject === "bad/adds_one.py")?.message, 'bad/adds_one.py names the test "test_two", which the exercise does not have (its tests: test_one)');
      const failsTwo: GradeSubmission = async (exercise, source) =>
        source === exercise.solution ? report("pass") : { version: 3, status: "fail", tests: [{ name: "test_one", status: "fail" }, { name: "test_two", status: "pass" }] };
      const passedIt = await checkContent(join(dir, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: failsTwo });
      assert.equal(passedIt.outcomes.find((o) => o.subject === "bad/adds_one.py")?.message, 'bad/adds_one.py passed "test_two", the test it says it fails');
    } finally {
      cleanup();
    }
  });

  void it("should give a wrong outcome the grader's whole message as its cause, and a holding one none", async () => {
    const referenceFails: GradeSubmission = async () => report("fail");
    const result = await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: referenceFails });
    const reference = result.outcomes.find((o) => o.expected === "pass");
    assert.equal(reference?.ok, false);
    assert.equal(reference?.detail, "expected 2, got 3\nmore detail");
    assert.ok(result.outcomes.filter((o) => o.ok).every((o) => o.detail === undefined));
  });

  void it("should never count a grading that throws as holding, not even for a bad solution", async () => {
    const broken: GradeSubmission = async () => {
      throw new RoadworkError("SANDBOX_UNAVAILABLE", "bubblewrap is missing");
    };
    const result = await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: broken });
    assert.equal(result.ok, false);
    assert.ok(result.outcomes.every((outcome) => !outcome.ok && outcome.status === "error"));
    assert.match(result.outcomes[2]?.message ?? "", /bad\/adds_one\.py could not be graded: bubblewrap is missing/);
  });

  void it("should grade once more after a machine fault, and say so, but never after a fault of the input", async () => {
    const tries = new Map<string, number>();
    const flaky: GradeSubmission = async (exercise, source, opts) => {
      const n = (tries.get(source) ?? 0) + 1;
      tries.set(source, n);
      if (n === 1) throw new RoadworkError("INFRASTRUCTURE", "the sandboxed run was lost: the sandbox spawner ended (SIGKILL)");
      return referenceOnly(exercise, source, opts);
    };
    const log = recordingLog();
    const result = await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: flaky, log });
    assert.equal(result.ok, true, JSON.stringify(result.outcomes.filter((o) => !o.ok)));
    assert.ok([...tries.values()].every((n) => n === 2), JSON.stringify([...tries.values()]));
    assert.equal(log.lines.length, tries.size);
    assert.match(log.lines[0]?.msg ?? "", /broke down on this machine; trying it once more/);

    let badInputTries = 0;
    const refused: GradeSubmission = async () => {
      badInputTries += 1;
      throw new RoadworkError("BAD_INPUT", "a file that does not fit in the disk limit");
    };
    const refusedResult = await checkContent(join(TINY, "exercises", "add-two"), { sandbox: noSandbox, gradeSubmission: refused });
    assert.equal(badInputTries, refusedResult.outcomes.length);
    assert.ok(refusedResult.outcomes.every((o) => !o.ok && /could not be graded: a file that does not fit/.test(o.message ?? "")));
  });

  void it("should run two gradings at a time, and report progress once per item", async () => {
    let running = 0;
    let most = 0;
    const counted: GradeSubmission = async (exercise, source) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return referenceOnly(exercise, source, { sandbox: noSandbox });
    };
    const progress: string[] = [];
    await checkContent(TINY, { sandbox: noSandbox, gradeSubmission: counted, onProgress: ({ done, total }) => progress.push(`${done}/${total}`) });
    assert.equal(most, 2);
    assert.deepEqual(progress, ["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"]);
  });

  void it("should report problems in the files alongside the gradings", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      edit(join(dir, "exercises", "shout", "exercise.yaml"), "kind: function", "kind: function\nlevel: 2");
      const result = await checkContent(dir, { sandbox: noSandbox, gradeSubmission: referenceOnly });
      assert.equal(result.ok, false);
      assert.deepEqual(result.problems.map((problem) => [problem.line, problem.message]), [[5, 'unknown field "level"']]);
      assert.deepEqual([...new Set(result.outcomes.map((outcome) => outcome.id))], ["add-two"]);
    } finally {
      cleanup();
    }
  });
});

void describe("checkSelection, for projects, with a stand-in project runner", () => {
  const project = {
    id: "notes",
    title: "Notes",
    dir: "/tracks/t/projects/notes",
    file: "/tracks/t/projects/notes/project.yaml",
    frameworks: {},
    stages: [{ n: 1 }, { n: 2 }, { n: 3 }],
    references: { flask: "/tracks/t/projects/notes/reference/flask", django: "/tracks/t/projects/notes/reference/django" },
    bad: [{ dir: "/tracks/t/projects/notes/bad/02-no-auth", framework: "flask", failsAt: 2 }],
    limits: {},
  } as unknown as Project;

  void it("should check each app on its own and report a bad app that does not fail where it should", async () => {
    const seen: string[] = [];
    // Mirrors checkProject's result: one outcome per app it was given.
    const checkProject: CheckProject = async (part) => {
      seen.push([...Object.keys(part.references), ...part.bad.map((app) => app.dir)].join(","));
      return [
        ...Object.entries(part.references).map(([framework, dir]) => ({ kind: "reference", framework, dir, ok: true, report: report("pass") })),
        ...part.bad.map((app) => ({ kind: "bad", framework: app.framework, dir: app.dir, ok: false, problem: "this bad app passes every stage up to 2, but it must fail exactly at stage 2", report: report("pass") })),
      ];
    };
    const result = await checkSelection({ exercises: [], projects: [project], problems: [] }, { sandbox: noSandbox, checkProject });
    assert.deepEqual(seen, ["flask", "django", "/tracks/t/projects/notes/bad/02-no-auth"]);
    assert.deepEqual(
      result.outcomes.map((outcome) => [outcome.subject, outcome.expected, outcome.ok]),
      [["flask reference", "pass", true], ["django reference", "pass", true], ["bad app bad/02-no-auth (flask)", "fail", false]],
    );
    assert.equal(result.outcomes[2]?.message, "bad app bad/02-no-auth (flask): this bad app passes every stage up to 2, but it must fail exactly at stage 2");
    assert.equal(result.ok, false);
  });

  void it("should start the apps that run the most stages first, and still report in the project's order", async () => {
    const bad = [1, 3, 2].map((failsAt) => ({ dir: `/tracks/t/projects/notes/bad/0${failsAt}`, framework: "flask", failsAt }));
    const seen: string[] = [];
    const checkProject: CheckProject = async (part) => {
      seen.push([...Object.keys(part.references), ...part.bad.map((app) => app.dir.slice(-6))].join(","));
      return [
        ...Object.entries(part.references).map(([framework, dir]) => ({ kind: "reference", framework, dir, ok: true, report: report("pass") })),
        ...part.bad.map((app) => ({ kind: "bad", framework: app.framework, dir: app.dir, ok: true, report: report("fail") })),
      ];
    };
    const longestFirst = { ...project, references: { flask: "/tracks/t/projects/notes/reference/flask" }, bad } as unknown as Project;
    const result = await checkSelection({ exercises: [], projects: [longestFirst], problems: [] }, { sandbox: noSandbox, checkProject, projectConcurrency: 1 });
    assert.deepEqual(seen, ["flask", "bad/03", "bad/02", "bad/01"]);
    assert.deepEqual(result.outcomes.map((outcome) => outcome.subject), ["flask reference", "bad app bad/01 (flask)", "bad app bad/03 (flask)", "bad app bad/02 (flask)"]);
  });
});

void describe("checkSelection's two pools", () => {
  void it("should grade exercises `concurrency` at a time and test project apps twice as many at a time, the two side by side", async () => {
    const { exercises } = await selectContent(TINY);
    const project = {
      id: "notes",
      dir: "/p",
      file: "/p/project.yaml",
      frameworks: {},
      stages: [],
      references: {},
      bad: Array.from({ length: 8 }, (_, i) => ({ dir: `/p/bad/${i}`, framework: "flask", failsAt: 1 })),
      limits: {},
    } as unknown as Project;
    let running = { exercise: 0, project: 0 };
    const most = { exercise: 0, project: 0 };
    let overlapped = false;
    const enter = async (kind: "exercise" | "project"): Promise<void> => {
      running = { ...running, [kind]: running[kind] + 1 };
      most[kind] = Math.max(most[kind], running[kind]);
      if (running.exercise > 0 && running.project > 0) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 10));
      running = { ...running, [kind]: running[kind] - 1 };
    };
    const gradeSubmission: GradeSubmission = async (exercise, source) => {
      await enter("exercise");
      return source === exercise.solution ? report("pass") : report("fail");
    };
    const checkProject: CheckProject = async (part) => {
      await enter("project");
      return part.bad.map((app) => ({ kind: "bad", framework: app.framework, dir: app.dir, ok: true, report: report("fail") }));
    };
    const result = await checkSelection({ exercises, projects: [project], problems: [] }, { sandbox: noSandbox, gradeSubmission, checkProject, concurrency: 2 });
    assert.equal(result.outcomes.length, exercises.length * 3 + 8);
    assert.deepEqual(most, { exercise: 2, project: 4 });
    // The exercises fill the cores that waiting apps leave idle.
    assert.equal(overlapped, true);
  });
});

void describe("selectContent", () => {
  void it("should refuse an exercise id that a track the server also loads already uses, naming that track", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      edit(join(dir, "track.yaml"), "id: tiny", "id: tiny-copy");
      const problems = (await selectContent(TINY, { alongside: [dir, TINY] })).problems.map((p) => `${relative(TINY, p.file ?? "")}:${String(p.line)}: ${p.message}`);
      assert.equal(problems.length, 2, problems.join("\n"));
      assert.match(problems[0] ?? "", /^exercises\/add-two\/exercise\.yaml:1: the exercise id "add-two" is also the id of an exercise of track "tiny-copy" \(.+\): a server that loads both tracks refuses to start; choose another id$/);
      // The same folder is not a clash with itself, and an unrelated track is none either.
      assert.deepEqual((await selectContent(TINY, { alongside: [TINY, LEAKY] })).problems, []);
    } finally {
      cleanup();
    }
  });

  void it("should read each tests.py on its own and report a syntax error or a file with no test at its line", async () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      edit(join(dir, "exercises", "shout", "tests.py"), 'assert shout("come here") == "COME HERE!"', 'assert shout("come here") == "COME HERE!"\n\ndef test_broken(:\n    pass');
      writeFileSync(join(dir, "exercises", "add-two", "tests.py"), "from solution import add_two\n\n\ndef check_adds_two():\n    assert add_two(1) == 3\n");
      const problems = (await selectContent(dir)).problems.map((p) => `${relative(dir, p.file ?? "")}:${String(p.line)}: ${p.message}`);
      assert.deepEqual(problems, [
        "exercises/add-two/tests.py:1: defines no test: write functions named test_... (or test_ methods of a class named Test... or of a unittest.TestCase)",
        "exercises/shout/tests.py:11: SyntaxError: invalid syntax",
      ]);
    } finally {
      cleanup();
    }
  });

  void it("should take a track, a folder of exercises, or one exercise", async () => {
    assert.equal((await selectContent(TINY)).exercises.length, 2);
    assert.equal((await selectContent(join(TINY, "exercises"))).exercises.length, 2);
    assert.deepEqual((await selectContent(join(TINY, "exercises", "shout"))).exercises.map((exercise) => exercise.config.id), ["shout"]);
  });

  void it("should refuse a folder that holds no content, as bad input", async () => {
    await assert.rejects(selectContent(join(TINY, "lessons")), (error: unknown) => error instanceof RoadworkError && error.code === "BAD_INPUT");
    await assert.rejects(selectContent(join(TINY, "no-such-folder")), (error: unknown) => error instanceof RoadworkError && error.code === "BAD_INPUT");
  });
});

/** Runs `roadwork content check ARGS` from the TypeScript sources (no build needed). */
function roadworkContentCheck(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = [
    `import { Command } from "commander";`,
    `import { register } from ${JSON.stringify(join(ROOT, "src", "cli", "commands", "content.ts"))};`,
    `const program = new Command().name("roadwork"); register(program);`,
    `await program.parseAsync(["node", "roadwork", "content", "check", ...${JSON.stringify(args)}]);`,
  ].join("\n");
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

void describe("roadwork content check, without grading", () => {
  void it("should exit 2 for a path that is not content", () => {
    const run = roadworkContentCheck(join(TINY, "lessons"));
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /holds no track\.yaml, exercise\.yaml or project\.yaml/);
  });

  void it("should exit 1 and print file:line for a broken file, before any grading", () => {
    const { dir, cleanup } = copyTrack("tiny");
    try {
      // Invalid against the schema, so nothing loads and nothing needs the sandbox.
      edit(join(dir, "track.yaml"), "requires: [basics]", "requires: [Basics]");
      const run = roadworkContentCheck(dir);
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /track\.yaml:13: step 2 \("more"\): requirement 1: use lowercase letters, digits and dashes/);
      assert.match(run.stdout, /0 check\(s\), 0 hold, 0 wrong; 1 problem\(s\) in the files \(/);
    } finally {
      cleanup();
    }
  });
});

void describe("roadwork content check, with the real grader and sandbox", () => {
  let skip: string | undefined;
  before(async () => {
    if (!existsSync(join(ROOT, "src", "grading", "exercise", "index.ts"))) {
      skip = "the exercise grader (src/grading/exercise/index.ts) is not there yet";
      return;
    }
    try {
      const { createSandbox } = (await import(new URL("../../src/grading/sandbox/index.js", import.meta.url).href)) as { createSandbox: () => Promise<Sandbox> };
      await (await createSandbox()).close();
    } catch (error) {
      skip = `no usable sandbox on this machine: ${error instanceof Error ? error.message : String(error)}`;
    }
  });

  void it("should exit 0 when every reference passes and every bad solution fails", (t) => {
    if (skip !== undefined) return t.skip(skip);
    const run = roadworkContentCheck(TINY);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /All good: 6 check\(s\), 6 hold, 0 wrong \(/);
  });

  void it("should exit 1 and name a bad solution that passes", (t) => {
    if (skip !== undefined) return t.skip(skip);
    const run = roadworkContentCheck(LEAKY);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /double: bad\/squares\.py passed but should fail/);
    assert.doesNotMatch(run.stdout, /adds_one/);
    assert.match(run.stdout, /4 check\(s\), 3 hold, 1 wrong/);
  });

  void it("should pass every exercise imported from the Exercism fixtures", async (t) => {
    if (skip !== undefined) return t.skip(skip);
    const { importExercism } = await import("../../src/authoring/import/index.js");
    const into = mkdtempSync(join(tmpdir(), "roadwork-imported-"));
    try {
      const { gradeSubmission } = await import("../../src/grading/exercise/index.js");
      const { createSandbox } = await import("../../src/grading/sandbox/index.js");
      const sandbox = await createSandbox();
      let summary;
      try {
        summary = await importExercism(join(FIXTURES, "exercism", "python"), { into, grade: (exercise, source) => gradeSubmission(exercise, source, { sandbox }) });
        // The tests of ticket-queue look at identity and in-place changes: tamper-proof mode
        // really cannot grade them, which is why the importer chose compatible.
        const { loadExercise } = await import("../../src/content/exercise.js");
        const queue = await loadExercise(join(into, "ticket-queue"));
        const tamperProof = await gradeSubmission({ ...queue, config: { ...queue.config, mode: "tamper-proof" } }, queue.solution, { sandbox });
        assert.equal(tamperProof.status, "fail");
      } finally {
        await sandbox.close();
      }
      // socket-meter's tests pass an object of their own (test_utils.FakeSocket) to the
      // solution: graded in both modes, its verdict differs, so it is compatible too.
      assert.deepEqual(summary.modes, { "tamper-proof": 4, compatible: 2 });
      assert.deepEqual(summary.imported.find((exercise) => exercise.slug === "socket-meter")?.modeDifferences, ["reference: SocketMeterTest.test_counts_sent_bytes fails tamper-proof, passes compatible"]);
      assert.ok(summary.imported.every((exercise) => exercise.verified && exercise.bad.length === 1));
      const run = roadworkContentCheck(into);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /18 check\(s\), 18 hold, 0 wrong/);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });
});
