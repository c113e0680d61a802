/**
 * Copies a learner's app folder into a fresh host folder that the sandbox then mounts.
 * Only regular files and folders are copied, each opened with O_NOFOLLOW and checked on the
 * open descriptor: a symlink or a hard link in the folder could otherwise make the grader
 * read (and hand to the app) a file the learner has no right to. Size and count are bounded.
 */
import { constants, openSync, fstatSync, closeSync, lstatSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RoadworkError } from "../../errors.js";
import { readOpenFile } from "./read-open-file.js";

export interface CopyLimits {
  maxFiles: number;
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_COPY_LIMITS: CopyLimits = { maxFiles: 2000, maxBytes: 50 * 1024 * 1024, maxDepth: 16 };

/** Folders that are never part of an app and can be large: virtualenvs, caches, VCS data. */
const SKIPPED_FOLDERS = new Set([".git", ".hg", "__pycache__", ".venv", "venv", "env", "node_modules", ".mypy_cache", ".pytest_cache", ".idea", ".vscode"]);

export interface CopyOutcome {
  files: number;
  bytes: number;
  /** Paths left out (links, special files), relative, for a note in the report. */
  skipped: string[];
}

export function copyAppFolder(source: string, target: string, limits: CopyLimits = DEFAULT_COPY_LIMITS): CopyOutcome {
  const top = lstatSync(source);
  if (!top.isDirectory()) throw new RoadworkError("BAD_INPUT", `${source} is not a folder`);
  const outcome: CopyOutcome = { files: 0, bytes: 0, skipped: [] };
  mkdirSync(target, { recursive: true });
  copyFolder(source, target, "", 0, limits, outcome);
  return outcome;
}

function copyFolder(source: string, target: string, rel: string, depth: number, limits: CopyLimits, outcome: CopyOutcome): void {
  if (depth > limits.maxDepth) throw new RoadworkError("BAD_INPUT", `the app folder is nested more than ${limits.maxDepth} levels deep (${rel})`);
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const name = entry.name;
    const relPath = rel === "" ? name : `${rel}/${name}`;
    const from = join(source, name);
    const to = join(target, name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(name)) continue;
      mkdirSync(to);
      copyFolder(from, to, relPath, depth + 1, limits, outcome);
    } else if (entry.isFile()) {
      copyFile(from, to, relPath, limits, outcome);
    } else {
      outcome.skipped.push(relPath);
    }
  }
}

function copyFile(from: string, to: string, relPath: string, limits: CopyLimits, outcome: CopyOutcome): void {
  let fd: number;
  try {
    fd = openSync(from, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    // A link (O_NOFOLLOW) or a file we may not read: left out, and named in the app log.
    outcome.skipped.push(relPath);
    return;
  }
  try {
    const stat = fstatSync(fd);
    // Checked on the descriptor, not the path, so a swap after readdir changes nothing.
    if (!stat.isFile() || stat.nlink > 1) {
      outcome.skipped.push(relPath);
      return;
    }
    outcome.files += 1;
    outcome.bytes += stat.size;
    if (outcome.files > limits.maxFiles) throw new RoadworkError("BAD_INPUT", `the app folder has more than ${limits.maxFiles} files`);
    if (outcome.bytes > limits.maxBytes) throw new RoadworkError("BAD_INPUT", `the app folder is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MiB`);
    writeFileSync(to, readOpenFile(fd, stat.size), { flag: "wx", mode: 0o644 });
  } finally {
    closeSync(fd);
  }
}
