/**
 * The roadmap as an SVG graph: one node per step down the middle, its exercises and
 * projects as small nodes on alternating sides, every node coloured by verified progress
 * and the next suggested item highlighted. Every item node is a link, reachable by keyboard.
 */
import { s } from "./dom.js";

export interface GraphItem { kind: "exercise" | "project"; id: string; title: string; passed: boolean }
export interface GraphStep { id: string; title: string; status: "done" | "available" | "locked"; items: GraphItem[] }
export interface GraphNext { stepId: string; item: { kind: "exercise" | "project"; id: string } | null }

const WIDTH = 940;
const STEP_W = 340;
const STEP_H = 56;
const ITEM_W = 250;
const ITEM_H = 30;
const ITEM_GAP = 8;
const ROW_GAP = 36;

export function roadmapGraph(steps: GraphStep[], next: GraphNext | null): SVGElement {
  const cx = WIDTH / 2;
  const parts: SVGElement[] = [];
  let y = 16;
  let previousBottom: number | null = null;

  steps.forEach((step, index) => {
    const half = Math.ceil(step.items.length / 2);
    const rows = Math.max(1, half);
    const blockH = Math.max(STEP_H, rows * (ITEM_H + ITEM_GAP) - ITEM_GAP);
    const stepY = y + (blockH - STEP_H) / 2;
    if (previousBottom !== null) parts.push(s("line", { x1: cx, y1: previousBottom, x2: cx, y2: stepY, class: "edge" }));
    const isNextStep = next?.stepId === step.id;
    parts.push(
      s("a", { href: `/steps/${step.id}`, "aria-label": `Step ${index + 1}: ${step.title} (${statusWord(step.status)})` },
        s("rect", { x: cx - STEP_W / 2, y: stepY, width: STEP_W, height: STEP_H, rx: 12, class: `step ${step.status}${isNextStep ? " next" : ""}` }),
        s("text", { x: cx, y: stepY + 24, "text-anchor": "middle", class: "step-title" }, truncate(`${index + 1}. ${step.title}`, 34)),
        s("text", { x: cx, y: stepY + 42, "text-anchor": "middle", class: "step-sub" }, `${step.items.filter((i) => i.passed).length} of ${step.items.length} verified`),
      ),
    );
    step.items.forEach((item, i) => {
      const left = i < half;
      const row = left ? i : i - half;
      const ix = left ? 12 : WIDTH - ITEM_W - 12;
      const iy = y + row * (ITEM_H + ITEM_GAP);
      const isNext = next?.item?.id === item.id && next.item.kind === item.kind;
      const edgeX = left ? ix + ITEM_W : ix;
      parts.push(s("line", { x1: edgeX, y1: iy + ITEM_H / 2, x2: left ? cx - STEP_W / 2 : cx + STEP_W / 2, y2: stepY + STEP_H / 2, class: "edge thin" }));
      parts.push(
        s("a", { href: `/${item.kind}s/${item.id}`, "aria-label": `${item.kind === "project" ? "Project" : "Exercise"} ${item.title}${item.passed ? ", verified" : ""}${isNext ? ", suggested next" : ""}` },
          s("rect", { x: ix, y: iy, width: ITEM_W, height: ITEM_H, rx: 8, class: `item ${item.passed ? "passed" : step.status === "locked" ? "locked" : "open"}${isNext ? " next" : ""}${item.kind === "project" ? " project" : ""}` }),
          s("text", { x: ix + 12, y: iy + 20, class: "item-title" }, `${item.passed ? "✓ " : ""}${truncate(item.title, 28)}`),
        ),
      );
    });
    previousBottom = stepY + STEP_H;
    y += blockH + ROW_GAP;
  });

  return s("svg", { viewBox: `0 0 ${WIDTH} ${y}`, class: "roadmap", role: "group", "aria-label": "The roadmap" }, ...parts);
}

function statusWord(status: GraphStep["status"]): string {
  return status === "done" ? "done" : status === "available" ? "open" : "locked until the steps before it are done";
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
