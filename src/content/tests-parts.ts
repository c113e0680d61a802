/**
 * The parts only a `tests` exercise has: the code under test (subject.py), its mutants
 * (mutants/*.py, each a realistic bug described by its module docstring) and optional
 * equivalents (equivalents/*.py, correct versions written differently). Synchronous and free
 * of YAML, so that the cached loader of `roadwork grade` reads them at no extra cost.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../errors.js";

/** One version of the code under test, as the learner's tests will meet it. */
export interface SubjectVersion {
  /** File name inside mutants/ or equivalents/, e.g. "double-discount.py". */
  name: string;
  source: string;
}

export interface Mutant extends SubjectVersion {
  /** The behaviour the bug breaks, from the docstring: "the discount is applied twice". */
  description: string;
}

export interface TestsParts {
  /** The module the learner imports: exercise.yaml `module`, default "subject". */
  module: string;
  subject: string;
  mutants: Mutant[];
  equivalents: SubjectVersion[];
}

export const DEFAULT_TEST_MODULE = "subject";

/** The learner's file for a tests exercise: test_<module>.py, what pytest collects. */
export function testFileName(module: string | undefined): string {
  return `test_${module ?? DEFAULT_TEST_MODULE}.py`;
}

export function readTestsParts(dir: string, module: string | undefined): TestsParts {
  const subject = readText(join(dir, "subject.py"));
  const mutants = readVersions(join(dir, "mutants")).map((version): Mutant => {
    const description = moduleDocstring(version.source);
    if (description === undefined) {
      throw new RoadworkError("CONTENT_INVALID", 'a mutant needs a module docstring naming the behaviour it breaks, e.g. """the discount is applied twice"""', { file: join(dir, "mutants", version.name), line: 1 });
    }
    return { ...version, description };
  });
  if (mutants.length === 0) {
    throw new RoadworkError("CONTENT_INVALID", "a tests exercise needs at least one mutant in mutants/ (a broken version of subject.py)", { file: join(dir, "mutants") });
  }
  return { module: module ?? DEFAULT_TEST_MODULE, subject, mutants, equivalents: readVersions(join(dir, "equivalents")) };
}

/**
 * The first paragraph of a module docstring, on one line; undefined when there is none.
 * Enough of Python's grammar for content files: comments and blank lines may come first.
 */
export function moduleDocstring(source: string): string | undefined {
  const match = /^(?:\s*#[^\n]*\n|\s*\n)*\s*[rRuU]?("""|''')([\s\S]*?)\1/.exec(source);
  const text = match?.[2]?.trim();
  if (text === undefined || text === "") return undefined;
  return (text.split(/\n\s*\n/)[0] ?? text).replace(/\s+/g, " ").trim();
}

/**
 * The version as it is written into the sandbox: its own module docstring (a mutant's names
 * its bug) replaced by the subject's, so that `module.__doc__` cannot tell versions apart.
 */
export function asSandboxed(source: string, subjectSource: string): string {
  const docstring = /^(?:\s*#[^\n]*\n|\s*\n)*\s*[rRuU]?("""|''')[\s\S]*?\1/;
  const subjectDoc = docstring.exec(subjectSource)?.[0] ?? "";
  const body = source.replace(docstring, "");
  return subjectDoc === "" ? body : `${subjectDoc.trimStart()}${body}`;
}

function readVersions(dir: string): SubjectVersion[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith(".py"))
      .sort();
  } catch (error) {
    // No such folder: no versions of this kind (the caller says which it needs). One that cannot be read is an error.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new RoadworkError("CONTENT_INVALID", `cannot read ${dir}: ${(error as Error).message}`, { file: dir, cause: error });
    return [];
  }
  return names.map((name) => ({ name, source: readText(join(dir, name)) }));
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `missing or unreadable file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file, cause: error });
  }
}
