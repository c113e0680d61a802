/**
 * The roadmap as an SVG graph, coloured by verified progress with the next suggested item
 * highlighted. Wide screens: one node per step down the middle, its exercises and projects
 * on alternating sides. Phones: the same nodes in one column, each step followed by its
 * items, drawn at the phone's width so labels keep their real size (a scaled-down wide
 * graph left 9 px labels). Every node is a link, reachable by keyboard, whose accessible
 * name begins with the text it shows.
 */
import { s } from "./dom.js";

export interface GraphItem { kind: "exercise" | "project"; id: string; title: string; passed: boolean; /** A review by people, beside the verdict: "approved", "changes requested", "in review". */ review?: string }
export interface GraphStep { id: string; title: string; status: "done" | "available" | "upcoming"; items: GraphItem[] }
export interface GraphNext { stepId: string; item: { kind: "exercise" | "project"; id: string } | null }

const STEP_H = 56;
const ITEM_H = 30;
const ITEM_GAP = 8;
const ROW_GAP = 36;

interface Box { x: number; y: number; w: number }

export function roadmapGraph(steps: GraphStep[], next: GraphNext | null, layout: "wide" | "narrow" = "wide"): SVGElement {
  const width = layout === "wide" ? 940 : 360;
  const parts: SVGElement[] = [];
  let y = 16;
  let previousBottom: number | null = null;

  steps.forEach((step, index) => {
    const placed = layout === "wide" ? placeWide(step.items.length, y, width) : placeNarrow(step.items.length, y, width);
    const { stepBox, items, blockH } = placed;
    const spineX = layout === "wide" ? width / 2 : 20;
    if (previousBottom !== null) parts.push(s("line", { x1: spineX, y1: previousBottom, x2: spineX, y2: stepBox.y, class: "edge" }));
    parts.push(stepNode(step, index, stepBox, next?.stepId === step.id, layout));
    step.items.forEach((item, i) => {
      const box = items[i];
      if (box === undefined) return;
      const isNext = next?.item?.id === item.id && next.item.kind === item.kind;
      if (layout === "wide") {
        const left = box.x < stepBox.x;
        parts.push(s("line", { x1: left ? box.x + box.w : box.x, y1: box.y + ITEM_H / 2, x2: left ? stepBox.x : stepBox.x + stepBox.w, y2: stepBox.y + STEP_H / 2, class: "edge thin" }));
      } else {
        parts.push(s("line", { x1: spineX, y1: box.y + ITEM_H / 2, x2: box.x, y2: box.y + ITEM_H / 2, class: "edge thin" }));
      }
      parts.push(itemNode(item, box, step.status, isNext, layout === "wide" ? 28 : 38));
    });
    // Narrow: the spine runs on past the items to the next step.
    previousBottom = layout === "wide" ? stepBox.y + STEP_H : y + blockH;
    y += blockH + (layout === "wide" ? ROW_GAP : ROW_GAP / 2);
  });

  return s("svg", { viewBox: `0 0 ${width} ${y}`, class: `roadmap ${layout}`, role: "group", "aria-label": "The roadmap" }, ...parts);
}

function placeWide(count: number, y: number, width: number): { stepBox: Box; items: Box[]; blockH: number } {
  const stepW = 340, itemW = 250;
  const half = Math.ceil(count / 2);
  const blockH = Math.max(STEP_H, Math.max(1, half) * (ITEM_H + ITEM_GAP) - ITEM_GAP);
  const stepBox = { x: width / 2 - stepW / 2, y: y + (blockH - STEP_H) / 2, w: stepW };
  const items = Array.from({ length: count }, (_, i) => {
    const left = i < half;
    return { x: left ? 12 : width - itemW - 12, y: y + (left ? i : i - half) * (ITEM_H + ITEM_GAP), w: itemW };
  });
  return { stepBox, items, blockH };
}

function placeNarrow(count: number, y: number, width: number): { stepBox: Box; items: Box[]; blockH: number } {
  const stepBox = { x: 4, y, w: width - 8 };
  const top = y + STEP_H + ITEM_GAP;
  const items = Array.from({ length: count }, (_, i) => ({ x: 36, y: top + i * (ITEM_H + ITEM_GAP), w: width - 40 }));
  return { stepBox, items, blockH: STEP_H + count * (ITEM_H + ITEM_GAP) };
}

function stepNode(step: GraphStep, index: number, box: Box, isNext: boolean, layout: "wide" | "narrow"): SVGElement {
  const title = truncate(`${index + 1}. ${step.title}`, 34);
  // The status is in the visible text, not only in an aria-label, so what is seen is what is read.
  const sub = `${step.items.filter((i) => i.passed).length} of ${step.items.length} verified · ${statusWord(step.status)}`;
  const x = layout === "wide" ? box.x + box.w / 2 : box.x + 14;
  const anchor = layout === "wide" ? "middle" : "start";
  return s("a", { href: `/steps/${step.id}` },
    s("rect", { x: box.x, y: box.y, width: box.w, height: STEP_H, rx: 12, class: `step ${step.status}${isNext ? " next" : ""}` }),
    s("text", { x, y: box.y + 24, "text-anchor": anchor, class: "step-title" }, `${title} `),
    s("text", { x, y: box.y + 44, "text-anchor": anchor, class: "step-sub" }, sub));
}

function itemNode(item: GraphItem, box: Box, stepStatus: GraphStep["status"], isNext: boolean, maxChars: number): SVGElement {
  const suffix = item.review === undefined ? "" : ` · ${item.review}`;
  const label = `${item.passed ? "✓ " : ""}${truncate(item.title, maxChars - suffix.length)}${suffix}`;
  const extra = [item.kind === "project" ? "project" : "exercise", item.passed ? "verified" : null, item.review === undefined ? null : `review ${item.review}`, isNext ? "suggested next" : null].filter(Boolean).join(", ");
  return s("a", { href: `/${item.kind}s/${item.id}`, "aria-label": `${label}, ${extra}` },
    s("rect", { x: box.x, y: box.y, width: box.w, height: ITEM_H, rx: 8, class: `item ${item.passed ? "passed" : stepStatus === "upcoming" ? "upcoming" : "open"}${isNext ? " next" : ""}${item.kind === "project" ? " project" : ""}` }),
    s("text", { x: box.x + 12, y: box.y + 20, class: "item-title" }, label));
}

function statusWord(status: GraphStep["status"]): string {
  return status === "done" ? "done" : status === "available" ? "open" : "upcoming";
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
