/**
 * The Grader the workers use: finds the exercise or project of a job in the loaded tracks
 * and hands it to grading (the exercise grader, warm when possible, or the project
 * runner), forwarding test results as they become known for live results. A project's
 * archive comes from the database and is unpacked here, on the machine that grades, into a
 * private temporary folder that is removed afterwards, so workers share nothing but the
 * database with the server.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRoadworkError } from "../errors.js";
import { sandboxOptions, type GradingConfig } from "../grading-config.js";
import type { Log } from "../log.js";
import type { Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import { errorReport, type GradeReport, type TestResult } from "../grading/report.js";
import type { GradeContext, GradeJob, Grader } from "../queue/grader.js";
import type { GradableItems } from "./track-index.js";
import { unpackArchive, type ArchiveLimits } from "./archive.js";

/** The defaults of config.limits; the CLI passes the configured ones. */
const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxFiles: 2000, maxUnpackedBytes: 50 * 1024 * 1024 };

/** What grading offers; the real one is built on the sandbox (createSandboxBackend), tests may fake it. */
export interface GradingBackend {
  gradeExercise(exercise: Exercise, source: string | Buffer, opts: { signal: AbortSignal; onTest: (test: TestResult) => void }): Promise<GradeReport>;
  testProject(project: Project, appDir: string, opts: { onStageTests: (tests: readonly TestResult[]) => void }): Promise<GradeReport>;
  close(): Promise<void>;
}

export class TrackGrader implements Grader {
  constructor(
    private readonly catalog: GradableItems,
    private readonly backend: GradingBackend,
    private readonly options: { archiveLimits?: ArchiveLimits } = {},
  ) {}

  async grade(job: GradeJob, context: GradeContext): Promise<GradeReport> {
    const known: TestResult[] = [];
    if (job.itemKind === "exercise") {
      const entry = this.catalog.exercise(job.itemId);
      if (entry === undefined) return errorReport(`The exercise "${job.itemId}" is not part of the tracks this grader has loaded.`);
      // A git exercise's submission is its bundle, stored as the archive.
      const submission = entry.exercise.kind === "git" ? (job.archive ? Buffer.from(job.archive.buffer, job.archive.byteOffset, job.archive.byteLength) : null) : job.source;
      if (submission === null) return errorReport(entry.exercise.kind === "git" ? "This submission holds no repository." : "This submission holds no source code.");
      return this.backend.gradeExercise(entry.exercise, submission, {
        signal: context.signal,
        onTest: (test) => {
          known.push(test);
          context.onTests(known);
        },
      });
    }
    const entry = this.catalog.project(job.itemId);
    if (entry === undefined) return errorReport(`The project "${job.itemId}" is not part of the tracks this grader has loaded.`);
    const onStageTests = (tests: readonly TestResult[]): void => {
      known.push(...tests);
      context.onTests(known);
    };
    if (job.archive !== undefined && job.archive !== null) return this.gradeArchive(entry.project, job.archive, onStageTests);
    // Submissions stored before archives went into the database: the folder the server unpacked.
    if (job.archivePath !== null) return this.backend.testProject(entry.project, job.archivePath, { onStageTests });
    return errorReport("This submission holds no uploaded project.");
  }

  /** Unpacks the stored archive with the same checks and limits as at upload, grades it, and removes the folder in any case. */
  private async gradeArchive(project: Project, archive: Uint8Array, onStageTests: (tests: readonly TestResult[]) => void): Promise<GradeReport> {
    // mkdtemp makes the folder 0700: private to the grading process.
    const folder = await mkdtemp(join(tmpdir(), "roadwork-submission-"));
    try {
      const appDir = join(folder, "app");
      try {
        await unpackArchive(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength), appDir, this.options.archiveLimits ?? DEFAULT_ARCHIVE_LIMITS);
      } catch (error) {
        // Checked at upload, so this means stricter limits here or a damaged row: a verdict, not a retry.
        // Anything else (a full disk) is this machine's trouble, and the queue retries it.
        if (isRoadworkError(error) && (error.code === "BAD_INPUT" || error.code === "PAYLOAD_TOO_LARGE")) {
          return errorReport(`The uploaded project could not be unpacked for grading: ${error.message}. Please upload it again.`);
        }
        throw error;
      }
      return await this.backend.testProject(project, appDir, { onStageTests });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

/**
 * The real backend: one sandbox for the process, and `warm` function-exercise process pairs
 * started ahead of time so that a submission does not wait for Python to start.
 */
export async function createSandboxBackend(options: { warm: number; grading: GradingConfig; log?: Log }): Promise<GradingBackend> {
  const [{ createSandbox }, exercises, { createWarmGrader }, projects] = await Promise.all([import("../grading/sandbox/index.js"), import("../grading/exercise/index.js"), import("../grading/exercise/warm.js"), import("../grading/project/index.js")]);
  const sandbox = await createSandbox({ ...sandboxOptions(options.grading), ...(options.log === undefined ? {} : { log: options.log.child({ component: "sandbox" }) }) });
  const warm = options.warm > 0 ? createWarmGrader({ sandbox, size: options.warm }) : undefined;
  return {
    gradeExercise: (exercise, source, opts) => (warm && typeof source === "string" ? warm.grade(exercise, source, { ...opts, postgresDir: options.grading.postgresDir }) : exercises.gradeSubmission(exercise, source, { sandbox, ...opts, postgresDir: options.grading.postgresDir })),
    testProject: (project, appDir, opts) =>
      projects.testProject({
        sandbox,
        postgresDir: options.grading.postgresDir,
        project,
        appDir,
        onProgress: (event) => {
          if (event.kind === "stage-end") opts.onStageTests(event.tests);
        },
      }),
    async close() {
      await warm?.close();
      await sandbox.close();
    },
  };
}
