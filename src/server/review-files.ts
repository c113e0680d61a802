/**
 * The files of one version of reviewed work, to read and comment on: an exercise's solution
 * file, or every file of a project archive (unpacked by the same safe path as for grading, in
 * a private temporary folder that is removed right after). Binary and very large files are
 * listed without their text. Submissions never change, so a few recent ones stay in memory.
 */
import { lstat, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { structuredPatch } from "diff";
import type { Catalog } from "./catalog.js";
import type { Store } from "../store/index.js";
import { solutionFileName } from "../content/exercise.js";
import { unpackArchive } from "../archive/unpack.js";
import type { Limits } from "../config.js";

export interface ReviewFile {
  path: string;
  language: "python" | "sql" | "text";
  /** null when the file is not shown (binary or too large); `note` says why. */
  text: string | null;
  note?: string;
}

export interface FileDiff {
  path: string;
  change: "added" | "removed" | "changed";
  hunks: Array<{ oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }>;
}

const SHOWN_BYTES = 256 * 1024;
const SHOWN_FILES = 500;
const CACHED_VERSIONS = 16;

export function languageOf(path: string): ReviewFile["language"] {
  if (path.endsWith(".py")) return "python";
  if (path.endsWith(".sql")) return "sql";
  return "text";
}

export class ReviewFiles {
  private readonly cache = new Map<string, ReviewFile[]>();

  constructor(private readonly deps: { store: Store; catalog: Catalog; limits: Pick<Limits, "archiveFiles" | "archiveUnpackedBytes"> }) {}

  async of(submission: { id: string; item_kind: "exercise" | "project"; item_id: string; source: string | null }): Promise<ReviewFile[]> {
    const cached = this.cache.get(submission.id);
    if (cached !== undefined) return cached;
    const files = submission.item_kind === "exercise" ? this.exerciseFiles(submission.item_id, submission.source ?? "") : await this.projectFiles(submission.id);
    this.cache.set(submission.id, files);
    if (this.cache.size > CACHED_VERSIONS) this.cache.delete(this.cache.keys().next().value as string);
    return files;
  }

  private exerciseFiles(itemId: string, source: string): ReviewFile[] {
    const exercise = this.deps.catalog.exercise(itemId);
    const path = exercise === undefined ? "solution.py" : solutionFileName(exercise.exercise.config.kind, exercise.exercise.config.module);
    return [{ path, language: languageOf(path), text: source }];
  }

  private async projectFiles(submissionId: string): Promise<ReviewFile[]> {
    const archive = await this.deps.store.submissions.archiveOf(submissionId);
    const row = archive === null ? await this.deps.store.submissions.byId(submissionId) : undefined;
    if (archive === null && (row?.archive_path ?? null) === null) return [];
    const dir = archive === null ? null : await mkdtemp(join(tmpdir(), "roadwork-review-"));
    try {
      const root = dir ?? (row?.archive_path as string);
      if (dir !== null && archive !== null) await unpackArchive(archive, dir, { maxFiles: this.deps.limits.archiveFiles, maxUnpackedBytes: this.deps.limits.archiveUnpackedBytes });
      return await readTree(root);
    } finally {
      if (dir !== null) await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Every regular file under root, sorted by path; links are listed, never followed. */
async function readTree(root: string): Promise<ReviewFile[]> {
  const files: ReviewFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (files.length >= SHOWN_FILES) return;
      const full = join(dir, entry.name);
      const path = relative(root, full).split("\\").join("/");
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(await readShown(full, path));
      else files.push({ path, language: "text", text: null, note: "not a regular file; not shown" });
    }
  };
  await walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function readShown(full: string, path: string): Promise<ReviewFile> {
  const info = await lstat(full);
  if (info.size > SHOWN_BYTES) return { path, language: languageOf(path), text: null, note: `${Math.round(info.size / 1024)} KiB, too large to show here` };
  const bytes = await readFile(full);
  if (bytes.includes(0)) return { path, language: languageOf(path), text: null, note: "a binary file; not shown" };
  return { path, language: languageOf(path), text: bytes.toString("utf8") };
}

/** What changed from one version to the next, file by file; unchanged files are left out. */
export function diffVersions(before: readonly ReviewFile[], after: readonly ReviewFile[]): FileDiff[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const now = new Map(after.map((f) => [f.path, f]));
  const paths = [...new Set([...old.keys(), ...now.keys()])].sort();
  const diffs: FileDiff[] = [];
  for (const path of paths) {
    const a = old.get(path);
    const b = now.get(path);
    const change = a === undefined ? "added" : b === undefined ? "removed" : "changed";
    const patch = structuredPatch(path, path, a?.text ?? "", b?.text ?? "", undefined, undefined, { context: 3 });
    if (patch.hunks.length === 0 && change === "changed") continue;
    diffs.push({ path, change, hunks: patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines })) });
  }
  return diffs;
}
