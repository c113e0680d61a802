/**
 * Feedback between people, in a real headless Chromium against the real server (CLI, SQLite,
 * grading in the sandbox): A passes running-total with code that tries to break out of the
 * page and publishes it; B sees nothing before passing, then reads A's solution as text and
 * stars it; a mentor creates a cohort, both learners join by the link, and the mentor sees
 * the dashboard. Screenshots at desktop and phone widths land in test-output/screenshots/.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "./server.js";
import { openDatabase, Store } from "../../src/store/index.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const SHOTS = "test-output/screenshots";
const HOSTILE = "</script><script>alert(1)</script>";
const skip = skipWithoutChromium;

describe("community solutions and cohorts in the browser", { skip }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: import("playwright-core").Browser;
  const dialogs: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-browser-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A signed-up user in a browser context of their own; any dialog (an alert(1) that ran) is recorded. */
  async function person(name: string): Promise<{ page: import("playwright-core").Page; csrf: string }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(`${name}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.request.post(`${server.url}/api/auth/signup`, { data: { email: `${name.toLowerCase()}@example.org`, name, password: "correct horse battery" } });
    assert.equal(response.status(), 201, await response.text());
    return { page, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
  }

  async function passRunningTotal(who: { page: import("playwright-core").Page; csrf: string }, source: string): Promise<void> {
    const sent = await who.page.request.post(`${server.url}/api/exercises/running-total/submissions`, { data: { source }, headers: { "x-csrf-token": who.csrf } });
    assert.equal(sent.status(), 202, await sent.text());
    const { id } = (await sent.json()) as { id: string };
    for (let i = 0; i < 600; i++) {
      const { status } = (await (await who.page.request.get(`${server.url}/api/submissions/${id}`)).json()) as { status: string };
      if (status === "pass") return;
      assert.ok(status === "queued" || status === "running", `the solution was graded ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail("no verdict within two minutes");
  }

  async function shots(page: import("playwright-core").Page, name: string, ready: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator(ready).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name} scrolls sideways by ${overflow}px on a phone`);
    await page.screenshot({ path: join(SHOTS, `${name}-phone.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  let ada: Awaited<ReturnType<typeof person>>;
  let bob: Awaited<ReturnType<typeof person>>;

  it("A passes with hostile code in it and publishes it from the solutions page", async () => {
    ada = await person("Ada");
    const solution = await readFile("tracks/python-backend/exercises/running-total/solution.py", "utf8");
    await passRunningTotal(ada, `${solution}\n# ${HOSTILE}\nNOTE = "${HOSTILE}"\n`);
    await ada.page.goto(`${server.url}/exercises/running-total`);
    await ada.page.getByRole("link", { name: "Community solutions" }).click();
    await ada.page.getByRole("button", { name: "Publish this solution" }).click();
    await ada.page.getByRole("button", { name: "Unpublish" }).waitFor();
    assert.equal(await ada.page.locator(".solution").count(), 1, "A sees their own published solution");
  });

  it("B sees nothing before passing, then reads A's solution as text and stars it", async () => {
    bob = await person("Bob");
    await bob.page.goto(`${server.url}/exercises/running-total/solutions`);
    await bob.page.getByText("Pass this exercise first to see how others solved it.").waitFor();
    assert.equal(await bob.page.locator(".solution").count(), 0);
    await shots(bob.page, "solutions-locked", ".locked-note");

    await passRunningTotal(bob, await readFile("tracks/python-backend/exercises/running-total/solution.py", "utf8"));
    await bob.page.goto(`${server.url}/exercises/running-total/solutions`);
    const card = bob.page.locator(".solution", { hasText: "Ada" });
    await card.waitFor();
    assert.match((await card.locator(".cm-content").textContent()) ?? "", /<\/script><script>alert\(1\)<\/script>/, "the hostile code is shown as text");
    assert.ok((await card.locator(".cm-content span[class]").count()) > 3, "the code is highlighted");
    assert.equal(await bob.page.locator("main script").count(), 0, "nothing from the code became an element");
    await card.getByRole("button", { name: "☆ Star" }).click();
    await card.getByRole("button", { name: "★ Starred" }).waitFor();
    assert.equal(await card.locator(".stars").textContent(), "1 star");
    await bob.page.reload();
    await bob.page.locator(".solution .stars", { hasText: "1 star" }).waitFor();
    await shots(bob.page, "solutions", ".solution .cm-content");
    assert.deepEqual(dialogs, [], "no script from a solution ran");
  });

  it("a mentor creates a cohort, both learners join by the link, and the mentor sees the dashboard", async () => {
    const mentor = await person("Mona");
    const opened = await openDatabase(`sqlite:${join(dataDir, "roadwork.db")}`);
    try {
      const row = await Store.from(opened).users.byEmail("mona@example.org");
      assert.ok(row !== undefined);
      await Store.from(opened).users.setRole(row.id, "mentor");
    } finally {
      await opened.close();
    }
    await mentor.page.goto(`${server.url}/cohorts`);
    await mentor.page.getByLabel("Cohort name").fill("Spring 2026");
    await mentor.page.getByRole("button", { name: "Create a cohort" }).click();
    const invite = (await mentor.page.locator(".invite code").textContent()) ?? "";
    assert.match(invite, /\/join\/[A-Za-z0-9_-]{20,}$/);
    for (const learner of [ada, bob]) {
      await learner.page.goto(invite);
      await learner.page.getByRole("button", { name: "Join Spring 2026" }).click();
      await learner.page.getByText("You joined Spring 2026.").waitFor();
    }
    await mentor.page.reload();
    await mentor.page.locator("table.heatmap").waitFor();
    assert.equal(await mentor.page.locator("table.heatmap tbody tr").count(), 2);
    assert.equal(await mentor.page.locator("table.heatmap td.cell.passed").count(), 2, "both passed running-total");
    await shots(mentor.page, "cohort-dashboard", "table.heatmap");
    await mentor.page.getByRole("link", { name: "Ada" }).click();
    await mentor.page.locator("ol.timeline li").first().waitFor();
    assert.match((await mentor.page.locator("ol.timeline").textContent()) ?? "", /Running total|running-total/i);
    await shots(mentor.page, "cohort-learner", "ol.timeline");
  });
});
