#!/usr/bin/env node
// The `roadwork` command. Runs the compiled CLI from dist/; when dist/ is missing or older
// than src/, builds it first (one incremental tsc run), so `npx roadwork` works from a fresh
// clone with no manual build step.
import { existsSync, statSync, readdirSync, utimesSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "dist", "cli", "main.js");
// tsc rewrites its build-info file on every build that changed something; we touch it after ours.
const stamp = join(root, "dist", ".tsbuildinfo");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const srcDir = join(root, "src");
if (existsSync(srcDir) && (!existsSync(entry) || !existsSync(stamp) || newestMtime(srcDir) > statSync(stamp).mtimeMs)) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const built = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (built.status !== 0) {
    process.stderr.write("roadwork: building the command failed (see the TypeScript errors above)\n");
    process.exit(2);
  }
  const now = new Date();
  if (existsSync(stamp)) utimesSync(stamp, now, now);
}

await import(pathToFileURL(entry).href);
