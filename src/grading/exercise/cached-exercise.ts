/**
 * Loads an exercise for a one-off grading (`roadwork grade`) without paying for the YAML
 * parser and zod on every run (together about 100 ms of a cold start): the validated
 * exercise.yaml (and cases.yaml) is kept in a small cache keyed by the files' exact text and
 * by the build of the schema. On a miss the full loader (src/content/exercise.ts) runs, so
 * every exercise is validated exactly as `roadwork content check` would.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import type { BadSolution, Exercise } from "../../content/exercise.js";
import { contentExtension } from "../../content/extension.js";
import type { ExerciseConfig, ProgramCase, SqlCase } from "../../content/schema.js";
import { readSupportFiles } from "../../content/support-files.js";
import { readTestsParts } from "../../content/tests-parts.js";
import { PACKAGE_ROOT } from "../../package-root.js";

interface CacheEntry {
  config: ExerciseConfig;
  /** cases.yaml, validated: program cases or sql data sets by kind. */
  cases?: ProgramCase[] | SqlCase[];
}

/** Where entries live when the caller names no folder (the CLI passes GradingConfig's exerciseCacheDir). */
function defaultCacheDir(): string {
  return join(homedir(), ".cache", "roadwork", "exercises");
}

/** Changes whenever the schema module is rebuilt, so a cached entry never outlives its rules. */
function schemaStamp(): string {
  // The schema this code runs with: the source under tsx, else the build (dist/ and its bundle).
  const built = join(PACKAGE_ROOT, "dist", "content", "schema.js");
  const source = join(PACKAGE_ROOT, "src", "content", "schema.ts");
  for (const path of import.meta.url.endsWith(".ts") ? [source, built] : [built, source]) {
    try {
      const stat = statSync(path);
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      // not built, or not a checkout with sources
    }
  }
  return "unknown";
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // Missing or unreadable: the full loader, which reads every file again, reports why.
    return undefined;
  }
}

export async function loadExerciseCached(dir: string, options: { cacheDir?: string } = {}): Promise<Exercise> {
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const yamlText = readOptional(join(dir, "exercise.yaml"));
  const casesText = readOptional(join(dir, "cases.yaml")) ?? "";
  if (yamlText === undefined) return fullLoad(dir);
  const key = createHash("sha256").update(schemaStamp()).update("\0").update(yamlText).update("\0").update(casesText).digest("hex");
  const file = join(cacheDir, `${key}.json`);
  const cachedText = readOptional(file);
  if (cachedText !== undefined) {
    try {
      const entry = JSON.parse(cachedText) as CacheEntry;
      if (entry.config.id === basename(dir)) return assemble(dir, entry);
    } catch {
      // a damaged entry: load in full and rewrite it
    }
  }
  const exercise = await fullLoad(dir);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const entry: CacheEntry = exercise.kind === "function" || exercise.kind === "tests" || exercise.kind === "git" ? { config: exercise.config } : { config: exercise.config, cases: exercise.cases };
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
  } catch {
    // no cache where we cannot write one: the next run validates again
  }
  return exercise;
}

async function fullLoad(dir: string): Promise<Exercise> {
  const { loadExercise } = await import("../../content/exercise.js");
  return loadExercise(dir);
}

/** The same object loadExercise builds, from the cached, validated configuration. */
async function assemble(dir: string, entry: CacheEntry): Promise<Exercise> {
  const { config } = entry;
  const ext = contentExtension(config.kind);
  const need = (name: string): string => {
    const text = readOptional(join(dir, name));
    if (text === undefined) throw new Error(`missing file ${join(dir, name)}`);
    return text;
  };
  // A bad solution that went missing or cannot be read sends the exercise to the full loader,
  // which reports it: it used to leave the exercise silently without any bad solution.
  const readBad = (): BadSolution[] => {
    let names: string[];
    try {
      names = readdirSync(join(dir, "bad"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return []; // no bad/ folder, as the full loader sees it
      throw error;
    }
    return names
      .filter((name) => name.endsWith(ext))
      .sort()
      .map((name) => ({ name, source: need(join("bad", name)) }));
  };
  try {
    const base = { dir, config, readme: need("README.md"), starter: need(`starter${ext}`), solution: need(`solution${ext}`), bad: readBad() };
    switch (config.kind) {
      case "function":
        return { ...base, kind: "function", tests: need("tests.py"), support: readSupportFiles(dir, config.support_files) };
      case "program":
        if (entry.cases === undefined) return fullLoad(dir);
        return { ...base, kind: "program", cases: entry.cases as ProgramCase[] };
      case "sql":
        if (entry.cases === undefined) return fullLoad(dir);
        return { ...base, kind: "sql", schema: need("schema.sql"), cases: entry.cases as SqlCase[] };
      case "tests":
        return { ...base, kind: "tests", ...readTestsParts(dir, config.module) };
      case "git":
        return { ...base, kind: "git", tests: need("tests.py") };
    }
  } catch {
    // a file went missing since: the full loader reports it properly
    return fullLoad(dir);
  }
}
