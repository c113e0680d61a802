/**
 * TrackGrader and project archives: the stored bytes are unpacked on the grading machine
 * into a private temporary folder, with the upload's checks, and the folder is removed
 * whatever happens. The backend here is a fake that looks at the folder it is given.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";
import { zipSync } from "fflate";
import { TrackGrader, type GradingBackend } from "../../src/server/grader.js";
import { Catalog } from "../../src/server/catalog.js";
import type { GradeJob } from "../../src/queue/grader.js";
import type { GradeReport } from "../../src/grading/report.js";
import { testTracks, tarGz } from "./helpers.js";

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
  return { submissionId: "s1", userId: "u1", itemKind: "project", itemId: "tiny-api", source: null, archive, archivePath, attempt: 1 };
}

const context = { signal: new AbortController().signal, onTests: () => undefined };
const zip = zipSync({ "my-app/app.py": new TextEncoder().encode("print(1)\n"), "my-app/requirements.txt": new TextEncoder().encode("flask\n") });

void describe("grading a stored project archive", () => {
  const tracksDir = mkdtempSync(join(tmpdir(), "roadwork-track-grader-"));
  const catalog = new Catalog(testTracks(tracksDir));
  const pass: GradeReport = { version: 3, status: "pass", tests: [{ name: "stage 1", status: "pass" }] };

  void it("should unpack the bytes into a private folder, grade there and remove the folder afterwards", async () => {
    const { backend, seen } = fakeBackend(() => pass);
    const report = await new TrackGrader(catalog, backend).grade(projectJob(zip), context);
    assert.equal(report.status, "pass");
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]?.files, ["app.py", "requirements.txt"]);
    assert.equal(seen[0]?.folderMode, 0o700);
    assert.ok(seen[0]?.appDir.startsWith(tmpdir()));
    assert.equal(existsSync(dirname(seen[0].appDir)), false);
  });

  void it("should remove the folder also when grading breaks down, and let the error through for a retry", async () => {
    const { backend, seen } = fakeBackend(() => {
      throw new Error("sandbox broke");
    });
    await assert.rejects(new TrackGrader(catalog, backend).grade(projectJob(zip), context), /sandbox broke/);
    assert.equal(seen.length, 1);
    assert.equal(existsSync(dirname(seen[0]!.appDir)), false);
  });

  void it("should apply the archive checks and limits again: an archive past this worker's limits is an error verdict, graded nowhere", async () => {
    const { backend, seen } = fakeBackend(() => pass);
    const grader = new TrackGrader(catalog, backend, { archiveLimits: { maxFiles: 1, maxUnpackedBytes: 1024 } });
    const tooMany = await grader.grade(projectJob(zip), context);
    assert.equal(tooMany.status, "error");
    assert.match(tooMany.message ?? "", /more than 1 files/);
    const evil = await grader.grade(projectJob(tarGz([{ name: "app/../../x", data: "x" }])), context);
    assert.equal(evil.status, "error");
    assert.match(evil.message ?? "", /\.\./);
    assert.equal(seen.length, 0);
  });

  void it("should still grade a submission stored before archives went into the database from its folder", async () => {
    const legacy = mkdtempSync(join(tmpdir(), "roadwork-legacy-upload-"));
    try {
      writeFileSync(join(legacy, "app.py"), "print(1)\n");
      const { backend, seen } = fakeBackend(() => pass);
      const report = await new TrackGrader(catalog, backend).grade(projectJob(null, legacy), context);
      assert.equal(report.status, "pass");
      assert.equal(seen[0]?.appDir, legacy);
      assert.equal(existsSync(join(legacy, "app.py")), true, "a legacy folder is the submission's record and stays");
      const none = await new TrackGrader(catalog, backend).grade(projectJob(null, null), context);
      assert.equal(none.status, "error");
    } finally {
      rmSync(legacy, { recursive: true, force: true });
      rmSync(tracksDir, { recursive: true, force: true });
    }
  });
});
