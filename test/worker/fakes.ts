/**
 * Fake graders for tests that drive the queue and the server without a sandbox: a function
 * from job to report, behind the real boundary's contract (a throw becomes a failure,
 * decided by src/worker/outcome.ts like any other).
 */
import type { GradeReport } from "../../src/grading/report.js";
import type { GradeJob, JobGrader } from "../../src/worker/grade-job.js";
import { failure, verdict } from "../../src/worker/outcome.js";
import type { ResultSink } from "../../src/worker/sink.js";

export function fakeJobGrader(grade: (job: GradeJob, sink: ResultSink, signal?: AbortSignal) => GradeReport | Promise<GradeReport>): JobGrader {
  return {
    async gradeJob(job, sink, signal) {
      try {
        return verdict(await grade(job, sink, signal));
      } catch (error) {
        return failure(error);
      }
    },
    close: () => Promise.resolve(),
  };
}
