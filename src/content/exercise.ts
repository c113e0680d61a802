/**
 * Loads one exercise folder (format in docs/tracks.md, "Exercises"): exercise.yaml, README.md, starter,
 * reference solution, tests (tests.py, cases.yaml or schema.sql by kind) and bad/.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { RoadworkError } from "../errors.js";
import { contentExtension } from "./extension.js";
import { exerciseSchema, programCasesSchema, sqlCasesSchema, type ExerciseConfig, type ProgramCase, type SqlCase } from "./schema.js";
import { readSupportFiles } from "./support-files.js";
import { readTestsParts, testFileName, type TestsParts } from "./tests-parts.js";
import { lineInFile, readYamlFile } from "./yaml-file.js";

export { contentExtension };

export interface BadSolution {
  /** File name inside bad/, e.g. "off-by-one.py". */
  name: string;
  source: string;
}

interface ExerciseBase {
  dir: string;
  config: ExerciseConfig;
  readme: string;
  starter: string;
  /** The reference solution. */
  solution: string;
  bad: BadSolution[];
}

export interface FunctionExercise extends ExerciseBase {
  kind: "function";
  /** tests.py: trusted test code that imports the learner's module `solution`. */
  tests: string;
  /** support_files of exercise.yaml, name -> text: beside tests.py and solution.py in every grading. */
  support?: Readonly<Record<string, string>>;
}

export interface ProgramExercise extends ExerciseBase {
  kind: "program";
  cases: ProgramCase[];
}

export interface SqlExercise extends ExerciseBase {
  kind: "sql";
  /** schema.sql: tables and seed data the queries run against. */
  schema: string;
  /**
   * cases.yaml: data sets added to schema.sql, one test each. Without cases.yaml there is one
   * test, on schema.sql's own rows.
   */
  cases: SqlCase[];
}

/**
 * The learner writes the tests: starter.py, solution.py and bad/*.py are test files, run with
 * pytest against subject.py (must pass) and each of mutants/*.py (must fail).
 */
export interface TestsExercise extends ExerciseBase, TestsParts {
  kind: "tests";
}

/**
 * The learner's work is a git repository. starter, solution and bad/* are git fast-import
 * streams (text: `git fast-export --all` of a repository made by hand); tests.py reads the
 * repository through the `repo` helper (python/harness/repo.py).
 */
export interface GitExercise extends ExerciseBase {
  kind: "git";
  tests: string;
}

export type Exercise = FunctionExercise | ProgramExercise | SqlExercise | TestsExercise | GitExercise;


/** The file name a learner's solution has for this kind (a tests exercise: test_<module>.py). */
export function solutionFileName(kind: ExerciseConfig["kind"], module?: string): string {
  if (kind === "tests") return testFileName(module);
  return `solution${contentExtension(kind)}`;
}

