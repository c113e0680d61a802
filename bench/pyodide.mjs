#!/usr/bin/env node
// Run in the browser (issue 14, item 2), in real headless Chromium against a real
// `roadwork serve`: the first load of Python (Pyodide from roadwork's own /pyodide/<version>/,
// empty browser cache), the load again with the browser's cache (a new page), and the warm Run
// of running-total's three README examples, median of N. Baseline in the same run: a round trip
// of an empty message to the same worker script (what any Run costs before Python does
// anything). Floor: warm Run under 100 ms. Run `npm run build` first.
// Usage: node bench/pyodide.mjs [runs, default 30]. Exits 1 when the floor is missed.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNS = Number(process.argv[2] ?? 30);
const FLOOR_MS = 100;
const CHROMIUM = "/usr/bin/chromium";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(CHROMIUM)) {
  console.log(`skipped: Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`);
  process.exit(0);
}

const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once("error", reject);
  probe.listen(0, "127.0.0.1", () => {
    const { port: p } = probe.address();
    probe.close(() => resolve(p));
  });
});
const url = `http://127.0.0.1:${port}`;
const data = mkdtempSync(join(tmpdir(), "roadwork-bench-pyodide-"));
const server = spawn(process.execPath, [join(root, "bin", "roadwork.cjs"), "serve", "--port", String(port), "--host", "127.0.0.1", "--data", data], { stdio: "ignore", env: { ...process.env, LOG_LEVEL: "warn" } });
const { chromium } = await import("playwright-core");
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

try {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    if (i > 600) throw new Error("the server did not answer /healthz within 60 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let pyodideBytes = 0;
  page.on("requestfinished", async (request) => {
    if (request.url().includes("/pyodide/")) pyodideBytes += (await request.sizes()).responseBodySize;
  });
  await page.goto(`${url}/signup`);
  await page.getByLabel("Name").fill("Bench Runner");
  await page.getByLabel("Email").fill("bench@example.com");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.locator("svg.roadmap").waitFor();

  const solution = readFileSync(join(root, "tracks/python-backend/exercises/running-total/solution.py"), "utf8");
  const openExercise = async (p) => {
    await p.goto(`${url}/exercises/running-total`);
    await p.locator(".cm-content").click();
    await p.keyboard.press("Control+A");
    await p.keyboard.press("Delete");
    await p.keyboard.insertText(solution);
  };
  // One Run, timed in the page from the click to the result on screen.
  const runOnce = (p) => p.evaluate(async () => {
    const out = document.querySelector(".run-output");
    const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Run");
    const started = performance.now();
    button.click();
    await new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (out.querySelector(".run-head, .error")) { watch.disconnect(); resolve(); }
      });
      watch.observe(out, { childList: true, subtree: true });
    });
    return { ms: performance.now() - started, text: out.textContent };
  });
  const loadNote = async (p) => (await p.locator(".run-load").textContent()) ?? "";

  await openExercise(page);
  const cold = await runOnce(page);
  if (!/All 3 examples match/.test(cold.text)) throw new Error(`the first Run did not pass: ${cold.text}`);
  const coldNote = await loadNote(page);

  const warm = [];
  for (let i = 0; i < RUNS; i += 1) warm.push((await runOnce(page)).ms);

  // Baseline: an empty message to a second instance of the same worker script, warm.
  const ping = await page.evaluate(async (n) => {
    const script = performance.getEntriesByType("resource").map((e) => e.name).find((name) => name.includes("python-worker"));
    const worker = new Worker(script, { type: "module" });
    let id = 0;
    const roundTrip = () => new Promise((resolve) => {
      const started = performance.now();
      const mine = ++id;
      worker.addEventListener("message", function on(event) {
        if (event.data.type === "pong" && event.data.id === mine) { worker.removeEventListener("message", on); resolve(performance.now() - started); }
      });
      worker.postMessage({ type: "ping", id: mine });
    });
    await roundTrip(); // start-up
    const times = [];
    for (let i = 0; i < n; i += 1) times.push(await roundTrip());
    worker.terminate();
    return times;
  }, RUNS);

  // The same files again in a new page: the browser's cache (immutable, so no revalidation).
  const bytesBefore = pyodideBytes;
  const second = await context.newPage();
  await openExercise(second);
  const cached = await runOnce(second);
  const cachedNote = await loadNote(second);
  const fetchedAgain = pyodideBytes - bytesBefore;

  const warmMedian = median(warm);
  const pingMedian = median(ping);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} (the loads are CPU-bound: compiling 9.6 MB of WebAssembly and starting Python)`);
  console.log(`first load, empty cache: Run to result ${ms(cold.ms)}; page says "${coldNote}"; ${(bytesBefore / 1024 / 1024).toFixed(1)} MB of /pyodide/ transferred`);
  console.log(`load again, browser cache: Run to result ${ms(cached.ms)}; page says "${cachedNote}"; ${(fetchedAgain / 1024).toFixed(0)} KB of /pyodide/ transferred`);
  console.log(`baseline, empty worker round trip: median ${ms(pingMedian)} (${RUNS} runs)`);
  console.log(`warm Run of running-total's 3 examples: median ${ms(warmMedian)} (${RUNS} runs), ${(warmMedian / pingMedian).toFixed(1)}x the baseline`);
  const ok = warmMedian < FLOOR_MS;
  console.log(`floor: warm Run < ${FLOOR_MS} ms: ${ok ? "ok" : "MISSED"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  server.kill("SIGTERM");
  rmSync(data, { recursive: true, force: true });
}
