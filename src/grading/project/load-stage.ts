/**
 * Loads a TypeScript stage (`export default async function stage(t)`). Stage files are
 * trusted content, written by educators. They are compiled with esbuild (a dependency of
 * roadwork, so an install without devDependencies grades them too) into one ES module,
 * their own imports (./support.ts) bundled in, and imported from memory: nothing is written
 * next to the content. Node's built-in modules are the only imports left outside.
 */
import { RoadworkError } from "../../errors.js";
import type { StageContext } from "./stage-api.js";

export type StageFunction = (t: StageContext) => Promise<void>;

export async function loadStageFunction(path: string): Promise<StageFunction> {
  const mod = await import(`data:text/javascript;base64,${Buffer.from(await compileStage(path)).toString("base64")}`).catch((error: unknown) => {
    throw new RoadworkError("CONTENT_INVALID", `cannot load the stage: ${(error as Error).message}`, { file: path, cause: error });
  });
  const fn = (mod as { default?: unknown }).default;
  if (typeof fn !== "function") {
    throw new RoadworkError("CONTENT_INVALID", "a TypeScript stage must `export default async function stage(t) { ... }`", { file: path });
  }
  return fn as StageFunction;
}

async function compileStage(path: string): Promise<string> {
  const esbuild = await import("esbuild");
  try {
    const result = await esbuild.build({
      entryPoints: [path],
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // Only Node's own modules may stay imports: a module from memory has no node_modules to look in.
      external: ["node:*"],
      write: false,
      logLevel: "silent",
    });
    return result.outputFiles[0]?.text ?? "";
  } catch (error) {
    const first = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }).errors?.[0];
    if (first === undefined) throw new RoadworkError("CONTENT_INVALID", `cannot compile the stage: ${(error as Error).message}`, { file: path, cause: error });
    throw new RoadworkError("CONTENT_INVALID", `cannot compile the stage: ${first.text}`, {
      file: first.location?.file === undefined ? path : resolveFrom(path, first.location.file),
      ...(first.location ? { line: first.location.line } : {}),
      cause: error,
    });
  }
}

/** esbuild names files relative to the working folder. */
function resolveFrom(stagePath: string, file: string): string {
  return file.startsWith("/") ? file : new URL(file, `file://${process.cwd()}/`).pathname || stagePath;
}
