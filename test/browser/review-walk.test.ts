/**
 * Review between people, walked in a real headless Chromium against the real server (CLI,
 * SQLite, grading in the sandbox): learner A asks for a review of a failing solution that
 * carries hostile code; mentor M comments on two lines (one comment hostile Markdown); A
 * replies, resolves and sends a new version from the review page; M reads the diff and
 * approves; A's roadmap shows the approval beside the verdict; peer B, after passing, reads
 * A's published solution. Then the same walk on a project, whose versions A sends with
 * `git push` (the host's git client, trusted test data): A pushes a failing task-tracker and
 * asks for a review; M comments on two lines of app.py; A replies and pushes the fix, which
 * joins the review as version 2 with its commit; M approves. Every page: screenshots at desktop and 390 px in
 * test-output/screenshots/review-*.png, axe-core with no serious or critical finding, no
 * sideways scroll on the phone, and no script from the code or the comments ever runs.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { startServer, type RunningServer } from "./server.js";
import { openDatabase, Store } from "../../src/store/index.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";
import { seriousAxeViolations, sidewaysScroll } from "./page-checks.js";
import { commitAll, git, push, repoOf } from "../git-remote.js";

const SHOTS = "test-output/screenshots";
const HOSTILE_CODE = "</script><script>alert('code')</script>";
const HOSTILE_MARKDOWN = "Careful here: <img src=x onerror=alert('md')> and [this](javascript:alert('link')) and `<b>not bold</b>`";
const EXERCISE = "tracks/python-backend/exercises/running-total";
const PROJECT_REFERENCE = "tracks/python-backend/projects/task-tracker/reference/flask";
/** The line of app.py whose answer stage 1 checks: `return jsonify({"status": "ok"})`. */
const HEALTH_LINE = readFileSync(join(PROJECT_REFERENCE, "app.py"), "utf8").split("\n").findIndex((line) => line.includes('{"status": "ok"}')) + 1;

interface Person { name: string; page: Page; csrf: string }

