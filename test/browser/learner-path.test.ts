/**
 * Issue 14, item 1: a new learner's path in real headless Chromium against the real server,
 * at desktop width and on a 390 px phone. Each test pins one thing that tripped a learner:
 * the editor's indent, Tab and Ctrl+Enter; no next step after a pass; hints; the progress
 * page; the project page; 404 and 403 pages, titles, log-out; sideways scrolling, label
 * sizes and axe-core's serious findings on every page. Screenshots: test-output/screenshots/path-*.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { startServer, type RunningServer } from "./server.js";
import { brokenTableWords, seriousAxeViolations, sidewaysScroll, smallestSvgText } from "./page-checks.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const SHOTS = "test-output/screenshots";
const skip = skipWithoutChromium;

describe("a new learner's path", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-path-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
    // bypassCSP: only so axe-core can be injected; the app itself runs under its CSP in the other suite.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const editorLines = async (): Promise<string[]> => page.locator(".cm-line").allTextContents();
  const focusedIsEditor = async (): Promise<boolean> => page.evaluate(() => document.activeElement?.classList.contains("cm-content") ?? false);
  async function replaceCode(source: string): Promise<void> {
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(source);
  }

  it("signs up", async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Grace Learner");
    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator("svg.roadmap").waitFor();
  });

  it("indents Python by 4 spaces: Enter after a `for ...:` line inside a function opens an 8-space line", async () => {
    await page.goto(`${server.url}/exercises/running-total`);
    await page.locator(".cm-content").waitFor();
    await replaceCode("def running_total(numbers):\n    for n in numbers:");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("print(n)");
    const lines = await editorLines();
    assert.equal(lines.at(-1), "        print(n)", `the new line is ${JSON.stringify(lines.at(-1))}`);
  });

  it("indents with Tab and stays in the editor; Esc then Tab leaves it, as the hint beside it says", async () => {
    await replaceCode("x = 1");
    await page.keyboard.press("Home");
    await page.keyboard.press("Tab");
    assert.equal(await focusedIsEditor(), true, "Tab moved focus out of the editor");
    assert.equal((await editorLines())[0], "    x = 1");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    assert.equal(await focusedIsEditor(), false, "Esc then Tab should leave the editor");
    assert.match((await page.locator("#editor-keys").textContent()) ?? "", /Esc, then Tab/);
    assert.equal(await page.locator(".cm-content").getAttribute("aria-describedby"), "editor-keys");
  });

  it("submits with Ctrl+Enter without adding a line; hints stay hidden until asked for, one at a time", async () => {
    assert.equal(await page.locator(".hint-list li").count(), 0, "no hint is shown before the learner asks");
    assert.doesNotMatch((await page.locator("main").textContent()) ?? "", /Keep a variable/, "the hints' text is not on the page");
    const wrong = await readFile("tracks/python-backend/exercises/running-total/bad/first_element.py", "utf8");
    await replaceCode(wrong);
    const before = await editorLines();
    await page.keyboard.press("Control+Enter");
    await page.locator(".verdict-head.fail").waitFor({ timeout: 60_000 });
    assert.deepEqual(await editorLines(), before, "Ctrl+Enter changed the code");
    await page.getByRole("button", { name: /Show a hint/ }).click();
    await page.locator(".hint-list li").first().waitFor();
    assert.equal(await page.locator(".hint-list li").count(), 1, "one hint per request");
  });

  it("after a pass: a celebration, a Next link to the next item of the roadmap, and focus on the verdict", async () => {
    await replaceCode(await readFile("tracks/python-backend/exercises/running-total/solution.py", "utf8"));
    await page.getByRole("button", { name: "Submit" }).click();
    await page.locator(".verdict-head.pass").waitFor({ timeout: 60_000 });
    const next = page.locator(".celebrate a.next-link");
    await next.waitFor();
    // running-total is followed by mask-card in the track's python-basics step.
    assert.equal(await next.getAttribute("href"), "/exercises/mask-card");
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("verdict") ?? false), true, "focus is on the verdict");
    await page.screenshot({ path: join(SHOTS, "path-exercise-pass.png"), fullPage: true });
  });

  it("the progress page counts steps by verified work and shows each step", async () => {
    await page.goto(`${server.url}/progress`);
    const steps = page.locator(".step-progress li");
    await steps.first().waitFor();
    assert.equal(await steps.count(), 6);
    assert.match((await steps.first().textContent()) ?? "", /Python basics.*1 of 22 verified/);
    assert.match((await page.locator(".lead").first().textContent()) ?? "", /0 of 6 steps done/);
  });

  it("shows no step as locked, and later items stay open (the server grades them: requires is the suggested order)", async () => {
    await page.goto(server.url);
    await page.locator("svg.roadmap").waitFor();
    const labels = await page.locator("svg.roadmap a").evaluateAll((links) => links.map((a) => `${a.getAttribute("aria-label") ?? ""} ${a.textContent ?? ""}`));
    assert.equal(labels.filter((l) => /locked/i.test(l)).length, 0, "no node says locked");
    assert.doesNotMatch((await page.locator(".legend").textContent()) ?? "", /locked|finish the steps before it first/i);
    assert.ok((await page.locator("svg rect.upcoming").count()) > 0, "later steps are drawn as upcoming");
    await page.goto(`${server.url}/steps/databases`);
    await page.locator(".note").waitFor();
    assert.match((await page.locator(".note").textContent()) ?? "", /Suggested after A web framework.*open now/);
  });

  it("the project page: upload first, a command the learner has, and the results refresh after an upload", async () => {
    await page.goto(`${server.url}/projects/task-tracker`);
    await page.locator(".stages").waitFor();
    const uploadFirst = await page.evaluate(() => {
      const form = document.querySelector("form.upload");
      const stages = document.querySelector(".stages");
      return form !== null && stages !== null && (form.compareDocumentPosition(stages) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    assert.equal(uploadFirst, true, "the upload form comes before the stages");
    const text = (await page.locator("main").textContent()) ?? "";
    assert.match(text, /npx roadwork test --dir ~\/my-task-tracker --project task-tracker --stage 1/);
    assert.match(text, /No attempts yet/);
    // A Flask app without routes: stage 1 fails fast, and the page must show it without a reload.
    const archive = zipSync({ "app.py": strToU8("from flask import Flask\napp = Flask(__name__)\n") });
    await page.locator("input[type=file]").setInputFiles({ name: "app.zip", mimeType: "application/zip", buffer: Buffer.from(archive) });
    await page.getByRole("button", { name: "Submit project" }).click();
    await page.locator(".verdict .verdict-head.fail, .verdict .verdict-head.error").waitFor({ timeout: 120_000 });
    await page.locator(".history li").first().waitFor();
    assert.equal(await page.locator(".history li").count(), 1, "the new submission is listed without a reload");
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("verdict") ?? false), true, "focus is on the verdict");
  });

  it("answers an unknown address with a 404 page, shows a learner a clear 403 page on /cohort, and titles each page", async () => {
    const response = await page.goto(`${server.url}/no-such-page`);
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator("h1").textContent(), "Page not found");
    assert.equal(await page.title(), "Page not found · roadwork");
    await page.goto(`${server.url}/cohort`);
    await page.locator("h1").waitFor();
    assert.equal(await page.locator("h1").textContent(), "Not for your account");
    assert.doesNotMatch((await page.locator("main").textContent()) ?? "", /Something went wrong/);
    const titles = new Set<string>();
    for (const path of ["/", "/progress", "/account", "/exercises/running-total", "/steps/python-basics", "/projects/task-tracker"]) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForFunction(() => document.title !== "roadwork");
      titles.add(await page.title());
    }
    assert.equal(titles.size, 6, `every page has its own title: ${[...titles].join(" | ")}`);
  });

  // Every page, at both widths: no sideways scrolling, readable roadmap labels, no serious axe finding.
  const pages = ["/", "/steps/python-basics", "/exercises/running-total", "/exercises/sql-active-users", "/projects/task-tracker", "/progress", "/account", "/cohort", "/no-such-page"];
  for (const width of [1280, 390]) {
    it(`every page at ${width} px: fits the width, readable labels, no serious or critical axe-core violation`, async () => {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(`${server.url}${path}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        const overflow = await sidewaysScroll(page);
        if (overflow > 0) problems.push(`${path} scrolls sideways by ${overflow} px`);
        for (const v of await seriousAxeViolations(page)) problems.push(`${path}: ${v}`);
        const broken = await brokenTableWords(page);
        if (broken.length > 0) problems.push(`${path}: words broken across lines in a table: ${broken.slice(0, 5).join(", ")}`);
        const tiny = await smallestSvgText(page);
        if (tiny.px < 11) problems.push(`${path}: the chart text "${tiny.text}" is drawn at ${tiny.px.toFixed(1)} px`);
        const name = path === "/" ? "roadmap" : path.slice(1).replace(/\//g, "-");
        await page.screenshot({ path: join(SHOTS, `path-${width}-${name}.png`), fullPage: true });
      }
      await page.goto(server.url);
      await page.locator("svg.roadmap text").first().waitFor();
      // The size a label is drawn at: its font size times the SVG's scale on screen.
      const smallest = await page.evaluate(() => {
        const svg = document.querySelector("svg.roadmap") as SVGSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
      });
      if (smallest < 12) problems.push(`the roadmap's smallest label is ${smallest.toFixed(1)} px`);
      assert.deepEqual(problems, []);
    });
  }

  it("after logging out shows the log-in form, not sign-up", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(server.url);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Log in" }).waitFor();
    assert.equal(await page.getByLabel("Name").count(), 0, "the sign-up form's Name field is not shown");
    assert.equal(await page.title(), "Log in · roadwork");
    for (const v of await seriousAxeViolations(page)) assert.fail(v);
    await page.getByLabel("Email").fill("grace@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("svg.roadmap").waitFor();
  });
});
