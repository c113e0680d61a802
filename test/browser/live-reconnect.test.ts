/**
 * Live results survive a lost connection in a real headless Chromium: the learner's page
 * follows a grading over server-sent events through a proxy that cuts the stream right
 * after the first test result. EventSource reconnects by itself with Last-Event-ID, and the
 * page shows every test exactly once (before, the reconnect replayed every test and the
 * page appended them again).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, type RunningServer } from "./server.js";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const EXERCISE = "tracks/python-backend/exercises/running-total";

interface StreamSeen {
  lastEventId: string | undefined;
  /** The test events this connection carried to the browser, by id. */
  testIds: string[];
}

/**
 * Forwards everything to `target`; the first live-results stream is cut (its socket
 * destroyed, as a dropped network does) right after it carried one `test` event.
 */
function cuttingProxy(target: string): { server: Server; streams: StreamSeen[] } {
  const streams: StreamSeen[] = [];
  const server = createServer((req, res) => {
    const isStream = /\/api\/submissions\/[^/]+\/events$/.test(req.url ?? "");
    const seen: StreamSeen = { lastEventId: req.headers["last-event-id"] as string | undefined, testIds: [] };
    if (isStream) streams.push(seen);
    const cutThis = isStream && streams.length === 1;
    const upstream = request(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers as IncomingHttpHeaders }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (!isStream) return void answer.pipe(res);
      let buffer = "";
      answer.on("data", (chunk: Buffer) => {
        buffer += chunk.toString("utf8");
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          res.write(block);
          if (!/^event: test$/m.test(block)) continue;
          seen.testIds.push(/^id: (.*)$/m.exec(block)?.[1] ?? "(none)");
          if (cutThis) {
            // Nothing more reaches the browser; the socket drops once the event has arrived.
            answer.removeAllListeners("data");
            answer.destroy();
            setTimeout(() => res.socket?.destroy(), 300);
            return;
          }
        }
      });
      answer.on("end", () => res.end());
    });
    upstream.on("error", () => res.socket?.destroy());
    req.pipe(upstream);
  });
  return { server, streams };
}

void describe("live results in the browser across a lost connection", { skip: skipWithoutChromium }, () => {
  let server: RunningServer;
  let dataDir: string;
  let proxy: ReturnType<typeof cuttingProxy>;
  let proxyUrl: string;
  let browser: import("playwright-core").Browser;
  let page: import("playwright-core").Page;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "roadwork-browser-live-"));
    server = await startServer(dataDir);
    proxy = cuttingProxy(server.url);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    const address = proxy.server.address();
    proxyUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  after(async () => {
    await browser?.close();
    proxy?.server.closeAllConnections();
    await new Promise((resolve) => proxy?.server.close(resolve));
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  void it("reconnects mid-run and shows every test exactly once", { timeout: 120_000 }, async () => {
    // Every test result the page appends to the live list, in order (the final verdict is mounted as a new list).
    await page.addInitScript(() => {
      const appended: string[] = [];
      (window as unknown as { liveAppended: string[] }).liveAppended = appended;
      new MutationObserver((records) => {
        for (const record of records) {
          if (!(record.target instanceof HTMLOListElement) || !record.target.classList.contains("tests")) continue;
          for (const node of record.addedNodes) if (node instanceof HTMLElement) appended.push(node.querySelector(".name")?.firstChild?.textContent ?? "?");
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${proxyUrl}/signup`);
    await page.getByLabel("Name").fill("Ada Learner");
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.locator("svg.roadmap").waitFor();

    await page.goto(`${proxyUrl}/exercises/running-total`);
    await page.locator(".cm-content").waitFor();
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(await readFile(join(EXERCISE, "solution.py"), "utf8"));
    await page.getByRole("button", { name: "Submit" }).click();
    await page.locator(".verdict-head.pass").waitFor({ timeout: 60_000 });

    const finalTests = await page.locator("ol.tests li.test").count();
    const appended = await page.evaluate(() => (window as unknown as { liveAppended: string[] }).liveAppended);
    assert.ok(proxy.streams.length >= 2, `the page reconnected (${proxy.streams.length} stream(s))`);
    assert.deepEqual(proxy.streams[0]?.testIds, ["0"], "the first stream was cut after its first test");
    assert.equal(proxy.streams[1]?.lastEventId, "0", "the reconnect said which test it had");
    const duplicates = appended.filter((name, i) => appended.indexOf(name) !== i);
    assert.deepEqual(duplicates, [], `tests shown twice while grading: ${appended.join(", ")}`);
    assert.equal(appended.length, finalTests, `every test shown live once: ${appended.join(", ")}`);
  });
});