export async function loadExercise(dir: string): Promise<Exercise> {
  const config = await readYamlFile(join(dir, "exercise.yaml"), exerciseSchema);
  if (config.id !== basename(dir)) {
    throw new RoadworkError("CONTENT_INVALID", `id "${config.id}" must match the folder name "${basename(dir)}"`, { file: join(dir, "exercise.yaml"), line: 1 });
  }
  const ext = contentExtension(config.kind);
  const [readme, starter, solution, bad] = await Promise.all([
    readText(join(dir, "README.md")),
    readText(join(dir, `starter${ext}`)),
    readText(join(dir, `solution${ext}`)),
    readBad(join(dir, "bad"), ext),
  ]);
  refuseHintsInReadme(readme, join(dir, "README.md"));
  if (config.unchanged_arguments !== undefined && (config.kind !== "function" || config.mode === "compatible")) {
    const file = join(dir, "exercise.yaml");
    const why = config.kind !== "function" ? "it is for function exercises" : "it is for tamper-proof mode: in compatible mode the tests see a change to an argument themselves";
    throw new RoadworkError("CONTENT_INVALID", `unchanged_arguments: ${why}`, { file, line: lineInFile(file, ["unchanged_arguments"]) });
  }
  const base = { dir, config, readme, starter, solution, bad };
  switch (config.kind) {
    case "function": {
      const tests = await readText(join(dir, "tests.py"));
      // The tests reach the learner's code only through the module `solution`; tests that
      // never import it would pass every submission.
      if (!/^\s*(from\s+solution\s+import\b|import\s+solution\b)/m.test(tests)) {
        throw new RoadworkError("CONTENT_INVALID", "tests.py never imports the learner's code: add `from solution import ...`", { file: join(dir, "tests.py"), line: 1 });
      }
      return { ...base, kind: "function", tests, support: readSupportFiles(dir, config.support_files) };
    }
    case "program":
      return { ...base, kind: "program", cases: await readYamlFile(join(dir, "cases.yaml"), programCasesSchema) };
    case "sql": {
      const casesFile = join(dir, "cases.yaml");
      const cases = existsSync(casesFile) ? await readYamlFile(casesFile, sqlCasesSchema) : [{ name: SQL_DEFAULT_CASE, data: "" }];
      checkDdlCases(config, cases, casesFile);
      return { ...base, kind: "sql", schema: await readText(join(dir, "schema.sql")), cases };
    }
    case "tests":
      return { ...base, kind: "tests", ...readTestsParts(dir, config.module) };
    case "git": {
      const tests = await readText(join(dir, "tests.py"));
      if (!/^\s*(from\s+repo\s+import\b|import\s+repo\b)/m.test(tests)) {
        throw new RoadworkError("CONTENT_INVALID", "tests.py never reads the learner's repository: add `import repo`", { file: join(dir, "tests.py"), line: 1 });
      }
      return { ...base, kind: "git", tests };
    }
  }
}

/** `checks: ddl` needs PostgreSQL and exactly one check per case; the other cases take none. */
function checkDdlCases(config: ExerciseConfig, cases: readonly SqlCase[], file: string): void {
  const ddl = config.checks === "ddl";
  if (ddl && config.engine !== "postgresql") throw new RoadworkError("CONTENT_INVALID", "checks: ddl needs engine: postgresql", { file: file.replace(/cases\.yaml$/, "exercise.yaml"), line: 1 });
  for (const testCase of cases) {
    const count = [testCase.accept, testCase.reject, testCase.explain].filter((x) => x !== undefined).length;
    if (ddl && count !== 1) throw new RoadworkError("CONTENT_INVALID", `case "${testCase.name}": with checks: ddl, give exactly one of accept, reject and explain`, { file });
    if (!ddl && count > 0) throw new RoadworkError("CONTENT_INVALID", `case "${testCase.name}": accept, reject and explain need checks: ddl in exercise.yaml`, { file });
  }
}

/** The one test of an sql exercise without cases.yaml. */
export const SQL_DEFAULT_CASE = "the query returns the expected rows";

/**
 * Hints belong in exercise.yaml (`hints:`), where the page reveals them one at a time after a
 * first attempt; a "Hints" section in README.md would show every hint before the learner tries.
 */
function refuseHintsInReadme(readme: string, file: string): void {
  const lines = readme.split("\n");
  const index = lines.findIndex((line) => /^#{1,6}\s+hints?\s*$/i.test(line.trim()));
  if (index >= 0) {
    throw new RoadworkError("CONTENT_INVALID", "README.md has a Hints section: move the hints to `hints:` in exercise.yaml, where learners see them one at a time after a first attempt", { file, line: index + 1 });
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `missing or unreadable file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file, cause: error });
  }
}

async function readBad(dir: string, ext: string): Promise<BadSolution[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(ext)).sort();
  } catch (error) {
    // No bad/ folder: an exercise without bad solutions. One that cannot be read is an error.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new RoadworkError("CONTENT_INVALID", `cannot read ${dir}: ${(error as Error).message}`, { file: dir, cause: error });
    return [];
  }
  return Promise.all(names.map(async (name) => ({ name, source: await readText(join(dir, name)) })));
}
