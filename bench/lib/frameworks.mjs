// What the project benchmarks measure their suites against: each framework's bare import
// time, with Debian's interpreter, in the same run. (A folder of its own: bench/run.mjs
// runs every .mjs file directly in bench/ as a benchmark.)
import { spawnSync } from "node:child_process";

export const PYTHON = "/usr/bin/python3";

/** The import that stands for each framework's start-up. */
export const IMPORTS = {
  flask: "import flask",
  fastapi: "import fastapi, uvicorn",
  django: "import django.core.management, django.db.models",
};

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median wall time of `runs` bare `python3 -c STATEMENT`, in ms. */
export function importTimeMs(statement, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(PYTHON, ["-c", statement], { stdio: "ignore" });
    if (run.status !== 0) throw new Error(`${PYTHON} -c "${statement}" failed`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}