describe("review between people in the browser", { skip: skipWithoutChromium }, () => {
  let server: RunningServer;
  let dataDir: string;
  let browser: Browser;
  const dialogs: string[] = [];
  let ada: Person;
  let mona: Person;
  let bob: Person;
  let reviewUrl: string;
  let adaRepo: string | undefined;
  let adaToken: string;
  let projectReviewUrl: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-review-"));
    await mkdir(SHOTS, { recursive: true });
    server = await startServer(dataDir);
    browser = await launchChromium();
    ada = await person("Ada");
    mona = await person("Mona");
    bob = await person("Bob");
    const opened = await openDatabase(`sqlite:${join(dataDir, "roadwork.db")}`);
    try {
      const row = await Store.from(opened).users.byEmail("mona@example.org");
      assert.ok(row !== undefined);
      await Store.from(opened).users.setRole(row.id, "mentor");
    } finally {
      await opened.close();
    }
    const created = await mona.page.request.post(`${server.url}/api/cohorts`, { data: { name: "Autumn" }, headers: { "x-csrf-token": mona.csrf } });
    assert.equal(created.status(), 201, await created.text());
    const { cohort } = (await created.json()) as { cohort: { inviteCode: string } };
    for (const learner of [ada, bob]) {
      const joined = await learner.page.request.post(`${server.url}/api/cohorts/invite/${cohort.inviteCode}/join`, { headers: { "x-csrf-token": learner.csrf } });
      assert.equal(joined.status(), 200, await joined.text());
    }
  });

  after(async () => {
    if (adaRepo !== undefined) rmSync(adaRepo, { recursive: true, force: true });
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A signed-up user in a browser context of their own (bypassCSP: axe is injected); any dialog is recorded. */
  async function person(name: string): Promise<Person> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(`${name}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.request.post(`${server.url}/api/auth/signup`, { data: { email: `${name.toLowerCase()}@example.org`, name, password: "correct horse battery" } });
    assert.equal(response.status(), 201, await response.text());
    return { name, page, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
  }

  async function graded(who: Person, source: string): Promise<{ id: string; status: string }> {
    const sent = await who.page.request.post(`${server.url}/api/exercises/running-total/submissions`, { data: { source }, headers: { "x-csrf-token": who.csrf } });
    assert.equal(sent.status(), 202, await sent.text());
    const { id } = (await sent.json()) as { id: string };
    for (let i = 0; i < 600; i++) {
      const { status } = (await (await who.page.request.get(`${server.url}/api/submissions/${id}`)).json()) as { status: string };
      if (status !== "queued" && status !== "running") return { id, status };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail("no verdict within two minutes");
  }

  /** Desktop and phone screenshots, axe's serious findings and sideways scrolling, checked on the page as it is. */
  async function checkPage(page: Page, name: string, ready: string): Promise<void> {
    await page.locator(ready).first().waitFor();
    assert.deepEqual(await seriousAxeViolations(page), [], `${name}: axe-core finds no serious or critical problem`);
    await page.screenshot({ path: join(SHOTS, `review-${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator(ready).first().waitFor();
    assert.ok((await sidewaysScroll(page)) <= 1, `${name} scrolls sideways on a 390 px phone`);
    assert.deepEqual(await seriousAxeViolations(page), [], `${name} (phone): axe-core finds no serious or critical problem`);
    await page.screenshot({ path: join(SHOTS, `review-${name}-phone.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await page.locator(ready).first().waitFor();
  }

  it("A asks for a review of a failing solution from the exercise page, with a question", async () => {
    const wrong = await readFile(join(EXERCISE, "bad/starts_at_zero.py"), "utf8");
    const first = await graded(ada, `${wrong}\n# ${HOSTILE_CODE}\nNOTE = "${HOSTILE_CODE}"\n`);
    assert.equal(first.status, "fail");
    await ada.page.goto(`${server.url}/exercises/running-total`);
    await ada.page.getByLabel("Your question for the reviewer (optional)").fill("Why does my list start with 0? <script>alert('question')</script>");
    await ada.page.getByRole("button", { name: "Ask for a review" }).click();
    await ada.page.waitForURL(/\/reviews\/[A-Za-z0-9_-]+$/);
    reviewUrl = ada.page.url();
    await ada.page.getByText("Review requested").first().waitFor();
    assert.match((await ada.page.locator("blockquote.question").textContent()) ?? "", /<script>alert\('question'\)<\/script>/, "the question is shown as text");
    assert.match((await ada.page.locator(".code-lines").textContent()) ?? "", /<\/script><script>alert\('code'\)<\/script>/, "hostile code is shown as text");
    assert.ok((await ada.page.locator(".code-lines .tok-keyword").count()) >= 3, "the code is highlighted");
    await checkPage(ada.page, "requested", ".code-lines");
  });

  it("M finds it in the queue and comments on two lines, one with hostile Markdown", async () => {
    await mona.page.goto(`${server.url}/reviews`);
    await mona.page.getByText("Why does my list start with 0?").waitFor();
    assert.match((await mona.page.locator("nav .nav-count").textContent()) ?? "", /^1/, "one unread notification: the request");
    await checkPage(mona.page, "queue", ".review-list");
    await mona.page.getByRole("link", { name: "Ada: Running total" }).click();
    await mona.page.waitForURL(reviewUrl);
    for (const [line, text] of [[7, "Here the total is appended **before** it grows."], [8, HOSTILE_MARKDOWN]] as const) {
      await mona.page.getByRole("button", { name: `Comment on line ${line}`, exact: true }).click();
      await mona.page.getByLabel(`Your comment on line ${line} (Markdown)`).fill(text);
      await mona.page.getByRole("button", { name: "Comment", exact: true }).click();
      await mona.page.locator(`section.thread[aria-label="Thread on solution.py, line ${line}"]`).waitFor();
    }
    assert.equal(await mona.page.locator("section.thread").count(), 2);
    assert.equal(await mona.page.locator(".thread strong", { hasText: "before" }).count(), 1, "Markdown is rendered");
    assert.equal(await mona.page.locator(".comment-body img, .comment-body script, .comment-body a[href^='javascript']").count(), 0, "nothing hostile became an element");
    assert.match((await mona.page.locator(".comment-body").last().textContent()) ?? "", /<img src=x onerror=alert\('md'\)>/);
    await checkPage(mona.page, "commented", "section.thread");
  });

  it("A reads the notifications, replies, resolves a thread and sends a new version from the review page", async () => {
    await ada.page.goto(`${server.url}/reviews`);
    await ada.page.getByRole("link", { name: "Mona commented on your review of Running total" }).first().waitFor();
    assert.match((await ada.page.locator("nav .nav-count").textContent()) ?? "", /^2/, "two comments, two unread");
    await checkPage(ada.page, "notifications", ".notifications");
    await ada.page.goto(reviewUrl);
    const thread = ada.page.locator('section.thread[aria-label="Thread on solution.py, line 7"]');
    await thread.getByLabel("Your reply (Markdown)").fill("Thanks! I will add the number *first*.");
    await thread.getByRole("button", { name: "Reply" }).click();
    await ada.page.locator(".comment", { hasText: "I will add the number" }).waitFor();
    await ada.page.locator('section.thread[aria-label="Thread on solution.py, line 7"]').getByRole("button", { name: "Resolve" }).click();
    await ada.page.locator('section.thread.resolved[aria-label="Thread on solution.py, line 7"]').waitFor();
    await ada.page.getByLabel("Your solution.py").fill(`${await readFile(join(EXERCISE, "solution.py"), "utf8")}\n# ${HOSTILE_CODE}\n`);
    await ada.page.getByRole("button", { name: "Submit the new version" }).click();
    await ada.page.locator('.versions a[aria-current="true"]', { hasText: "Version 2" }).waitFor({ timeout: 120_000 });
    assert.match((await ada.page.locator('.versions a[aria-current="true"]').textContent()) ?? "", /pass/);
    await checkPage(ada.page, "new-version", ".code-lines");
  });

  it("M reads the diff between the versions and approves", async () => {
    await mona.page.goto(reviewUrl);
    await mona.page.locator(".versions a", { hasText: "Version 2" }).waitFor();
    await mona.page.getByRole("button", { name: "Changes since version 1" }).click();
    await mona.page.locator(".diff .line.added").first().waitFor();
    assert.ok((await mona.page.locator(".diff .line.removed").count()) >= 1);
    await checkPage(mona.page, "diff", ".diff .line.added");
    await mona.page.getByRole("button", { name: "Approve" }).click();
    await mona.page.locator(".review-meta .state.approved").waitFor();
  });

  it("A's roadmap shows the approval beside the verdict; A publishes the passing version", async () => {
    await ada.page.goto(`${server.url}/`);
    const item = ada.page.locator('svg a[href="/exercises/running-total"]');
    await item.waitFor();
    assert.match((await item.getAttribute("aria-label")) ?? "", /✓ Running total · approved, exercise, verified, review approved/);
    await checkPage(ada.page, "roadmap", "svg.roadmap");
    await ada.page.goto(`${server.url}/exercises/running-total/solutions`);
    await ada.page.getByRole("button", { name: "Publish this solution" }).click();
    await ada.page.getByRole("button", { name: "Unpublish" }).waitFor();
  });

  it("B, after passing, reads A's published solution as text", async () => {
    const pass = await graded(bob, await readFile(join(EXERCISE, "solution.py"), "utf8"));
    assert.equal(pass.status, "pass");
    await bob.page.goto(`${server.url}/exercises/running-total/solutions`);
    const card = bob.page.locator(".solution", { hasText: "Ada" });
    await card.waitFor();
    assert.match((await card.locator(".cm-content").textContent()) ?? "", /<\/script><script>alert\('code'\)<\/script>/);
    await checkPage(bob.page, "peer-solution", ".solution .cm-content");
    assert.deepEqual(dialogs, [], "no script from code, comments or questions ran");
  });
  /** The submissions' status of a project, newest first, as the learner's token reads them. */
  async function latestProjectSubmission(token: string): Promise<{ status: string; commitId: string | null }> {
    const response = await fetch(`${server.url}/api/projects/task-tracker/submissions`, { headers: { authorization: `Bearer ${token}` } });
    const { submissions } = (await response.json()) as { submissions: Array<{ status: string; commitId: string | null }> };
    assert.ok(submissions[0] !== undefined);
    return submissions[0];
  }

  it("A pushes a failing task-tracker with git push, sees the stage that failed in git's output, and asks for a review", async () => {
    const created = await ada.page.request.post(`${server.url}/api/tokens`, { data: { name: "git" }, headers: { "x-csrf-token": ada.csrf } });
    assert.equal(created.status(), 201, await created.text());
    adaToken = ((await created.json()) as { token: string }).token;
    adaRepo = repoOf(PROJECT_REFERENCE);
    const app = join(adaRepo, "app.py");
    writeFileSync(app, readFileSync(app, "utf8").replace('{"status": "ok"}', '{"status": "OK"}'));
    const head = commitAll(adaRepo, "health answers OK");
    const pushed = await push(adaRepo, server.url, "task-tracker", adaToken);
    assert.equal(pushed.code, 0, pushed.output);
    assert.match(pushed.output, /^remote: stage 1: .* \.\.\. fail/m);
    assert.equal((await latestProjectSubmission(adaToken)).commitId, head);
    await ada.page.goto(`${server.url}/projects/task-tracker`);
    await ada.page.locator(".history .commit code", { hasText: head.slice(0, 10) }).waitFor();
    await checkPage(ada.page, "project-pushed", ".history .commit");
    await ada.page.getByLabel("Your question for the reviewer (optional)").fill("Stage 1 says my health check is wrong, but it answers. Why?");
    await ada.page.getByRole("button", { name: "Ask for a review" }).click();
    await ada.page.waitForURL(/\/reviews\/[A-Za-z0-9_-]+$/);
    projectReviewUrl = ada.page.url();
    await ada.page.locator(".code-lines").first().waitFor();
    assert.match((await ada.page.locator(".code-lines").textContent()) ?? "", /"status": "OK"/);
    await checkPage(ada.page, "project-requested", ".code-lines");
  });

  it("M comments on two lines of the pushed app.py", async () => {
    await mona.page.goto(projectReviewUrl);
    for (const [line, text] of [[HEALTH_LINE, "The stage wants `ok`, in lower case."], [HEALTH_LINE - 1, "A name like `health` is fine here."]] as const) {
      await mona.page.getByRole("button", { name: `Comment on line ${line}`, exact: true }).click();
      await mona.page.getByLabel(`Your comment on line ${line} (Markdown)`).fill(text);
      await mona.page.getByRole("button", { name: "Comment", exact: true }).click();
      await mona.page.locator(`section.thread[aria-label="Thread on app.py, line ${line}"]`).waitFor();
    }
    assert.equal(await mona.page.locator("section.thread").count(), 2);
    await checkPage(mona.page, "project-commented", "section.thread");
  });

  it("A replies, then pushes the fix with git push: it joins the review as version 2", async () => {
    assert.ok(adaRepo !== undefined);
    await ada.page.goto(projectReviewUrl);
    const thread = ada.page.locator(`section.thread[aria-label="Thread on app.py, line ${HEALTH_LINE}"]`);
    await thread.getByLabel("Your reply (Markdown)").fill("Thanks, fixed and pushed with `git push`.");
    await thread.getByRole("button", { name: "Reply" }).click();
    await ada.page.locator(".comment", { hasText: "fixed and pushed" }).waitFor();
    const app = join(adaRepo, "app.py");
    writeFileSync(app, readFileSync(app, "utf8").replace('{"status": "OK"}', '{"status": "ok"}'));
    const head = commitAll(adaRepo, "health answers ok");
    const pushed = await push(adaRepo, server.url, "task-tracker", adaToken);
    assert.equal(pushed.code, 0, pushed.output);
    assert.match(pushed.output, /^remote: all \d+ checks pass/m);
    const latest = await latestProjectSubmission(adaToken);
    assert.equal(latest.status, "pass");
    assert.equal(latest.commitId, head, "version 2 is the pushed commit");
    assert.equal(git(adaRepo, "rev-parse", "HEAD"), head);
    await ada.page.goto(projectReviewUrl);
    await ada.page.locator(".versions a", { hasText: "Version 2" }).waitFor();
    assert.match((await ada.page.locator(".versions a", { hasText: "Version 2" }).textContent()) ?? "", new RegExp(`pass .* commit ${head.slice(0, 10)}`), "version 2 names its pushed commit");
    await checkPage(ada.page, "project-new-version", ".versions");
  });

  it("M reads the pushed change and approves the project", async () => {
    await mona.page.goto(projectReviewUrl);
    await mona.page.getByRole("button", { name: "Changes since version 1" }).click();
    await mona.page.locator(".diff .line.added", { hasText: '"ok"' }).first().waitFor();
    await checkPage(mona.page, "project-diff", ".diff .line.added");
    await mona.page.getByRole("button", { name: "Approve" }).click();
    await mona.page.locator(".review-meta .state.approved").waitFor();
    await checkPage(mona.page, "project-approved", ".review-meta .state.approved");
  });
});
