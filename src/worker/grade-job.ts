/**
 * The one boundary between a grading job and whoever asked for it (the queue's workers, the
 * server's start-up check, the CLI): gradeJob finds the exercise or project, unpacks a
 * stored archive into a private folder, grades, and returns a JobOutcome. It never throws:
 * a verdict is the learner's, a failure is the machine's or the content's, with whether to
 * try again (./outcome.ts). Callers act on the outcome; none of them looks at an error again.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Exercise } from "../content/exercise.js";
import type { Project } from "../content/project.js";
import { isRoadworkError } from "../errors.js";
import { errorReport } from "../grading/report-values.js";
import type { ArchiveLimits } from "../archive/read.js";
import type { GradingBackend } from "./backend.js";
import { failure, verdict, type JobOutcome } from "./outcome.js";
import type { ResultSink } from "./sink.js";

export interface GradeJob {
  /** The stored submission, when the job comes from the queue (for logs). */
  submissionId?: string;
  itemKind: "exercise" | "project";
  itemId: string;
  /** Exercise source (exercises; null for a git exercise, whose bundle is the archive). */
  source: string | null;
  /** The uploaded project archive as stored (projects), unpacked here where it is graded; a git exercise's bundle. */
  archive?: Uint8Array | null;
  /** A folder holding the unpacked project: the CLI's app folder, or submissions stored before archives were. */
  archivePath: string | null;
}

/** Where gradeJob finds items by id: the server's Catalog, or the one folder the CLI was given. */
export interface ItemLookup {
  exercise(id: string): { exercise: Exercise } | undefined;
  project(id: string): { project: Project } | undefined;
}

export interface JobGraderOptions {
  items: ItemLookup;
  backend: GradingBackend;
  archiveLimits?: ArchiveLimits;
}

/** The defaults of config.limits; the CLI passes the configured ones. */
const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxFiles: 2000, maxUnpackedBytes: 50 * 1024 * 1024 };

export interface JobGrader {
  /** Never throws. `signal` aborts when the outcome will be discarded (lease lost, stopping). */
  gradeJob(job: GradeJob, sink: ResultSink, signal?: AbortSignal): Promise<JobOutcome>;
  /** Releases warm processes and sandbox resources. */
  close(): Promise<void>;
}

export function createJobGrader(options: JobGraderOptions): JobGrader {
  const { items, backend } = options;
  const archiveLimits = options.archiveLimits ?? DEFAULT_ARCHIVE_LIMITS;
  const never = new AbortController().signal;
  return {
    async gradeJob(job, sink, signal = never) {
      try {
        if (job.itemKind === "exercise") {
          const entry = items.exercise(job.itemId);
          if (entry === undefined) return verdict(errorReport(`The exercise "${job.itemId}" is not part of the tracks this grader has loaded.`));
          // A git exercise's submission is its bundle, stored as the archive.
          const submission = entry.exercise.kind === "git" ? (job.archive ? Buffer.from(job.archive.buffer, job.archive.byteOffset, job.archive.byteLength) : null) : job.source;
          if (submission === null) return verdict(errorReport(entry.exercise.kind === "git" ? "This submission holds no repository." : "This submission holds no source code."));
          return verdict(await backend.gradeExercise(entry.exercise, submission, { signal, sink }));
        }
        const entry = items.project(job.itemId);
        if (entry === undefined) return verdict(errorReport(`The project "${job.itemId}" is not part of the tracks this grader has loaded.`));
        if (job.archive !== undefined && job.archive !== null) return await gradeArchive(backend, entry.project, job.archive, archiveLimits, sink);
        if (job.archivePath !== null) return verdict(await backend.testProject(entry.project, job.archivePath, { sink }));
        return verdict(errorReport("This submission holds no uploaded project."));
      } catch (error) {
        return failure(error);
      }
    },
    close: () => backend.close(),
  };
}

/** Unpacks the stored archive with the same checks and limits as at upload, grades it, and removes the folder in any case. */
async function gradeArchive(backend: GradingBackend, project: Project, archive: Uint8Array, limits: ArchiveLimits, sink: ResultSink): Promise<JobOutcome> {
  const { unpackArchive } = await import("../archive/unpack.js");
  // mkdtemp makes the folder 0700: private to the grading process.
  const folder = await mkdtemp(join(tmpdir(), "roadwork-submission-"));
  try {
    const appDir = join(folder, "app");
    try {
      await unpackArchive(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength), appDir, limits);
    } catch (error) {
      // Checked at upload, so this means stricter limits here or a damaged row: the upload's
      // verdict, not a retry. Anything else (a full disk) is this machine's, and is retried.
      if (isRoadworkError(error) && (error.code === "BAD_INPUT" || error.code === "PAYLOAD_TOO_LARGE")) {
        return verdict(errorReport(`The uploaded project could not be unpacked for grading: ${error.message}. Please upload it again.`));
      }
      throw error;
    }
    return verdict(await backend.testProject(project, appDir, { sink }));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
