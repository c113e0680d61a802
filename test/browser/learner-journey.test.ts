/**
 * The learner's journey in a real headless Chromium against the real server (started with
 * the CLI, real SQLite, real grading in the sandbox): sign up, open the roadmap, submit a
 * wrong solution and see the failing test, fix it, see it pass and the roadmap node turn
 * complete. Screenshots of the main pages land in test-output/screenshots/.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "./server.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const EXERCISE = "tracks/python-backend/exercises/running-total";
const SHOTS = "test-output/screenshots";
const skip = skipWithoutChromium;

describe("a learner in the browser", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-browser-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function typeCode(source: string): Promise<void> {
    const editor = page.locator(".cm-content");
    await editor.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    // insertText bypasses auto-indent and bracket closing, so the code arrives as written.
    await page.keyboard.insertText(source);
  }

  it("signs up and sees the roadmap with a suggested next step", async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Ada Learner");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator("svg.roadmap").waitFor();
    assert.ok((await page.locator("svg.roadmap a").count()) > 10, "the roadmap shows its steps and items");
    assert.match((await page.locator(".summary").textContent()) ?? "", /0 of \d+ verified/);
    assert.equal(await page.locator("svg rect.next").count() > 0, true, "the next suggested node is highlighted");
    await page.screenshot({ path: join(SHOTS, "roadmap.png"), fullPage: true });
  });

  it("submits a wrong solution, sees the failing test, fixes it and sees it pass", async () => {
    await page.goto(`${server.url}/exercises/running-total`);
    await page.locator(".cm-content").waitFor();
    await typeCode(await readFile(join(EXERCISE, "bad", "first_element.py"), "utf8"));
    await page.getByRole("button", { name: "Submit" }).click();
    await page.locator(".verdict-head.fail").waitFor({ timeout: 30_000 });
    const failing = page.locator(".test.fail, .test.error").first();
    assert.match((await failing.textContent()) ?? "", /test_/);
    await page.screenshot({ path: join(SHOTS, "exercise-fail.png"), fullPage: true });

    await typeCode(await readFile(join(EXERCISE, "solution.py"), "utf8"));
    await page.getByRole("button", { name: "Submit" }).click();
    await page.locator(".verdict-head.pass").waitFor({ timeout: 30_000 });
    assert.equal(await page.locator(".test.fail, .test.error").count(), 0);
    await page.screenshot({ path: join(SHOTS, "exercise-pass.png"), fullPage: true });
  });

  it("keeps the draft when the page is reloaded", async () => {
    await typeCode("# still thinking\n");
    await page.waitForTimeout(1_200); // the draft is saved 700 ms after the last keystroke
    await page.reload();
    await page.locator(".cm-content").waitFor();
    assert.match((await page.locator(".cm-content").textContent()) ?? "", /still thinking/);
  });

  it("shows the exercise as verified on the roadmap and the progress page", async () => {
    await page.goto(server.url);
    await page.locator("svg.roadmap").waitFor();
    assert.equal(await page.locator('svg a[href="/exercises/running-total"] rect.passed').count(), 1);
    await page.screenshot({ path: join(SHOTS, "roadmap-after.png"), fullPage: true });
    await page.goto(`${server.url}/progress`);
    await page.locator("svg.chart").waitFor();
    await page.screenshot({ path: join(SHOTS, "progress.png"), fullPage: true });
    await page.goto(`${server.url}/projects/task-tracker`);
    await page.locator(".stages").waitFor();
    await page.screenshot({ path: join(SHOTS, "project.png"), fullPage: true });
  });

  it("is readable on a phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/exercises/running-total`);
    await page.locator(".cm-content").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px on a phone`);
    await page.screenshot({ path: join(SHOTS, "exercise-phone.png"), fullPage: true });
  });
});
