/**
 * `roadwork new exercise|project`: writes a working example into a new folder. The folder
 * must be new or empty, so that nothing an educator wrote is ever overwritten.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { RoadworkError } from "../../errors.js";
import type { ExerciseKind } from "../../content/schema.js";
import { SCHEMA_DIR, exerciseFiles, type Files } from "./exercise-templates.js";
import { projectFiles } from "./project-template.js";

export { exerciseFiles, type Files } from "./exercise-templates.js";
export { projectFiles } from "./project-template.js";

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

export interface ScaffoldOptions {
  /** Where the JSON Schemas are (a folder); the YAML files name it relative to themselves. */
  schemaDir: string;
  /** The id; default the folder's name. Given and different from it: the item goes in DIR/ID. */
  id?: string;
}

export interface Scaffolded {
  /** The item's folder. */
  dir: string;
  id: string;
  /** Paths relative to dir. */
  files: string[];
}

export function scaffoldExercise(dir: string, kind: ExerciseKind, options: ScaffoldOptions): Scaffolded {
  const target = targetOf(dir, options.id);
  return { ...target, files: writeAll(target.dir, exerciseFiles(kind, target.id), options.schemaDir) };
}

export function scaffoldProject(dir: string, options: ScaffoldOptions): Scaffolded {
  const target = targetOf(dir, options.id);
  return { ...target, files: writeAll(target.dir, projectFiles(target.id), options.schemaDir) };
}

/** The loader wants an item's id to equal its folder's name, so the two are chosen together. */
function targetOf(dir: string, id: string | undefined): { dir: string; id: string } {
  const name = basename(resolve(dir));
  const chosen = id ?? name;
  if (!SLUG.test(chosen)) throw new RoadworkError("BAD_INPUT", `"${chosen}" is not a valid id: use lowercase letters, digits and dashes (or give one with --id)`);
  return { dir: chosen === name ? dir : join(dir, chosen), id: chosen };
}

function writeAll(dir: string, files: Files, schemaDir: string): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new RoadworkError("CONFLICT", `${dir} already exists and is not empty: choose a new folder (nothing was written)`);
  }
  const written: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    // Relative to the file, so that an editor finds the schema wherever the track is checked out.
    const toSchemas = relative(dirname(resolve(file)), resolve(schemaDir)) || ".";
    writeFileSync(file, text.replaceAll(`$schema=${SCHEMA_DIR}/`, `$schema=${toSchemas}/`));
    written.push(path);
  }
  return written;
}
