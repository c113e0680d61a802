#!/usr/bin/env node
// A zip bomb against the web server: `roadwork serve` in its own process, a learner uploads
// a 1 MiB .zip whose one entry unpacks to 1 GiB of zeros, while another client asks
// GET /healthz every 20 ms. Prints, for each of RUNS uploads, the time until the answer
// (413 expected), the slowest /healthz answer while the upload was handled, and the server's
// peak memory (VmHWM). Baseline in the same run: /healthz latency on the idle server.
// --declared-mib N: the archive declares N MiB instead (a lying bomb, inflated until it
// passes what it declared).
// Usage: node bench/upload-bomb.mjs [--runs 3] [--mib 1024] [--declared-mib 40] [--json]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option("--runs", 3);
const MIB = option("--mib", 1024);
const DECLARED_MIB = option("--declared-mib", undefined);
const POLL_MS = 20;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

const built = spawnSync(process.execPath, [join(root, "bin", "roadwork.cjs"), "--help"], { cwd: root, encoding: "utf8" });
if (built.status !== 0) {
  process.stderr.write(`building roadwork failed:\n${built.stdout}${built.stderr}`);
  process.exit(1);
}
const { zipBomb } = await tsImport(join(root, "test", "server", "zip-bomb.ts"), import.meta.url);
const bomb = zipBomb(DECLARED_MIB === undefined ? { mib: MIB } : { mib: MIB, declaredBytes: DECLARED_MIB * 1024 * 1024 });

const work = mkdtempSync(join(tmpdir(), "roadwork-bomb-"));
const server = spawn(process.execPath, [join(root, "bin", "roadwork.cjs"), "serve", "--port", "0", "--workers", "0", "--data", join(work, "data"), "--log-level", "warn"], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
});
const base = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk;
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    if (url) resolve(url);
  });
  server.on("exit", (code) => reject(new Error(`roadwork serve ended (${code}): ${out}`)));
});
server.stdout.resume();

const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function healthzLatencies(whilePromise) {
  const latencies = [];
  let running = true;
  void whilePromise.finally(() => (running = false));
  while (running) {
    const started = performance.now();
    const response = await fetch(new URL("healthz", base));
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return latencies;
}

try {
  const signup = await fetch(new URL("api/auth/signup", base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "bomber@example.org", name: "Bomber", password: "correct horse battery" }),
  });
  const cookie = /rw_session=[^;]+/.exec(signup.headers.get("set-cookie") ?? "")?.[0];
  const { csrfToken } = await signup.json();
  if (cookie === undefined) throw new Error(`sign up failed: ${signup.status}`);

  const idle = await healthzLatencies(new Promise((r) => setTimeout(r, 2000)));
  const rssBefore = peakRss();
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const form = new FormData();
    form.append("archive", new Blob([bomb], { type: "application/zip" }), "bomb.zip");
    const started = performance.now();
    const upload = fetch(new URL("api/projects/task-tracker/submissions", base), { method: "POST", headers: { cookie, "x-csrf-token": csrfToken }, body: form }).then(async (response) => {
      const body = await response.text();
      return { status: response.status, body, ms: performance.now() - started };
    });
    const [answer, latencies] = await Promise.all([upload, healthzLatencies(upload)]);
    runs.push({ status: answer.status, ms: answer.ms, healthzMax: Math.max(...latencies), healthzPolls: latencies.length, peakRssMiB: peakRss() });
    console.log(`upload ${i + 1}: ${answer.status} after ${ms(answer.ms)}; /healthz answered ${latencies.length} polls, slowest ${ms(Math.max(...latencies))}; server peak RSS ${peakRss().toFixed(0)} MiB  (${answer.body.slice(0, 120)})`);
  }
  console.log(`bomb: ${(bomb.length / 1024 / 1024).toFixed(2)} MiB zip, one entry of ${MIB} MiB${DECLARED_MIB === undefined ? "" : ` that declares ${DECLARED_MIB} MiB`}`);
  console.log(`idle /healthz (baseline, same run): median ${ms(median(idle))}, slowest ${ms(Math.max(...idle))}; server peak RSS before the uploads ${rssBefore.toFixed(0)} MiB`);
  console.log(`median time to answer: ${ms(median(runs.map((r) => r.ms)))}; median of the slowest /healthz per upload: ${ms(median(runs.map((r) => r.healthzMax)))} (${(median(runs.map((r) => r.healthzMax)) / median(idle)).toFixed(1)}x idle median)`);
  if (args.includes("--json")) console.log(JSON.stringify({ idle: { median: median(idle), max: Math.max(...idle) }, runs }));
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(work, { recursive: true, force: true });
}
