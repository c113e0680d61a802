/**
 * Keeps python/harness/__pycache__ up to date, once per process, so that the sandboxed
 * interpreters load the harness from bytecode instead of compiling it on every start. The
 * cache is written by this trusted process on the host; the sandbox sees it read-only.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { HARNESS_DIR, PYTHON } from "./paths.js";

let checked = false;

export function ensureCompiled(): void {
  if (checked) return;
  checked = true;
  if (upToDate(HARNESS_DIR) && upToDate(join(HARNESS_DIR, "shim"))) return;
  // Compiled with the interpreter that runs it: the bytecode's tag (cpython-311) must match.
  spawnSync(PYTHON, ["-I", "-m", "compileall", "-q", HARNESS_DIR], { stdio: "ignore" });
}

function upToDate(dir: string): boolean {
  try {
    const sources = readdirSync(dir).filter((name) => name.endsWith(".py"));
    const cached = new Map(readdirSync(join(dir, "__pycache__")).map((name) => [name.split(".")[0], name]));
    return sources.every((name) => {
      const pyc = cached.get(name.slice(0, -3));
      return pyc !== undefined && statSync(join(dir, "__pycache__", pyc)).mtimeMs >= statSync(join(dir, name)).mtimeMs;
    });
  } catch {
    return false;
  }
}
