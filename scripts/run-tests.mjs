#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Suites that need a service that is not running (PostgreSQL, Chromium) skip themselves
// with a message that says so; they never fail silently.
//
// One file after another. Running the whole track's content check (over half of a full run)
// beside the others, in a cpu cgroup with a small share, was measured on 2026-12-07 and
// not kept: 28.1 minutes of tests against 29.3 one after another, the others 46 % slower; on
// two cores they leave too little of the CPU idle for it to be worth the contention.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (name.endsWith(".test.ts")) files.push(path);
  }
  return files;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : collect("test").sort();
const run = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
process.exit(run.status ?? 1);
