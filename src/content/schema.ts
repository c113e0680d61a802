/**
 * The track model: what `track.yaml`, `exercise.yaml` and `project.yaml` may say.
 * The loader (./load.ts) parses YAML, validates with these schemas and reports problems
 * with file and line.
 */
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes");

/**
 * The ids an item (or a track) had before: learners' progress stored under them counts under
 * the current id (docs/tracks.md, "Renaming"). Checked across every loaded track by
 * renames.ts (no current id, no id claimed twice, not the item's own id).
 */
export const formerlySchema = z.array(slug).min(1, "list the old ids, or leave formerly out");

/** Per-exercise bounds, in units an educator thinks in. Each maps onto SandboxLimits. */
export const limitsSchema = z
  .object({
    wall_time_ms: z.number().int().positive().max(600_000),
    cpu_time_ms: z.number().int().positive().max(600_000),
    memory_mib: z.number().int().positive().max(4096),
    processes: z.number().int().positive().max(1024),
    file_size_kib: z.number().int().positive(),
    disk_mib: z.number().int().positive().max(4096),
    open_files: z.number().int().positive().max(65536),
    output_kib: z.number().int().positive().max(65536),
  })
  .partial()
  .strict();
export type ExerciseLimits = z.infer<typeof limitsSchema>;

export const exerciseKinds = ["function", "program", "sql", "tests", "git"] as const;
export type ExerciseKind = (typeof exerciseKinds)[number];

/** The six skills of the roadmap; every exercise names the ones it trains. */
export const skills = ["python-fundamentals", "web-technologies", "databases-orms", "version-control", "devops", "analytical-thinking"] as const;
export type Skill = (typeof skills)[number];

/** Hints are shown one at a time, on request, after a first attempt; the first never gives the answer away. */
/** Names a support file may not take: the exercise's own files, and the modules the graders load. */
const RESERVED_FILES = new Set(["exercise.yaml", "README.md", "tests.py", "solution.py", "starter.py", "cases.yaml", "schema.sql", "pytest.py", "unittest.py"]);

const hintsSchema = z.array(z.string().trim().min(1, "a hint may not be empty")).min(1).max(3, "give at most 3 hints");

export const exerciseSchema = z
  .object({
    id: slug,
    /** Ids this exercise had before; see formerlySchema. */
    formerly: formerlySchema.optional(),
    title: z.string().min(1),
    /** The id of the roadmap step (in track.yaml) this exercise belongs to. */
    step: slug.optional(),
    kind: z.enum(exerciseKinds),
    difficulty: z.number().int().min(1).max(5).optional(),
    limits: limitsSchema.optional(),
    /**
     * function exercises only. "tamper-proof" (default): tests in the trusted harness, the
     * solution in its own sandboxed process. "compatible": both in one sandboxed process,
     * for tests that need object identity or in-place mutation; the verdict is marked as
     * not tamper-proof.
     */
    mode: z.enum(["tamper-proof", "compatible"]).default("tamper-proof"),
    /**
     * function exercises in tamper-proof mode only: a call that changes a list, dict, set (or
     * one inside a tuple) it was given fails the test that made it, naming the argument and
     * what it became. Arguments reach the solution as copies, so without this a test cannot
     * see such a change ("the list given is not changed" would pass any solution).
     */
    unchanged_arguments: z.boolean().optional(),
    /**
     * tests exercises only: the module name the code under test (subject.py) is imported as,
     * and so the learner's file name, test_<module>.py. Default "subject".
     */
    module: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, "a Python module name: lowercase letters, digits and underscores")
      .refine((name) => !name.startsWith("test") && name !== "conftest", "the module name may not start with test (pytest would collect it)")
      .optional(),
    /** sql exercises only: compare rows in order, or as a multiset. */
    ordered: z.boolean().default(false),
    /**
     * sql exercises only: the database the queries run on. "sqlite" (default): in-memory SQLite
     * in the sandbox. "postgresql": a database of its own on the grader's PostgreSQL cluster.
     */
    engine: z.enum(["sqlite", "postgresql"]).optional(),
    /**
     * sql exercises on PostgreSQL only: what the learner writes. "query" (default): one query
     * whose rows must match the reference's. "ddl": statements that design the schema
     * (CREATE TABLE, constraints, CREATE INDEX), run after schema.sql and graded by the cases'
     * `accept`, `reject` and `explain` checks.
     */
    checks: z.enum(["query", "ddl"]).optional(),
    /**
     * function exercises only: files beside tests.py that the tests (and the solution) may
     * import or read, such as Exercism's data modules and test helpers. Each grading gets its
     * own copy next to tests.py and next to solution.py; the tests' copy is out of the
     * solution's reach in tamper-proof mode.
     */
    support_files: z
      .array(
        z
          .string()
          .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a file name beside tests.py (letters, digits, _ . -; no folders)")
          .refine((name) => !RESERVED_FILES.has(name), "this name is one of the exercise's own files"),
      )
      .min(1)
      .max(20)
      .optional(),
    /** Where this exercise came from, for imported exercises (for example "exercism/python"). */
    source: z.string().optional(),
    /** The roadmap skills this exercise trains. */
    skills: z.array(z.enum(skills)).min(1).optional(),
    /** 1 to 3 hints (Markdown), revealed one by one after a first attempt. */
    hints: hintsSchema.optional(),
  })
  .strict();
