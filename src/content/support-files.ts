/**
 * The support files of a function exercise (exercise.yaml `support_files`): read as text,
 * beside tests.py, bounded so that one exercise cannot make every grading carry megabytes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../errors.js";

/** Together, the support files of one exercise travel with every grading of it. */
export const SUPPORT_FILES_LIMIT = 2 * 1024 * 1024;

export function readSupportFiles(dir: string, names: readonly string[] | undefined): Record<string, string> {
  const files: Record<string, string> = {};
  let total = 0;
  for (const name of names ?? []) {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new RoadworkError("CONTENT_INVALID", `support_files names ${name}, which is not a file beside tests.py`, { file: join(dir, "exercise.yaml") });
    }
    total += Buffer.byteLength(text);
    if (total > SUPPORT_FILES_LIMIT) {
      throw new RoadworkError("CONTENT_INVALID", `the support files are larger than ${SUPPORT_FILES_LIMIT / 1024 / 1024} MiB together; every grading carries them`, { file });
    }
    files[name] = text;
  }
  return files;
}
