/**
 * The web's explanation box, in a real headless Chromium: it sits under the raw message,
 * is labelled for screen readers, and hostile learner text in it stays text (no element
 * is made from `<script>` or `<img onerror>`).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { launchChromium, skipWithoutChromium } from "./chromium.js";

const HOSTILE = "</pre><script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
const skip = skipWithoutChromium;

describe("explanation on the web", { skip }, () => {
  let browser: import("playwright-core").Browser;
  let bundle: string;

  before(async () => {
    // Only the rendering component, bundled as the web build would, exposed for the page.
    const out = await build({
      stdin: { contents: 'import { testItem } from "./src/web/ui/verdict.ts"; globalThis.testItem = testItem;', resolveDir: process.cwd(), loader: "ts" },
      bundle: true,
      write: false,
      format: "iife",
    });
    bundle = out.outputFiles[0]?.text ?? "";
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it("renders under the raw message, labelled, with hostile text as text", async () => {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><body></body>");
    await page.addScriptTag({ content: bundle });
    const seen = await page.evaluate((hostile) => {
      const make = (globalThis as unknown as { testItem: (t: unknown) => HTMLElement }).testItem;
      const li = make({
        name: "test_x",
        status: "error",
        message: `The solution raised NameError: name '${hostile}' is not defined`,
        explanation: { title: `Python does not know the name '${hostile}'`, text: "It is misspelled.", file: "solution.py", line: 2, code: hostile },
      });
      document.body.append(li);
      const aside = li.querySelector("aside.explanation");
      const pre = li.querySelector("pre.message");
      return {
        label: aside?.getAttribute("aria-label") ?? null,
        after: pre !== null && aside !== null && (pre.compareDocumentPosition(aside) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        text: aside?.textContent ?? "",
        scripts: document.querySelectorAll("script:not([src])").length,
        imgs: document.querySelectorAll("img").length,
        pwned: (window as unknown as { pwned?: number }).pwned ?? 0,
      };
    }, HOSTILE);
    assert.equal(seen.label, "What this error means");
    assert.ok(seen.after, "the explanation comes after the raw message");
    assert.ok(seen.text.includes(`2 | ${HOSTILE}`), seen.text);
    assert.ok(seen.text.includes("(solution.py, line 2)"), seen.text);
    assert.equal(seen.imgs, 0);
    assert.equal(seen.scripts, 1, "only the test's own bundle");
    assert.equal(seen.pwned, 0);
    await page.close();
  });
});
