/** Checks every browser test can run on any page: axe-core's serious findings, sideways scrolling, and text an SVG draws too small. */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeFinding { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

/**
 * axe-core's serious and critical violations on the page as it is now, one line each
 * (rule, help, first elements). The context must be made with bypassCSP: the page's CSP
 * refuses the injected script otherwise.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeFinding[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`);
}

/** How many pixels the page scrolls sideways (0 when it fits the viewport). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The smallest size, in CSS pixels on screen, that text inside a scaled SVG (one with a
 * viewBox) is drawn at on the page: its font size times the SVG's scale. Infinity without any.
 */
export async function smallestSvgText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let smallest = { px: Infinity, text: "" };
    for (const svg of document.querySelectorAll<SVGSVGElement>("svg[viewBox]")) {
      const box = svg.viewBox.baseVal;
      if (box.width === 0) continue;
      const scale = svg.getBoundingClientRect().width / box.width;
      for (const text of svg.querySelectorAll("text")) {
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (px < smallest.px) smallest = { px, text: text.textContent ?? "" };
      }
    }
    return smallest;
  });
}

/**
 * Words broken across lines inside tables of the page's prose (a column squeezed narrower
 * than its longest word), as "word" strings; a word may still wrap at a hyphen or a space.
 */
export async function brokenTableWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll(".prose table th, .prose table td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/[^\s-]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}
