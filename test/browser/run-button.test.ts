/**
 * Run in the browser: Pyodide in a Web Worker tries the learner's code on the README's
 * examples. Real headless Chromium on a 390 px phone against the real server: a correct and
 * a wrong function, an endless loop stopped by the time limit, a program fed its example's
 * standard input; never a request to the submit API, never an attempt counted.
 * Screenshot: test-output/screenshots/run-*.png.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startServer, type RunningServer } from "./server.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";
import { seriousAxeViolations, sidewaysScroll } from "./page-checks.js";

const SHOTS = "test-output/screenshots";
const EXERCISES = "tracks/python-backend/exercises";
const skip = skipWithoutChromium;

describe("Run in the browser", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  /** Every request the page made to the API other than GETs: Run must add none. */
  const writes: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-run-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
    // bypassCSP: axe-core is injected as a script.
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Ada Runner");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator("svg.roadmap").waitFor();
    page.on("request", (request) => {
      if (request.method() !== "GET" && request.url().includes("/api/")) writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function typeCode(source: string): Promise<void> {
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    // insertText bypasses auto-indent and bracket closing, so the code arrives as written.
    await page.keyboard.insertText(source);
  }

  /** Presses Run and waits until the output region shows a result (not the loading line). */
  async function run(): Promise<string> {
    await page.getByRole("button", { name: "Run", exact: true }).click();
    const head = page.locator(".run-output .run-head, .run-output .error");
    await head.first().waitFor({ timeout: 120_000 });
    return (await page.locator(".run-output").textContent()) ?? "";
  }

  const submissionsPosted = (): string[] => writes.filter((w) => w.includes("/submissions"));

  it("a correct function: every example of the README matches, and the load time is shown", async () => {
    await page.goto(`${server.url}/exercises/running-total`);
    await typeCode(await readFile(join(EXERCISES, "running-total", "solution.py"), "utf8"));
    const text = await run();
    assert.match(text, /All 3 examples match/);
    assert.match((await page.locator(".run-load").textContent()) ?? "", /^Python loaded in \d+\.\d s/);
    assert.equal(await page.locator(".run-output li.test.pass").count(), 3);
  });

  it("a wrong function: each example that differs shows what was expected and what came back", async () => {
    await typeCode("def running_total(numbers):\n    return [sum(numbers)] if numbers else []\n");
    const text = await run();
    assert.match(text, /1 of 3 examples match/, "only the empty list's example matches");
    const failed = page.locator(".run-output li.test.fail").first();
    assert.match((await failed.textContent()) ?? "", />>> running_total\(\[1, 2, 3, 4\]\)Expected:\[1, 3, 6, 10\]\s*Got:\[10\]/);
    // The page was loaded once: the load time stays, and is not measured again.
    assert.match((await page.locator(".run-load").textContent()) ?? "", /^Python loaded in/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.equal(await sidewaysScroll(page), 0, "the page scrolls sideways at 390 px");
    await page.screenshot({ path: join(SHOTS, "run-function-390.png"), fullPage: true });
  });

  it("an endless loop is stopped by the time limit, and the next Run starts Python afresh", async () => {
    await typeCode("def running_total(numbers):\n    while True:\n        pass\n");
    const text = await run();
    assert.match(text, /Stopped after 5 s\./);
    await typeCode(await readFile(join(EXERCISES, "running-total", "solution.py"), "utf8"));
    assert.match(await run(), /All 3 examples match/);
  });

  it("a program: each example runs with its standard input and arguments, with output and exit code", async () => {
    await page.goto(`${server.url}/exercises/greet-user`);
    await typeCode(await readFile(join(EXERCISES, "greet-user", "solution.py"), "utf8"));
    const text = await run();
    assert.match(text, /All 3 examples match/);
    assert.match(text, /\$ echo "Ada" \| python3 solution\.pyStandard output:Hello, Ada!/);
    assert.match(text, /Standard error:error: please type a name\s*Exit code: 1/);
    await typeCode("import sys\nname = sys.stdin.readline().strip()\nprint(f'Hi {name}')\n");
    const wrong = await run();
    assert.match(wrong, /0 of 3 examples match/);
    assert.match(wrong, /Expected:Hello, Ada!\s*Standard output:Hi Ada/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.equal(await sidewaysScroll(page), 0, "the page scrolls sideways at 390 px");
    await page.screenshot({ path: join(SHOTS, "run-program-390.png"), fullPage: true });
  });

  it("Python in the worker cannot reach the network: no fetch, XMLHttpRequest or WebSocket from js", async () => {
    await typeCode("import js\nprint([name for name in ('fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts') if hasattr(js, name)])\n");
    const text = await run();
    assert.match(text, /Standard output:\[\]/, text);
  });

  it("Run never posts to the submit API and counts no attempt", async () => {
    assert.deepEqual(submissionsPosted(), [], `Run sent: ${submissionsPosted().join(", ")}`);
    for (const id of ["running-total", "greet-user"]) {
      const history = await page.evaluate(async (path) => (await (await fetch(path)).json()) as { submissions: unknown[] }, `/api/exercises/${id}/submissions`);
      assert.equal(history.submissions.length, 0, `${id} has ${history.submissions.length} attempts after Run`);
    }
  });

  it("an SQL exercise has no Run button: it needs the server's database", async () => {
    await page.goto(`${server.url}/exercises/sql-active-users`);
    await page.locator(".cm-content").waitFor();
    assert.equal(await page.getByRole("button", { name: "Submit" }).count(), 1);
    assert.equal(await page.getByRole("button", { name: "Run", exact: true }).count(), 0);
  });
});
