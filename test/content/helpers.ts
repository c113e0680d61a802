/** Shared by the content tests: copies of fixture tracks that a test may break on purpose. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");

/** A private copy of test/fixtures/tracks/NAME, removed by the returned cleanup. */
export function copyTrack(name: string): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "roadwork-content-"));
  const dir = join(root, name);
  cpSync(join(FIXTURES, "tracks", name), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Replaces `from` with `to` in a file, failing loudly when `from` is not there. */
export function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}
