#!/usr/bin/env node
// Speed of a tests-kind grading against a function exercise (issue 11's floor: a cold
// `roadwork grade` of a tests exercise with 4 mutants within 3x of a function exercise's cold
// grade, measured in the same run). Both are frozen fixtures:
//   function: test/fixtures/exercises/running-total with its reference solution
//   tests:    test/fixtures/exercises/tests-clamp (4 mutants, 1 equivalent) with its reference tests
//   git:      test/fixtures/exercises/git-readme (5 checks) with its reference repository
//             (a fast-import stream: the repository is built in the sandbox, then checked)
// Runs are interleaved so that the machine's ups and downs hit both alike. Prints the median
// wall time of each and the ratio, and the median CPU time (user + system of the command and
// everything it waited for), which a busy machine disturbs less.
// Usage: node bench/kinds.mjs [--runs 9]
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const index = args.indexOf("--runs");
const RUNS = index >= 0 ? Number(args[index + 1]) : 9;
const fixtures = join(root, "test", "fixtures", "exercises");
const kinds = {
  function: [join(fixtures, "running-total"), join(fixtures, "running-total", "solution.py")],
  tests: [join(fixtures, "tests-clamp"), join(fixtures, "tests-clamp", "solution.py")],
  git: [join(fixtures, "git-readme"), join(fixtures, "git-readme", "solution.fast-import")],
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Wall and CPU time of one cold grading; /usr/bin/time reports the CPU of the whole tree. */
function timed([dir, file]) {
  const start = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "CPU %U %S", process.execPath, join(root, "bin", "roadwork.cjs"), "grade", dir, file], { cwd: root, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`grading ${dir} ended with exit code ${run.status}:\n${run.stdout}${run.stderr}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(run.stderr);
  return { wall, cpu: cpu === null ? NaN : (Number(cpu[1]) + Number(cpu[2])) * 1000 };
}

// One warm-up each: builds dist/ if needed and fills the exercise cache, as after an install.
for (const kind of Object.values(kinds)) timed(kind);
const results = Object.fromEntries(Object.keys(kinds).map((name) => [name, { wall: [], cpu: [] }]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, kind] of Object.entries(kinds)) {
    const { wall, cpu } = timed(kind);
    results[name].wall.push(wall);
    results[name].cpu.push(cpu);
  }
}
const f = results.function;
const t = results.tests;
const line = (name, r) => `${name.padEnd(9)} wall median ${median(r.wall).toFixed(0)} ms   cpu median ${median(r.cpu).toFixed(0)} ms`;
console.log(`cold \`roadwork grade\`, ${RUNS} interleaved runs each (load average ${(await import("node:os")).loadavg()[0].toFixed(1)})`);
console.log(line("function", f));
console.log(line("tests", t));
console.log(line("git", results.git));
console.log(`ratio tests/function: wall ${(median(t.wall) / median(f.wall)).toFixed(2)}x, cpu ${(median(t.cpu) / median(f.cpu)).toFixed(2)}x (floor: 3x)`);
console.log(`ratio git/function:   wall ${(median(results.git.wall) / median(f.wall)).toFixed(2)}x, cpu ${(median(results.git.cpu) / median(f.cpu)).toFixed(2)}x`);
