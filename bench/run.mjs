#!/usr/bin/env node
// Runs the benchmarks in bench/ one after another (or the ones named on the command line).
// Each benchmark prints its own medians and its ratio against a baseline measured in the
// same run; this file only sequences them.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((name) => name.endsWith(".mjs") && name !== "run.mjs")
  .map((name) => name.slice(0, -".mjs".length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(", ")} (available: ${available.join(", ")})`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n== bench/${name}.mjs ==`);
  const run = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: "inherit" });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
