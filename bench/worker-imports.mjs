#!/usr/bin/env node
// What `roadwork worker` loads before it grades: a fresh Node process imports the worker's
// start-up module (dist/server/worker-process.js) or the server's (dist/server/runtime.js,
// which the worker loaded before they were apart). Prints the median wall time of each and
// their ratio, measured side by side in this run. Needs a build (npm run build).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const RUNS = Number(process.env.RUNS ?? 9);

function importMs(module) {
  const script = `const t = performance.now(); await import(${JSON.stringify(join(root, "dist", "server", module))}); process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const worker = [];
const server = [];
for (let i = 0; i < RUNS; i++) {
  worker.push(importMs("worker-process.js"));
  server.push(importMs("runtime.js"));
}
const w = median(worker);
const s = median(server);
console.log(`import dist/server/worker-process.js: median ${w.toFixed(1)} ms (${RUNS} runs)`);
console.log(`import dist/server/runtime.js:        median ${s.toFixed(1)} ms (${RUNS} runs)`);
console.log(`worker / server: ${(w / s).toFixed(2)}`);
