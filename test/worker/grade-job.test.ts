/**
 * gradeJob and project archives: the stored bytes are unpacked on the grading machine
 * into a private temporary folder, with the upload's checks, and the folder is removed
 * whatever happens. The backend here is a fake that looks at the folder it is given.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { zipSync } from "fflate";
import type { GradingBackend } from "../../src/worker/backend.js";
import { createJobGrader, type GradeJob, type ItemLookup, type JobGrader } from "../../src/worker/grade-job.js";
import type { Exercise } from "../../src/content/exercise.js";
import type { JobOutcome } from "../../src/worker/outcome.js";
import { discardResults } from "../../src/worker/sink.js";
import { Catalog } from "../../src/server/catalog.js";
import type { GradeReport } from "../../src/grading/report.js";
import { RoadworkError } from "../../src/errors.js";
import { testTracks, tarGz } from "../server/helpers.js";

interface Seen {
  appDir: string;
  files: string[];
  folderMode: number;
}

function fakeBackend(onProject: (seen: Seen) => GradeReport | Promise<GradeReport>): { backend: GradingBackend; seen: Seen[] } {
  const seen: Seen[] = [];
  const backend: GradingBackend = {
    gradeExercise: () => Promise.reject(new Error("no exercises here")),
    testProject: async (_project, appDir) => {
      const entry = { appDir, files: readdirSync(appDir).sort(), folderMode: statSync(dirname(appDir)).mode & 0o777 };
      seen.push(entry);
      return onProject(entry);
    },
    close: () => Promise.resolve(),
  };
  return { backend, seen };
}

function projectJob(archive: Uint8Array | null, archivePath: string | null = null): GradeJob {
  return { itemKind: "project", itemId: "tiny-api", source: null, archive, archivePath };
}

/** The report of a verdict; a failure fails the test. */
function reportOf(outcome: JobOutcome): GradeReport {
  assert.equal(outcome.kind, "verdict", outcome.kind === "failure" ? outcome.failure.message : "");
  return (outcome as Extract<JobOutcome, { kind: "verdict" }>).report;
}
const zip = zipSync({ "my-app/app.py": new TextEncoder().encode("print(1)\n"), "my-app/requirements.txt": new TextEncoder().encode("flask\n") });

void describe("grading a stored project archive", () => {
  const tracksDir = mkdtempSync(join(tmpdir(), "roadwork-track-grader-"));
  const catalog = new Catalog(testTracks(tracksDir));
  const pass: GradeReport = { version: 3, status: "pass", tests: [{ name: "stage 1", status: "pass" }] };

  void it("should unpack the bytes into a private folder, grade there and remove the folder afterwards", async () => {
    const { backend, seen } = fakeBackend(() => pass);
    const report = reportOf(await createJobGrader({ items: catalog, backend }).gradeJob(projectJob(zip), discardResults));
    assert.equal(report.status, "pass");
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]?.files, ["app.py", "requirements.txt"]);
    assert.equal(seen[0]?.folderMode, 0o700);
    assert.ok(seen[0]?.appDir.startsWith(tmpdir()));
    assert.equal(existsSync(dirname(seen[0].appDir)), false);
  });

  void it("should remove the folder also when grading breaks down, and return a failure to retry, never throw", async () => {
    const { backend, seen } = fakeBackend(() => {
      throw new Error("sandbox broke");
    });
    const outcome = await createJobGrader({ items: catalog, backend }).gradeJob(projectJob(zip), discardResults);
    assert.equal(outcome.kind, "failure");
    assert.equal(outcome.kind === "failure" && outcome.failure.retry, true);
    assert.equal(outcome.kind === "failure" && outcome.failure.code, "INFRASTRUCTURE");
    assert.match(outcome.kind === "failure" ? outcome.failure.message : "", /sandbox broke/);
    assert.equal(seen.length, 1);
    assert.equal(existsSync(dirname(seen[0]!.appDir)), false);
  });

  void it("should apply the archive checks and limits again: an archive past this worker's limits is an error verdict, graded nowhere", async () => {
    const { backend, seen } = fakeBackend(() => pass);
    const grader: JobGrader = createJobGrader({ items: catalog, backend, archiveLimits: { maxFiles: 1, maxUnpackedBytes: 1024 } });
    const tooMany = reportOf(await grader.gradeJob(projectJob(zip), discardResults));
    assert.equal(tooMany.status, "error");
    assert.match(tooMany.message ?? "", /more than 1 files/);
    const evil = reportOf(await grader.gradeJob(projectJob(tarGz([{ name: "app/../../x", data: "x" }])), discardResults));
    assert.equal(evil.status, "error");
    assert.match(evil.message ?? "", /\.\./);
    assert.equal(seen.length, 0);
  });

  void it("should still grade a submission stored before archives went into the database from its folder", async () => {
    const legacy = mkdtempSync(join(tmpdir(), "roadwork-legacy-upload-"));
    try {
      writeFileSync(join(legacy, "app.py"), "print(1)\n");
      const { backend, seen } = fakeBackend(() => pass);
      const report = reportOf(await createJobGrader({ items: catalog, backend }).gradeJob(projectJob(null, legacy), discardResults));
      assert.equal(report.status, "pass");
      assert.equal(seen[0]?.appDir, legacy);
      assert.equal(existsSync(join(legacy, "app.py")), true, "a legacy folder is the submission's record and stays");
      const none = reportOf(await createJobGrader({ items: catalog, backend }).gradeJob(projectJob(null, null), discardResults));
      assert.equal(none.status, "error");
    } finally {
      rmSync(legacy, { recursive: true, force: true });
      rmSync(tracksDir, { recursive: true, force: true });
    }
  });
});

