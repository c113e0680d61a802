#!/usr/bin/env node
// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Suites that need a service that is not running (PostgreSQL, Chromium) skip themselves
// with a message that says so; they never fail silently.
//
// The content check of the whole built-in track is over half of a full run (16 minutes of
// 29 on a slow day) and keeps both cores busy by itself, while the other files, one after
// another, leave about a third of the CPU idle (waiting on Chromium, on servers, on timers).
// So in a full run, where it can be held back, it starts first in a process of its own and
// takes what the others leave; its output is printed after theirs, whole.
//
// Held back means a cpu cgroup of its own (cgroup v1, as root) with a small share of the CPU.
// Niceness is not enough: every sandboxed run starts a session of its own (bwrap
// --new-session), and with the kernel's autogroup each session is a scheduling group of its
// own, which a niceness set on its parent does not touch. Nor is an idle cgroup (cpu.idle):
// it would get no CPU at all while the others keep both cores busy, and a project stage's
// request gives up after 10 s of wall time, busy machine or not. Measured with one browser
// test file (a new learner's path) beside the content check: 40 s alone, 109 s beside it at
// niceness 10, 54 s with a share of 64, 49 s idle. Where no such cgroup can be made, every
// file runs one after another, as before.
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";

const BACKGROUND = ["test/content/builtin-content-check.test.ts"];
/** Its share against the 1024 of each other group: at least a ninth of the CPU the others want too. */
const BACKGROUND_SHARES = 128;
const CPU_CGROUP_ROOT = "/sys/fs/cgroup/cpu";

function collect(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...collect(path));
    else if (name.endsWith(".test.ts")) files.push(path);
  }
  return files;
}

/** A cpu cgroup with a small share, or undefined where none can be made (not root, cgroup v2, no cpu controller). */
function backgroundCgroup() {
  if (process.getuid?.() !== 0 || !existsSync(join(CPU_CGROUP_ROOT, "cpu.shares"))) return undefined;
  const dir = join(CPU_CGROUP_ROOT, `roadwork-tests-background-${process.pid}`);
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, "cpu.shares"), String(BACKGROUND_SHARES));
    return dir;
  } catch (error) {
    console.error(`the content check runs after the other files: no cpu cgroup to hold it back (${error.message})`);
    if (existsSync(dir)) rmdirSync(dir);
    return undefined;
  }
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : collect("test").sort();
const cgroup = only.length > 0 ? undefined : backgroundCgroup();
const background = cgroup === undefined ? [] : files.filter((file) => BACKGROUND.includes(file));
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
          // At once, before Node has started anything: its sandboxes, servers and apps are its
          // descendants, and stay in its cgroup.
          try {
            writeFileSync(join(cgroup, "cgroup.procs"), String(child.pid));
          } catch (error) {
            console.error(`${background.join(", ")} runs beside the other files with a full share of the CPU: ${error.message}`);
          }
          child.stdout.setEncoding("utf8").on("data", (text) => (held += text));
          child.stderr.setEncoding("utf8").on("data", (text) => (held += text));
        },
      });

const foregroundStatus = foreground.length === 0 ? 0 : await run(foreground, { stdio: "inherit" });
if (background.length > 0) console.log(`\n${background.join(", ")}, run beside the files above with a small share of the CPU:`);
const backgroundStatus = await backgroundDone;
// Its last processes may take a moment to leave the cgroup after it ended.
for (let attempt = 0; cgroup !== undefined && existsSync(cgroup); attempt++) {
  try {
    rmdirSync(cgroup);
  } catch (error) {
    if (attempt === 50) {
      console.error(`the cpu cgroup ${cgroup} could not be removed: ${error.message}`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const status = foregroundStatus !== 0 ? foregroundStatus : backgroundStatus;
// Exit once the held output has left (stdout may be a pipe).
process.stdout.write(held, () => process.exit(status));
