#!/usr/bin/env node
// Sandbox start overhead: `/usr/bin/python3 -c pass` run bare and in the sandbox, interleaved
// in the same process, ~30 times each; prints median and p95 of both and their ratio.
// Uses dist/ (npm run build) when it is at least as new as src/grading/sandbox; otherwise the
// TypeScript sources through tsx.
//   node bench/sandbox.mjs [runs]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";

const runs = Number(process.argv[2] ?? 30);
const dist = new URL("../dist/grading/sandbox/index.js", import.meta.url);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function loadSandboxModule() {
  const sources = fileURLToPath(new URL("../src/grading/sandbox", import.meta.url));
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestMtime(sources)) {
    console.log("using dist/");
    return import(dist.href);
  }
  console.log("using src/ through tsx (dist/ is missing or older than src/grading/sandbox)");
  const { register } = await import("tsx/esm/api");
  register();
  return import(new URL("../src/grading/sandbox/index.ts", import.meta.url).href);
}

function bare() {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/python3", ["-c", "pass"], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.resume();
    child.stderr.resume();
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`python exited ${code}`))));
  });
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95) };
}

const { createSandbox } = await loadSandboxModule();
const sandbox = await createSandbox();
const spec = { argv: ["/usr/bin/python3", "-c", "pass"] };
const time = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

for (let i = 0; i < 3; i++) {
  await bare();
  await sandbox.run(spec);
}
// CPU time is steadier than wall time on a busy machine: children's (reaped processes and
// their waited-for descendants, from /proc/self/stat) plus our own (process.cpuUsage()).
const TICK_MS = 10;
function childrenCpuMs() {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}
function ownCpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const cpu = { bare: { children: 0, own: 0 }, sandbox: { children: 0, own: 0 } };
async function measure(kind, fn) {
  const [children, own] = [childrenCpuMs(), ownCpuMs()];
  const ms = await time(fn);
  cpu[kind].children += childrenCpuMs() - children;
  cpu[kind].own += ownCpuMs() - own;
  return ms;
}

const bareMs = [];
const sandboxMs = [];
for (let i = 0; i < runs; i++) {
  bareMs.push(await measure("bare", bare));
  sandboxMs.push(
    await measure("sandbox", async () => {
      const result = await sandbox.run(spec);
      if (result.exitCode !== 0) throw new Error(`sandboxed python exited ${result.exitCode}: ${result.stderr}`);
    }),
  );
}
await sandbox.close();

const b = stats(bareMs);
const s = stats(sandboxMs);
const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`runs: ${runs} each, interleaved`);
console.log(`bare    /usr/bin/python3 -c pass: median ${fmt(b.median)}, p95 ${fmt(b.p95)}`);
console.log(`sandbox /usr/bin/python3 -c pass: median ${fmt(s.median)}, p95 ${fmt(s.p95)}`);
console.log(`ratio (median): ${(s.median / b.median).toFixed(2)}x, overhead ${fmt(s.median - b.median)} a run`);
const per = (kind) => ({ children: cpu[kind].children / runs, own: cpu[kind].own / runs });
const [cb, cs] = [per("bare"), per("sandbox")];
console.log(`CPU a run (children + this process): bare ${fmt(cb.children)} + ${fmt(cb.own)}, sandbox ${fmt(cs.children)} + ${fmt(cs.own)}`);
