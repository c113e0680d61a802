/**
 * A bad app written as a patch: the reference app copied into a fresh folder with the patch
 * applied. Both are trusted content from the track; the copy exists so the reference itself
 * is never touched.
 */
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { applyPatch, parsePatch } from "diff";
import { RoadworkError } from "../../errors.js";

export interface PatchedApp {
  dir: string;
  remove(): Promise<void>;
}

export async function materializePatchedApp(referenceDir: string, patchFile: string): Promise<PatchedApp> {
  const root = await mkdtemp(join(tmpdir(), "roadwork-bad-app-"));
  const dir = join(root, "app");
  const remove = (): Promise<void> => rm(root, { recursive: true, force: true });
  try {
    await cp(referenceDir, dir, { recursive: true, filter: (source) => !source.split("/").includes("__pycache__") });
    const patches = parsePatch(await readFile(patchFile, "utf8"));
    if (patches.length === 0) throw new RoadworkError("CONTENT_INVALID", "the patch changes no file", { file: patchFile });
    for (const patch of patches) {
      const before = stripPrefix(patch.oldFileName);
      const after = stripPrefix(patch.newFileName);
      const target = after ?? before;
      if (target === undefined) throw new RoadworkError("CONTENT_INVALID", "a file in the patch has no name", { file: patchFile });
      const path = resolve(dir, target);
      if (relative(dir, path).startsWith("..")) throw new RoadworkError("CONTENT_INVALID", `the patch names ${target}, outside the app`, { file: patchFile });
      const original = before === undefined ? "" : await readFile(resolve(dir, before), "utf8");
      const patched = applyPatch(original, patch);
      if (patched === false) {
        throw new RoadworkError("CONTENT_INVALID", `the patch no longer applies to ${target} of the reference (was the reference changed?)`, { file: patchFile });
      }
      if (after === undefined) {
        await rm(path, { force: true });
      } else {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, patched);
      }
    }
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** "a/app.py" -> "app.py" (as patch -p1); /dev/null -> undefined (a file added or removed). */
function stripPrefix(name: string | undefined): string | undefined {
  if (name === undefined || name === "/dev/null") return undefined;
  const clean = name.split("\t")[0] ?? name;
  return clean.includes("/") ? clean.slice(clean.indexOf("/") + 1) : clean;
}