export type ExerciseConfig = z.infer<typeof exerciseSchema>;

/** program exercises: cases.yaml is a list of these. */
export const programCaseSchema = z
  .object({
    name: z.string().min(1),
    stdin: z.string().default(""),
    args: z.array(z.string()).default([]),
    stdout: z.string(),
    exit_code: z.number().int().default(0),
    /** Text standard error must contain (each of them, when a list). */
    stderr_contains: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** A regular expression (JavaScript syntax) standard error must match somewhere. */
    stderr_matches: z
      .string()
      .min(1)
      .refine((pattern) => compiles(pattern), "not a valid regular expression")
      .optional(),
    /** Files created next to solution.py (in the program's working folder) before it runs: name -> text. */
    files: z.record(z.string().regex(/^(?!\.\.?$)[A-Za-z0-9_.-]+$/, "a plain file name (letters, digits, dots, dashes, underscores; no folders)").refine((name) => name !== "solution.py", "solution.py is the learner's file"), z.string()).optional(),
  })
  .strict();
export const programCasesSchema = z.array(programCaseSchema).min(1);
export type ProgramCase = z.infer<typeof programCaseSchema>;

/** sql exercises: cases.yaml (optional) is a list of data sets; the query must give the reference's rows on each. */
export const sqlCaseSchema = z
  .object({
    name: z.string().min(1),
    /** SQL run after schema.sql, before the query: the rows this case is about. */
    data: z.string().default(""),
    /** Overrides the exercise's `ordered` for this case. */
    ordered: z.boolean().optional(),
    /** `checks: ddl`: SQL that must succeed on the learner's schema (a good row). */
    accept: z.string().min(1).optional(),
    /** `checks: ddl`: SQL that the learner's constraints must refuse (an integrity constraint violation, SQLSTATE 23...). */
    reject: z.string().min(1).optional(),
    /** `checks: ddl`: a query whose plan (EXPLAIN) must use an index. */
    explain: z.string().min(1).optional(),
  })
  .strict();
export const sqlCasesSchema = z.array(sqlCaseSchema).min(1);
export type SqlCase = z.infer<typeof sqlCaseSchema>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

export const stepSchema = z
  .object({
    id: slug,
    title: z.string().min(1),
    /** A Markdown lesson, relative to the track folder. */
    lesson: z.string().optional(),
    summary: z.string().optional(),
    requires: z.array(slug).default([]),
    /** Exercise and project slugs of this step, in the order a learner meets them. */
    exercises: z.array(slug).default([]),
    projects: z.array(slug).default([]),
  })
  .strict();
export type StepConfig = z.infer<typeof stepSchema>;

export const trackSchema = z
  .object({
    id: slug,
    /** Ids this track had before (cohorts name their track by id); see formerlySchema. */
    formerly: formerlySchema.optional(),
    title: z.string().min(1),
    description: z.string().optional(),
    steps: z.array(stepSchema).min(1),
  })
  .strict();
export type TrackConfig = z.infer<typeof trackSchema>;
