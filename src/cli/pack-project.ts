/**
 * Packs a learner's project folder into a .tar.gz for `roadwork submit`: regular files and
 * folders only, without what never belongs in a submission (virtual environments, caches,
 * version control, local databases). The server unpacks it with its own safety checks.
 */
import { lstatSync } from "node:fs";
import { relative, sep } from "node:path";

const SKIPPED_FOLDERS = new Set([".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", "env", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".idea", ".vscode"]);
const SKIPPED_FILES = /\.(pyc|pyo|db|sqlite3?|db-journal|db-wal|db-shm|log)$|^\.DS_Store$/;

export interface PackedProject {
  archive: Buffer;
  files: number;
  skipped: string[];
}

export async function packProject(dir: string): Promise<PackedProject> {
  const tar = await import("tar");
  const skipped: string[] = [];
  let files = 0;
  const chunks: Buffer[] = [];
  const stream = tar.create(
    {
      gzip: true,
      cwd: dir,
      portable: true,
      filter: (path) => {
        const rel = relative(".", path);
        if (rel === "") return true;
        const parts = rel.split(sep);
        const name = parts[parts.length - 1] ?? "";
        const stat = lstatSync(`${dir}${sep}${rel}`);
        // Links could point anywhere on this machine; the server refuses them anyway.
        if (stat.isSymbolicLink() || parts.some((part) => SKIPPED_FOLDERS.has(part)) || (stat.isFile() && SKIPPED_FILES.test(name)) || !(stat.isFile() || stat.isDirectory())) {
          if (!parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) skipped.push(rel);
          return false;
        }
        if (stat.isFile()) files += 1;
        return true;
      },
    },
    ["."],
  );
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return { archive: Buffer.concat(chunks), files, skipped };
}
