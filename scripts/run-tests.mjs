#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Suites that need a service that is not running (PostgreSQL, Chromium) skip themselves
// with a message that says so; they never fail silently.
//
// The content check of the whole built-in track is over half of a full run (16 minutes of
// 29 on a slow day) and keeps both cores busy by itself, while the other files, one after
// another, leave about a third of the CPU idle (waiting on Chromium, on servers, on timers).
// So in a full run it starts first, in a process of its own at niceness 10, and takes what
// the others leave: they keep nine tenths of a core they want (the scheduler's weights for
// niceness 0 and 10), and it has the machine to itself once they are done. Its output is
// printed after theirs, whole, so that the two never interleave.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { setPriority } from "node:os";

const BACKGROUND = ["test/content/builtin-content-check.test.ts"];
const BACKGROUND_NICENESS = 10;

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
const background = only.length > 0 ? [] : files.filter((file) => BACKGROUND.includes(file));
const foreground = files.filter((file) => !background.includes(file));

const args = (list) => ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...list];
const env = { ...process.env, NODE_ENV: "test" };

/** Runs node --test on `list`; resolves with its exit status (1 when it could not run or was killed). */
function run(list, options) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args(list), { env, stdio: options.stdio });
    options.started?.(child);
    child.once("error", (error) => {
      console.error(`could not run ${list.join(", ")}: ${error.message}`);
      resolve(1);
    });
    child.once("close", (code) => resolve(code ?? 1));
  });
}

let held = "";
const backgroundDone =
  background.length === 0
    ? Promise.resolve(0)
    : run(background, {
        stdio: ["ignore", "pipe", "pipe"],
        started(child) {
          try {
            // Its sandboxes, servers and apps are its descendants: they inherit the niceness.
            setPriority(child.pid, BACKGROUND_NICENESS);
          } catch (error) {
            console.error(`${background.join(", ")} runs at the same priority as the other files: ${error.message}`);
          }
          child.stdout.setEncoding("utf8").on("data", (text) => (held += text));
          child.stderr.setEncoding("utf8").on("data", (text) => (held += text));
        },
      });

const foregroundStatus = foreground.length === 0 ? 0 : await run(foreground, { stdio: "inherit" });
if (background.length > 0) console.log(`\n${background.join(", ")}, run beside the files above at niceness ${BACKGROUND_NICENESS}:`);
const backgroundStatus = await backgroundDone;
const status = foregroundStatus !== 0 ? foregroundStatus : backgroundStatus;
// Exit once the held output has left (stdout may be a pipe).
process.stdout.write(held, () => process.exit(status));
