/**
 * Loads a TypeScript stage (`export default async function stage(t)`). Stage files are
 * trusted content, written by educators. The CLI runs compiled JavaScript, which cannot
 * import .ts by itself, so the file goes through tsx's ESM API; under tsx already (the test
 * suite) a plain import would do, but one path for both keeps the behaviour the same.
 */
import { pathToFileURL } from "node:url";
import { RoadworkError } from "../../errors.js";
import type { StageContext } from "./stage-api.js";

export type StageFunction = (t: StageContext) => Promise<void>;

export async function loadStageFunction(path: string): Promise<StageFunction> {
  const { tsImport } = await import("tsx/esm/api");
  let mod: unknown;
  try {
    mod = await tsImport(pathToFileURL(path).href, import.meta.url);
  } catch (error) {
    throw new RoadworkError("CONTENT_INVALID", `cannot load the stage: ${(error as Error).message}`, { file: path, cause: error });
  }
  let fn = (mod as { default?: unknown }).default;
  // Outside a "type": "module" package tsx loads the file as CommonJS: the ESM default is
  // then module.exports, whose own `default` is the function.
  if (fn !== null && typeof fn === "object" && typeof (fn as { default?: unknown }).default === "function") fn = (fn as { default: unknown }).default;
  if (typeof fn !== "function") {
    throw new RoadworkError("CONTENT_INVALID", "a TypeScript stage must `export default async function stage(t) { ... }`", { file: path });
  }
  return fn as StageFunction;
}
