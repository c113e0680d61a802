/**
 * Issue 14, item 4: the public landing page in real headless Chromium. A visitor sees what
 * roadwork is, the roadmap's steps and "Start learning" first; a returning visitor sees
 * "Log in" first. axe-core serious findings and sideways scrolling at desktop and 390 px.
 * Screenshots: test-output/screenshots/landing-*.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "./server.js";
import { seriousAxeViolations, sidewaysScroll } from "./page-checks.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const SHOTS = "test-output/screenshots";

describe("the landing page", { skip: skipWithoutChromium }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: import("playwright-core").Browser;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-landing-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const [name, width] of [["desktop", 1280], ["phone", 390]] as const) {
    it(`shows a visitor the roadmap and "Start learning" first at ${name} width`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.locator(".landing-steps li").first().waitFor();
      const steps = await page.locator(".landing-steps h3").allTextContents();
      assert.ok(steps.length > 0, "the roadmap lists its steps");
      assert.match(await page.locator(".landing-steps li").first().innerText(), /\d+ exercises?/);
      const actions = await page.locator(".landing-actions button").allTextContents();
      assert.deepEqual(actions, ["Start learning", "Log in"]);
      assert.equal(await page.getByLabel("Password").count(), 0, "no form before the visitor chooses");
      assert.equal(await sidewaysScroll(page), 0);
      for (const v of await seriousAxeViolations(page)) assert.fail(v);
      await page.screenshot({ path: `${SHOTS}/landing-${name}.png`, fullPage: true });
      await page.getByRole("button", { name: "Start learning" }).click();
      await page.getByLabel("Name").waitFor();
      assert.equal(new URL(page.url()).pathname, "/signup");
      await context.close();
    });
  }

  it('shows a returning visitor "Log in" first, and the log-in form leads to the roadmap', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Ada Visitor");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator("svg.roadmap").waitFor();
    assert.equal(new URL(page.url()).pathname, "/");
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Log in" }).waitFor();
    await page.goto(server.url);
    await page.locator(".landing-actions button").first().waitFor();
    assert.deepEqual(await page.locator(".landing-actions button").allTextContents(), ["Log in", "Start learning"]);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("svg.roadmap").waitFor();
    await context.close();
  });
});
