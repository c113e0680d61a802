/**
 * The editor's line numbers sit level with their lines, on a 390 px phone and on a desktop.
 * On phones they drifted (line 2's number ~10 px off line 2). Real headless Chromium against
 * the real server, one page. Screenshot: test-output/screenshots/editor-gutter-*.png.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "./server.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const SHOTS = "test-output/screenshots";
const skip = skipWithoutChromium;
/** Six lines, the third long enough to wrap on a phone if the editor ever wraps lines. */
const CODE = [
  "def running_total(numbers):",
  "    total = 0",
  "    # a long comment line that is wider than a phone screen, so it scrolls sideways or wraps",
  "    for n in numbers:",
  "        total += n",
  "    return total",
].join("\n");

interface Row { line: number; label: string; gutterTop: number; lineTop: number }

describe("editor line numbers", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-gutter-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Ada Gutter");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator("svg.roadmap").waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  function assertLevel(width: number, when: string, measured: Row[]): void {
    assert.equal(measured.length, 5, `the editor shows ${measured.length} lines`);
    for (const row of measured) {
      assert.equal(row.label, String(row.line), `line ${row.line} has no line number in the gutter`);
      const off = Math.abs(row.gutterTop - row.lineTop);
      assert.ok(off < 2, `at ${width} px ${when}, line number ${row.line} is ${off.toFixed(1)} px from its line: ${JSON.stringify(measured)}`);
    }
  }

  /** Top of each of the first five line-number cells and of the line it numbers, in CSS px. */
  async function rows(): Promise<Row[]> {
    return page.evaluate(() => {
      const lines = [...document.querySelectorAll<HTMLElement>(".cm-content .cm-line")].slice(0, 5);
      // The line-number gutter's cells; the first is CodeMirror's hidden width spacer.
      const cells = [...document.querySelectorAll<HTMLElement>(".cm-lineNumbers .cm-gutterElement")].filter((el) => el.style.visibility !== "hidden");
      return lines.map((line, i) => {
        const cell = cells.find((c) => c.textContent === String(i + 1));
        return { line: i + 1, label: cell?.textContent ?? "(none)", gutterTop: cell?.getBoundingClientRect().top ?? Number.NaN, lineTop: line.getBoundingClientRect().top };
      });
    });
  }

  for (const width of [390, 1280]) {
    it(`at ${width} px, each of the first 5 line numbers is level with its line, before and after editing`, async () => {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto(`${server.url}/exercises/running-total`);
      await page.locator(".cm-lineNumbers .cm-gutterElement").nth(1).waitFor(); // nth(0) is a hidden spacer
      // Two frames, so CodeMirror's own measuring (one animation frame after mounting) has run.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      // As loaded: on a phone the editor is below the lesson, out of view, and nothing has scrolled
      // yet. Measured before the full-page screenshot, which resizes the view and so re-measures.
      const loaded = await rows();
      await page.screenshot({ path: join(SHOTS, `editor-gutter-${width}-loaded.png`), fullPage: true });
      assertLevel(width, "as loaded", loaded);
      await page.locator(".cm-content").click();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Delete");
      await page.keyboard.insertText(CODE);
      await page.keyboard.press("Control+Home");
      await page.locator(".editor").screenshot({ path: join(SHOTS, `editor-gutter-${width}-edited.png`) });
      assertLevel(width, "after editing", await rows());
    });
  }
});
