#!/usr/bin/env node
// The `roadwork` command. Runs the compiled CLI from dist/; when dist/ is missing or older
// than src/, builds it first (tsc, then the bundle of `roadwork grade`), so `npx roadwork`
// works from a fresh clone with no manual build step.
//
// CommonJS on purpose: `roadwork grade`, run after every edit and measured against a bare
// Python start (bench/grade.mjs), requires one bundled file (dist/grade.cjs) and never
// starts Node's ES module loader. Every other command imports dist/cli/main.js.
"use strict";
const { existsSync, readdirSync, statSync, utimesSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const root = join(__dirname, "..");
const entry = join(root, "dist", "cli", "main.js");
const gradeBundle = join(root, "dist", "grade.cjs");
// tsc rewrites its build-info file on every build that changed something; we touch it after ours.
const stamp = join(root, "dist", ".tsbuildinfo");
const srcDir = join(root, "src");
const args = process.argv.slice(2);

/**
 * True when a .ts file under dir is newer than sinceMs. Synchronous: a walk on the thread
 * pool took three times as long here and held up the grading's own file reads.
 */
function newerThan(dir, sinceMs) {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory() ? newerThan(path, sinceMs) : item.name.endsWith(".ts") && statSync(path).mtimeMs > sinceMs) return true;
  }
  return false;
}

function buildIsCurrent() {
  try {
    return !newerThan(srcDir, statSync(stamp).mtimeMs);
  } catch {
    return false;
  }
}

/** Runs a Node script to its end, in the caller's folder (the command's paths are relative to it). */
function run(file, argv) {
  return spawnSync(process.execPath, [file, ...argv], { stdio: "inherit" }).status;
}

function build() {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (run(tsc, ["-p", join(root, "tsconfig.build.json")]) !== 0 || run(join(root, "scripts", "bundle-grade.mjs"), []) !== 0) {
    process.stderr.write("roadwork: building the command failed (see the errors above)\n");
    process.exit(2);
  }
  const now = new Date();
  if (existsSync(stamp)) utimesSync(stamp, now, now);
}

async function main() {
  const checkout = existsSync(srcDir);
  if (checkout && (!existsSync(entry) || !existsSync(gradeBundle) || !existsSync(stamp))) build();
  if (args[0] === "grade") {
    // The look at src/ waits until the verdict is in (see GradeFastOptions in grade.ts).
    const outcome = await require(gradeBundle).gradeFast(args.slice(1), checkout ? { buildIsCurrent } : {});
    if (outcome === "graded") return;
    if (outcome === "stale-build") {
      // This process holds the old bundle: build, and grade again in a new process.
      build();
      process.exit(run(__filename, args) ?? 2);
    }
  }
  if (checkout && !buildIsCurrent()) build();
  await import(pathToFileURL(entry).href);
}

main().catch((error) => {
  process.stderr.write(`roadwork: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
