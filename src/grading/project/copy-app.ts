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

/** Where the walk puts what it reads: folders first, then their files. */
interface CopySink {
  folder(relPath: string): void;
  file(relPath: string, data: Buffer): void;
}

export function copyAppFolder(source: string, target: string, limits: CopyLimits = DEFAULT_COPY_LIMITS): CopyOutcome {
  mkdirSync(target, { recursive: true });
  return walkAppFolder(source, limits, {
    folder: (relPath) => mkdirSync(join(target, relPath)),
    file: (relPath, data) => writeFileSync(join(target, relPath), data, { flag: "wx", mode: 0o644 }),
  });
}

/**
 * The app's files in memory, read with the same care and bounds as a copy: for a stage that
 * runs the learner's tests in sandboxes of their own (learner-tests.ts), from the folder as
 * the learner handed it in, never as the running app may have changed it since.
 */
export function readAppFolder(source: string, limits: CopyLimits = DEFAULT_COPY_LIMITS): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  walkAppFolder(source, limits, { folder: () => undefined, file: (relPath, data) => void files.set(relPath, data) });
  return files;
}

function walkAppFolder(source: string, limits: CopyLimits, sink: CopySink): CopyOutcome {
  const top = lstatSync(source);
  if (!top.isDirectory()) throw new RoadworkError("BAD_INPUT", `${source} is not a folder`);
  const outcome: CopyOutcome = { files: 0, bytes: 0, skipped: [] };
  walkFolder(source, "", 0, limits, outcome, sink);
  return outcome;
}

function walkFolder(source: string, rel: string, depth: number, limits: CopyLimits, outcome: CopyOutcome, sink: CopySink): void {
  if (depth > limits.maxDepth) throw new RoadworkError("BAD_INPUT", `the app folder is nested more than ${limits.maxDepth} levels deep (${rel})`);
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const name = entry.name;
    const relPath = rel === "" ? name : `${rel}/${name}`;
    const from = join(source, name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(name)) continue;
      sink.folder(relPath);
      walkFolder(from, relPath, depth + 1, limits, outcome, sink);
    } else if (entry.isFile()) {
      readFile(from, relPath, limits, outcome, sink);
    } else {
      outcome.skipped.push(relPath);
    }
  }
}

function readFile(from: string, relPath: string, limits: CopyLimits, outcome: CopyOutcome, sink: CopySink): void {
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
    sink.file(relPath, readOpenFile(fd, stat.size));
  } finally {
    closeSync(fd);
  }
}
