/**
 * The GradeReport: what every grading (exercise or project) returns, printed by `--json`.
 * A superset of Exercism's results.json version 3 (version, status, message, tests[] with
 * name, status, message, output, test_code, task_id), plus fields of our own.
 */
import { z } from "zod";

export const LIMIT_NAMES = [
  "wall-time",
  "cpu-time",
  "memory",
  "processes",
  "file-size",
  "disk",
  "open-files",
  "output",
  "boot-time",
  "message-size",
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** A limit that a run reached, with a sentence for the learner ("memory limit 256 MiB reached"). */
export const limitHitSchema = z.object({
  limit: z.enum(LIMIT_NAMES),
  message: z.string(),
});
export type LimitHit = z.infer<typeof limitHitSchema>;

/**
 * ours: a short plain-language explanation of a failure for beginners, shown under the raw
 * message (never instead of it), pointing at the learner's line when the traceback names one.
 */
export const explanationSchema = z.object({
  title: z.string(),
  text: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  code: z.string().optional(),
});
export type Explanation = z.infer<typeof explanationSchema>;

/** The verdict of a whole grading. */
export const testStatusSchema = z.enum(["pass", "fail", "error"]);
export type TestStatus = z.infer<typeof testStatusSchema>;

/**
 * One test's outcome. "skip" (ours; pytest's "skipped"): the test itself chose not to run
 * (`@unittest.skip`, `pytest.skip()`, `raise unittest.SkipTest`), as Exercism's extra-credit
 * tests do. It says nothing about the solution: it neither passes nor fails the grading.
 */
export const testResultStatusSchema = z.enum(["pass", "fail", "error", "skip"]);
export type TestResultStatus = z.infer<typeof testResultStatusSchema>;

export const testResultSchema = z.object({
  name: z.string(),
  status: testResultStatusSchema,
  message: z.string().optional(),
  output: z.string().optional(),
  test_code: z.string().optional(),
  task_id: z.number().int().optional(),
  /** ours: wall time of this test in milliseconds */
  duration_ms: z.number().optional(),
  /** ours: for project stages, the stage number this test belongs to */
  stage: z.number().int().optional(),
  /** ours: what the failure means in plain words, when it is a common error or a limit */
  explanation: explanationSchema.optional(),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const gradeReportSchema = z.object({
  version: z.literal(3),
  status: testStatusSchema,
  message: z.string().optional(),
  tests: z.array(testResultSchema),
  /** ours: total wall time in milliseconds */
  duration_ms: z.number().optional(),
  /** ours: every limit that was hit, by name */
  limits_hit: z.array(limitHitSchema).optional(),
  /**
   * ours: false when the exercise ran in compatible mode (tests and solution in one
   * sandboxed process), so the verdict could in principle be forged by the submission.
   */
  tamper_proof: z.boolean().optional(),
  /** ours: for projects, the last stage run and the first stage that failed */
  stage: z.number().int().optional(),
  failed_stage: z.number().int().optional(),
});
export type GradeReport = z.infer<typeof gradeReportSchema>;

export { exitCodeFor, errorReport } from "./report-values.js";
