/**
 * The progress page's activity calendar, in real headless Chromium against the real server on a
 * 390 px phone: a new learner sees an empty calendar and says so in words; after a failed and
 * a passing attempt today, today's square says "2 attempts, 1 passed", darker and ringed, and
 * the list of active days says it too. axe-clean, no sideways scroll.
 * In a browser whose time zone is on another date than UTC, the days are that zone's.
 * Screenshot: test-output/screenshots/progress-calendar-390.png.
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
const EXERCISE = "tracks/python-backend/exercises/running-total";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const skip = skipWithoutChromium;

describe("the activity calendar on the progress page", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-calendar-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })).newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Ada Calendar");
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

  async function submit(source: string, verdict: "pass" | "fail"): Promise<void> {
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(source);
    await page.getByRole("button", { name: "Submit" }).click();
    await page.locator(`.verdict-head.${verdict}`).waitFor({ timeout: 60_000 });
  }

  it("a new learner sees 26 weeks of empty days, and a sentence saying so", async () => {
    await page.goto(`${server.url}/progress`);
    const calendar = page.getByRole("table", { name: /Attempts per day/ });
    await calendar.waitFor();
    assert.equal(await calendar.locator("tbody tr").count(), 7, "a row per weekday");
    assert.equal(await calendar.locator("thead th").count(), 26, "a column per week");
    assert.equal(await calendar.locator("td.day:not(.l0)").count(), 0);
    assert.match((await page.locator(".activity-summary").textContent()) ?? "", /No attempts in the last 26 weeks yet/);
  });

  it("after a failed and a passing attempt, today's square and the text both say so", async () => {
    await page.goto(`${server.url}/exercises/running-total`);
    await submit(await readFile(join(EXERCISE, "bad", "first_element.py"), "utf8"), "fail");
    await submit(await readFile(join(EXERCISE, "solution.py"), "utf8"), "pass");
    await page.goto(`${server.url}/progress`);
    await page.locator("table.calendar").waitFor();
    const now = new Date();
    const today = `${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()}`;
    assert.match((await page.locator(".activity-summary").textContent()) ?? "", /In the last 26 weeks: 2 attempts on 1 day, 1 passed\./);
    const active = page.locator("table.calendar td.day:not(.l0)");
    assert.equal(await active.count(), 1);
    assert.equal(await active.textContent(), `${today}: 2 attempts, 1 passed`);
    assert.match((await active.getAttribute("class")) ?? "", /\bl2\b.*\bpassed\b/);
    await page.getByText("Days with attempts").click();
    assert.equal(await page.locator(".activity-days li").textContent(), `${today}: 2 attempts, 1 passed`);
    assert.deepEqual(await seriousAxeViolations(page), []);
    assert.equal(await sidewaysScroll(page), 0, "the progress page scrolls sideways at 390 px");
    await page.screenshot({ path: join(SHOTS, "progress-calendar-390.png"), fullPage: true });
  });

  it("the calendar is as wide as its weeks: it fits a phone without scrolling inside itself, does not stretch on a desktop, and no month name is cut or overlaps another", async () => {
    const layout = async (at: Page) => at.evaluate(() => {
      const box = document.querySelector(".calendar-scroll") as HTMLElement;
      const edge = box.getBoundingClientRect();
      const names = [...document.querySelectorAll("table.calendar th.month span[aria-hidden]")].map((span) => ({ text: span.textContent ?? "", ...(({ left, right }) => ({ left, right }))(span.getBoundingClientRect()) }));
      return {
        overflow: box.scrollWidth - box.clientWidth,
        table: document.querySelector("table.calendar")!.getBoundingClientRect().width,
        weekday: document.querySelector("table.calendar th.weekday")!.getBoundingClientRect().width,
        names,
        boxLeft: edge.left,
        boxRight: edge.right,
      };
    });
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, storageState: await page.context().storageState() });
    try {
      const wide = await desktop.newPage();
      await wide.goto(`${server.url}/progress`);
      await wide.locator("table.calendar").waitFor();
      await page.goto(`${server.url}/progress`);
      await page.locator("table.calendar").waitFor();
      for (const [width, at] of [[390, page], [1280, wide]] as const) {
        const seen = await layout(at);
        assert.equal(seen.overflow, 0, `${width} px: the calendar scrolls sideways inside itself by ${seen.overflow} px`);
        assert.ok(seen.table < 26 * 13 + 60, `${width} px: the calendar is ${seen.table} px wide, stretched past its 26 weeks`);
        assert.ok(seen.weekday < 40, `${width} px: the weekday column is ${seen.weekday} px wide`);
        assert.ok(seen.names.length >= 4, `${width} px: only ${seen.names.length} month names`);
        for (const [i, name] of seen.names.entries()) {
          const next = seen.names[i + 1];
          assert.ok(name.left >= seen.boxLeft && name.right <= seen.boxRight, `${width} px: "${name.text}" is cut by the calendar's edge`);
          if (next) assert.ok(name.right <= next.left, `${width} px: "${name.text}" overlaps "${next.text}"`);
        }
      }
      await wide.locator("section.activity").screenshot({ path: join(SHOTS, "progress-calendar-1280.png") });
    } finally {
      await desktop.close();
    }
  });

  it("in a browser whose time zone is on another date than UTC, the attempts are on that zone's today", async () => {
    // One of these two zones is on another date than UTC at any hour: +14 h from 10:00 UTC, -11 h before 11:00 UTC.
    const timeZone = new Date().getUTCHours() >= 10 ? "Pacific/Kiritimati" : "Pacific/Pago_Pago";
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, timezoneId: timeZone, storageState: await page.context().storageState() });
    try {
      const zoned = await context.newPage();
      const now = new Date();
      const day = (zone: string): string => new Intl.DateTimeFormat("en-US", { timeZone: zone, month: "short", day: "numeric" }).format(now);
      assert.notEqual(day(timeZone), day("UTC"), `${timeZone} is on the same date as UTC now; the check below would prove nothing`);
      await zoned.goto(`${server.url}/progress`);
      await zoned.locator("table.calendar").waitFor();
      const active = zoned.locator("table.calendar td.day:not(.l0)");
      assert.equal(await active.count(), 1);
      assert.equal(await active.textContent(), `${day(timeZone)}: 2 attempts, 1 passed`, `the attempts belong to ${timeZone}'s today, not UTC's (${day("UTC")})`);
    } finally {
      await context.close();
    }
  });
});
