/** Progress: steps done, attempts per item, verified items over time (an SVG chart), and an activity calendar. */
import { api } from "../api.js";
import { h, mount, s } from "../ui/dom.js";
import type { PageContext } from "./context.js";
import { activityCalendar, type Activity } from "../ui/activity-calendar.js";

interface StepProgress { id: string; title: string; status: "done" | "available" | "upcoming"; verified: number; total: number; projectsPassed: string[] }

interface ProgressResponse {
  tracks: Array<{ id: string; title: string; stepsDone: string[]; stepsTotal: number; steps: StepProgress[] }>;
  items: Array<{ kind: string; id: string; attempts: number; passed: boolean; lastStatus: string }>;
  series: Array<{ date: string; passed: number }>;
  activity: Activity;
}

export async function progressPage(ctx: PageContext): Promise<void> {
  // The calendar counts the learner's own days: the server is told the browser's time zone.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const data = await api<ProgressResponse>("GET", `/api/progress?tz=${encodeURIComponent(timeZone)}`);
  mount(
    ctx.main,
    h("h1", {}, "Your progress"),
    ...data.tracks.flatMap((t) => [
      h("p", { class: "lead" }, `${t.title}: ${t.stepsDone.length} of ${t.stepsTotal} steps done. A step is done when every exercise and project in it is verified.`),
      stepList(t.steps),
    ]),
    activityCalendar(data.activity),
    h("h2", {}, "Verified over time"),
    chart(data.series),
    h("h2", {}, "Attempts"),
    data.items.length === 0
      ? h("p", { class: "muted" }, "Nothing submitted yet. Start with the first step on the roadmap.")
      : h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, "Item"), h("th", {}, "Attempts"), h("th", {}, "State"))),
        h("tbody", {}, ...data.items.map((item) => h("tr", {},
          h("td", {}, h("a", { href: `/${item.kind}s/${item.id}` }, item.id)),
          h("td", {}, item.attempts),
          h("td", { class: item.passed ? "pass" : "fail" }, item.passed ? "verified" : item.lastStatus))))),
  );
}

function stepList(steps: StepProgress[]): Element {
  return h("ol", { class: "step-progress" }, ...steps.map((step) => h("li", { class: step.status },
    h("a", { href: `/steps/${step.id}` }, step.title),
    h("span", { class: "count" }, step.status === "done" ? "✓ done" : `${step.verified} of ${step.total} verified`),
    h("progress", { max: step.total, value: step.verified, "aria-label": `${step.title}: ${step.verified} of ${step.total} verified` }),
    step.projectsPassed.length === 0 ? null : h("span", { class: "muted projects" }, `Project passed: ${step.projectsPassed.join(", ")}`))));
}

function chart(series: ProgressResponse["series"]): Element {
  if (series.length === 0) return h("p", { class: "muted" }, "Your first verified exercise will start this chart.");
  // The chart starts at zero on the day before the first pass, so a single day draws a line.
  const first = series[0];
  if (first !== undefined) series = [{ date: dayBefore(first.date), passed: 0 }, ...series];
  const W = 640, H = 200, P = 32;
  const max = Math.max(...series.map((p) => p.passed), 1);
  const x = (i: number) => P + (series.length === 1 ? (W - 2 * P) / 2 : (i * (W - 2 * P)) / (series.length - 1));
  const y = (v: number) => H - P - (v * (H - 2 * P)) / max;
  const points = series.map((p, i) => `${x(i)},${y(p.passed)}`).join(" ");
  return s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": `Verified items over time: ${series.map((p) => `${p.date}: ${p.passed}`).join(", ")}` },
    s("line", { x1: P, y1: H - P, x2: W - P, y2: H - P, class: "axis" }),
    s("polyline", { points, class: "line" }),
    ...series.map((p, i) => s("circle", { cx: x(i), cy: y(p.passed), r: 4, class: "dot" })),
    s("text", { x: P, y: H - 8, class: "tick" }, series[0]?.date ?? ""),
    s("text", { x: W - P, y: H - 8, class: "tick", "text-anchor": "end" }, series[series.length - 1]?.date ?? ""),
    s("text", { x: 4, y: y(max) + 4, class: "tick" }, String(max)),
    s("text", { x: 4, y: y(0) + 4, class: "tick" }, "0"));
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
