#!/usr/bin/env node
// Push-to-verdict of `git push` against `roadwork submit` of the same folder, in the same run:
// `roadwork serve` (warm in-process workers), one learner with an API token, the task-tracker
// Flask reference. Each round changes one line of a file, commits it, then times, one after
// the other (the order alternating each round), the whole command a learner runs until it
// has the verdict: `git push` (the stage lines arrive in its output) and `roadwork submit`
// (which follows the live results). Prints both medians and the ratio; floor: push <= 1.5x submit.
// Usage: node bench/git-push.mjs [--runs 5] [--json]
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { listeningBase, signUpBench } from "./lib/bench-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const RUNS = args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 5;
const JSON_OUT = args.includes("--json");
const FLOOR = 1.5;
const reference = join(root, "tracks", "python-backend", "projects", "task-tracker", "reference", "flask");

spawnSync(join(root, "bin", "roadwork"), ["--help"], { cwd: root });
const cli = join(root, "dist", "cli", "main.js");
const work = mkdtempSync(join(tmpdir(), "roadwork-git-push-bench-"));
const home = join(work, "home");
const project = join(work, "project");
cpSync(reference, project, { recursive: true });
const env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "bench@example.org", GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "bench@example.org", LC_ALL: "C" };
const git = (...a) => {
  const run = spawnSync("git", a, { cwd: project, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`git ${a.join(" ")}: ${run.stderr}`);
};
git("init", "-q", "-b", "main");
git("add", "-A");
git("commit", "-q", "-m", "reference");

const timed = (argv, options) =>
  new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(argv[0], argv.slice(1), { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.once("error", reject);
    child.once("close", (code) => resolve({ ms: performance.now() - start, code, output }));
  });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const server = spawn(process.execPath, [cli, "serve", "--data", join(work, "data"), "--port", "0", "--workers", "2", "--log-level", "error"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
let exitCode = 0;
try {
  const base = await listeningBase(server);
  const { cookie, csrfToken } = await signUpBench(base);
  const created = await fetch(`${base}/api/tokens`, { method: "POST", headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }) });
  const { token } = await created.json();
  const remote = new URL("/git/task-tracker.git", base);
  remote.username = "bench";
  remote.password = token;

  const pushOnce = async () => {
    const run = await timed(["git", "-c", "credential.helper=", "push", "-q", remote.href, "main"], { cwd: project, env });
    if (run.code !== 0 || !/all \d+ checks pass/.test(run.output)) throw new Error(`git push did not pass (exit ${run.code}):\n${run.output}`);
    return run.ms;
  };
  const submitOnce = async () => {
    const run = await timed([process.execPath, cli, "submit", "task-tracker", project, "--server", base, "--token", token], { cwd: root, env: { ...process.env, NODE_EXTRA_CA_CERTS: "" } });
    if (run.code !== 0) throw new Error(`roadwork submit did not pass (exit ${run.code}):\n${run.output}`);
    return run.ms;
  };
  // One of each first, not counted: the first start of the app's stages and the push sandbox.
  await pushOnce();
  await submitOnce();
  const pushes = [];
  const submits = [];
  for (let i = 0; i < RUNS; i++) {
    appendFileSync(join(project, "README.md"), `\nround ${i}\n`);
    git("add", "-A");
    git("commit", "-q", "-m", `round ${i}`);
    if (i % 2 === 0) {
      pushes.push(await pushOnce());
      submits.push(await submitOnce());
    } else {
      submits.push(await submitOnce());
      pushes.push(await pushOnce());
    }
  }
  const push = median(pushes);
  const submit = median(submits);
  const ratio = push / submit;
  if (JSON_OUT) console.log(JSON.stringify({ runs: RUNS, pushMedianMs: push, submitMedianMs: submit, ratio, floor: FLOOR }));
  else {
    console.log(`task-tracker Flask reference, ${RUNS} rounds, both commands run to the verdict`);
    console.log(`  roadwork submit  median ${submit.toFixed(0).padStart(6)} ms   (${submits.map((x) => x.toFixed(0)).join(", ")})`);
    console.log(`  git push         median ${push.toFixed(0).padStart(6)} ms   (${pushes.map((x) => x.toFixed(0)).join(", ")})`);
    console.log(`  ratio push/submit ${ratio.toFixed(2)} (floor: at most ${FLOOR})`);
  }
  if (ratio > FLOOR) exitCode = 1;
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  rmSync(work, { recursive: true, force: true });
}
process.exit(exitCode);