void describe("gradeJob decides verdict or failure, once, for every caller", () => {
  const tracksDir = mkdtempSync(join(tmpdir(), "roadwork-grade-job-"));
  const catalog = new Catalog(testTracks(tracksDir));
  const exerciseJob: GradeJob = { itemKind: "exercise", itemId: "greet-user", source: "return 1", archivePath: null };
  const backendThrowing = (error: unknown): GradingBackend => ({
    gradeExercise: () => Promise.reject(error),
    testProject: () => Promise.reject(error),
    close: () => Promise.resolve(),
  });
  const outcomeOf = (error: unknown): Promise<JobOutcome> => createJobGrader({ items: catalog, backend: backendThrowing(error) }).gradeJob(exerciseJob, discardResults);

  void it("should make a machine fault a failure to retry, keeping its code", async () => {
    for (const [error, code] of [
      [new RoadworkError("SANDBOX_UNAVAILABLE", "bubblewrap is gone"), "SANDBOX_UNAVAILABLE"],
      [new RoadworkError("INFRASTRUCTURE", "cannot write memory.limit_in_bytes"), "INFRASTRUCTURE"],
      [new Error("ECONNREFUSED 127.0.0.1:5432"), "INFRASTRUCTURE"],
    ] as const) {
      const outcome = await outcomeOf(error);
      assert.deepEqual(outcome.kind === "failure" ? [outcome.failure.code, outcome.failure.retry] : outcome, [code, true]);
    }
  });

  void it("should make a broken track a failure that no retry mends", async () => {
    const outcome = await outcomeOf(new RoadworkError("CONTENT_INVALID", "tests.py does not parse", { file: "tests.py", line: 3 }));
    assert.deepEqual(outcome.kind === "failure" ? [outcome.failure.code, outcome.failure.retry, outcome.failure.message] : outcome, ["CONTENT_INVALID", false, "tests.py:3: tests.py does not parse"]);
  });

  void it("should make an unknown item or a missing source the submission's error verdict", async () => {
    const grader = createJobGrader({ items: catalog, backend: backendThrowing(new Error("never called")) });
    assert.match(reportOf(await grader.gradeJob({ ...exerciseJob, itemId: "no-such" }, discardResults)).message ?? "", /not part of the tracks/);
    assert.match(reportOf(await grader.gradeJob({ ...exerciseJob, source: null }, discardResults)).message ?? "", /no source code/);
    rmSync(tracksDir, { recursive: true, force: true });
  });
});

void describe("a git exercise's submission", () => {
  // gradeJob reads only the exercise's kind; the rest of a git exercise does not matter here.
  const gitExercise = { kind: "git", config: { id: "git-first-commit" } } as unknown as Exercise;
  const items: ItemLookup = { exercise: (id) => (id === "git-first-commit" ? { exercise: gitExercise } : undefined), project: () => undefined };
  const bundle = new TextEncoder().encode("# v2 git bundle\nsome bytes");

  void it("should be the stored bundle (the archive), handed to grading as bytes", async () => {
    const given: Array<string | Buffer> = [];
    const backend: GradingBackend = {
      gradeExercise: (_exercise, source) => {
        given.push(source);
        return Promise.resolve({ version: 3, status: "pass", tests: [] });
      },
      testProject: () => Promise.reject(new Error("no projects here")),
      close: () => Promise.resolve(),
    };
    const outcome = await createJobGrader({ items, backend }).gradeJob({ itemKind: "exercise", itemId: "git-first-commit", source: null, archive: bundle, archivePath: null }, discardResults);
    assert.equal(reportOf(outcome).status, "pass");
    assert.equal(given.length, 1);
    assert.ok(Buffer.isBuffer(given[0]));
    assert.deepEqual(new Uint8Array(given[0] as Buffer), bundle);
  });

  void it("should be the submission's error verdict when no bundle was stored, graded nowhere", async () => {
    const backend: GradingBackend = {
      gradeExercise: () => Promise.reject(new Error("never called")),
      testProject: () => Promise.reject(new Error("never called")),
      close: () => Promise.resolve(),
    };
    const outcome = await createJobGrader({ items, backend }).gradeJob({ itemKind: "exercise", itemId: "git-first-commit", source: "print(1)", archive: null, archivePath: null }, discardResults);
    assert.match(reportOf(outcome).message ?? "", /holds no repository/);
  });
});
