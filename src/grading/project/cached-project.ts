/**
 * Loads a project for `roadwork test` without paying for the YAML parser and zod, and for
 * parsing every Hurl stage again, on every run: the validated Project (its Hurl files
 * parsed) is kept in a small cache keyed by project.yaml's exact text, the folder, and the
 * build of the loader. Each entry lists the other files it was made from (the Hurl stages
 * and the sign-in file) with a hash of their text; a hit is used only when they all still
 * match. On a miss the full loader (src/content/project.ts) runs, so a project is always
 * validated exactly as `roadwork content check` would.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Project } from "../../content/project.js";
import type { Log } from "../../log.js";
import { PACKAGE_ROOT } from "../../package-root.js";

interface CacheEntry {
  project: Project;
  /** Every file the project was loaded from besides project.yaml, with the hash of its text. */
  sources: Record<string, string>;
}

export interface CachedProjectOptions {
  /** Where entries live; default ~/.cache/roadwork/projects (the CLI passes GradingConfig's projectCacheDir). */
  cacheDir?: string;
  log?: Log;
}

export async function loadProjectCached(dir: string, options: CachedProjectOptions = {}): Promise<Project> {
  const root = resolve(dir);
  const yamlText = readOptional(join(root, "project.yaml"));
  if (yamlText === undefined) return fullLoad(root);
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const key = createHash("sha256").update(loaderStamp()).update("\0").update(root).update("\0").update(yamlText).digest("hex");
  const file = join(cacheDir, `${key}.json`);
  const cached = readOptional(file);
  if (cached !== undefined) {
    try {
      const entry = JSON.parse(cached, revive) as CacheEntry;
      if (Object.entries(entry.sources).every(([path, hash]) => hashOf(readOptional(path)) === hash)) return entry.project;
    } catch (error) {
      options.log?.warn({ err: error, file }, "a damaged project cache entry: loading in full");
    }
  }
  const project = await fullLoad(root);
  try {
    const paths = [...project.stages.filter((stage) => stage.kind === "hurl").map((stage) => stage.testsPath), ...(project.signIn ? [project.signIn.testsPath] : [])];
    const entry: CacheEntry = { project, sources: Object.fromEntries(paths.map((path) => [path, hashOf(readOptional(path))])) };
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry, replace));
    renameSync(temporary, file);
  } catch (error) {
    options.log?.warn({ err: error, dir: cacheDir }, "cannot write the project cache: the next run validates again");
  }
  return project;
}

async function fullLoad(dir: string): Promise<Project> {
  const { loadProject } = await import("../../content/project.js");
  return loadProject(dir);
}

function defaultCacheDir(): string {
  return join(homedir(), ".cache", "roadwork", "projects");
}

/** Changes whenever the loader or the Hurl parser is rebuilt, so an entry never outlives their rules. */
function loaderStamp(): string {
  const underSources = import.meta.url.endsWith(".ts");
  const files = underSources ? ["src/content/project.ts", "src/hurl/parse.ts", "src/hurl/parse-query.ts", "src/hurl/parse-body.ts"] : ["dist/content/project.js", "dist/hurl/parse.js", "dist/hurl/parse-query.js", "dist/hurl/parse-body.js"];
  return files
    .map((rel) => {
      try {
        const stat = statSync(join(PACKAGE_ROOT, rel));
        return `${stat.size}:${stat.mtimeMs}`;
      } catch {
        // Not in this build: nothing to tell apart.
        return "none";
      }
    })
    .join("/");
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    // Missing or unreadable: the caller treats it as changed.
    return undefined;
  }
}

function hashOf(text: string | undefined): string {
  return text === undefined ? "missing" : createHash("sha256").update(text).digest("hex");
}

/** Buffers (base64, hex and file bodies of Hurl files) as JSON. */
function replace(this: unknown, _key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && (value as { type?: unknown }).type === "Buffer" && Array.isArray((value as { data?: unknown }).data)) {
    return { $buffer: Buffer.from((value as { data: number[] }).data).toString("base64") };
  }
  return value;
}

function revive(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === "object" && typeof (value as { $buffer?: unknown }).$buffer === "string") return Buffer.from((value as { $buffer: string }).$buffer, "base64");
  return value;
}
