/**
 * The learner's repository as one file, for `roadwork submit`: `git bundle create --all`
 * (every branch and tag, and HEAD). It runs the learner's own git on their own repository,
 * on their machine; the server reads the bundle only in its sandbox.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RoadworkError } from "../errors.js";

export function bundleRepository(folder: string): Buffer {
  const scratch = mkdtempSync(join(tmpdir(), "roadwork-bundle-"));
  try {
    const file = join(scratch, "repo.bundle");
    const result = spawnSync("git", ["bundle", "create", "--quiet", file, "--all"], { cwd: folder, encoding: "utf8" });
    if (result.error !== undefined) throw new RoadworkError("BAD_INPUT", `git could not be run (${result.error.message}): install git first`);
    if (result.status !== 0) {
      const empty = /empty bundle|Refusing to create empty/i.test(result.stderr);
      throw new RoadworkError("BAD_INPUT", empty ? `${folder} has no commits yet: commit your work first` : `git bundle create failed in ${folder}: ${result.stderr.trim()}`);
    }
    return readFileSync(file);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
