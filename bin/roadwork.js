#!/usr/bin/env node
// The `roadwork` command. Runs the compiled CLI from dist/; when dist/ is missing or older
// than src/, builds it first (one incremental tsc run), so `npx roadwork` works from a fresh
// clone with no manual build step.
//
// Looking at every src/ file's mtime costs a few milliseconds, which `roadwork grade` (run
// after every edit, and measured by bench/grade.mjs) should not wait for: so the look runs
// on the thread pool while the grading modules, which have no side effects when loaded,
// are loaded. When src/ turns out newer, those modules are stale: dist/ is rebuilt and the
// command runs in a fresh process.
import { existsSync, statSync, utimesSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "cli", "main.js");
// tsc rewrites its build-info file on every build that changed something; we touch it after ours.
const stamp = join(root, "dist", ".tsbuildinfo");
const srcDir = join(root, "src");

/** True when a .ts file under dir is newer than sinceMs (stats in parallel). */
async function newerThan(dir, sinceMs) {
  const entries = await readdir(dir, { withFileTypes: true });
  const checks = entries.map((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return newerThan(path, sinceMs);
    if (!entry.name.endsWith(".ts")) return false;
    return stat(path).then((st) => st.mtimeMs > sinceMs);
  });
  return (await Promise.all(checks)).some(Boolean);
}

function build() {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const built = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (built.status !== 0) {
    process.stderr.write("roadwork: building the command failed (see the TypeScript errors above)\n");
    process.exit(2);
  }
  const now = new Date();
  if (existsSync(stamp)) utimesSync(stamp, now, now);
}

/** The modules `roadwork grade` needs, loaded (not run) while src/ is looked at. */
function preload() {
  if (process.argv[2] !== "grade") return Promise.resolve("none");
  const modules = ["cli/commands/grade.js", "grading/exercise/cached-exercise.js", "grading/exercise/index.js", "grading/sandbox/index.js"];
  return Promise.all(modules.map((path) => import(pathToFileURL(join(root, "dist", path)).href))).then(
    () => "all",
    () => "some",
  );
}

if (existsSync(srcDir)) {
  if (!existsSync(entry) || !existsSync(stamp)) build();
  else {
    const since = statSync(stamp).mtimeMs;
    const [stale, loaded] = await Promise.all([newerThan(srcDir, since).catch(() => true), preload()]);
    if (stale) {
      build();
      if (loaded !== "none") {
        // This process holds (some of) the old modules: the command runs in a new one.
        const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { stdio: "inherit" });
        process.exit(run.status ?? 2);
      }
    }
  }
}

await import(pathToFileURL(entry).href);
