/** The roadmap: the track's steps as a graph, with verified progress and the next step. */
import { api } from "../api.js";
import { h, mount } from "../ui/dom.js";
import { roadmapGraph, type GraphItem, type GraphNext, type GraphStep } from "../ui/roadmap-graph.js";
import type { PageContext } from "./context.js";

interface TrackResponse {
  track: { id: string; title: string; description: string | null };
  steps: Array<{
    id: string; title: string; summary: string | null; status: GraphStep["status"];
    exercises: Array<{ id: string; title: string; passed: boolean }>;
    projects: Array<{ id: string; title: string; passed: boolean }>;
  }>;
  next: GraphNext | null;
}

export async function roadmapPage(ctx: PageContext): Promise<void> {
  const [data, reviews] = await Promise.all([
    api<TrackResponse>("GET", "/api/track"),
    // The review state sits beside the verdict; the roadmap draws without it if it cannot be had.
    api<{ mine: Array<{ item: { kind: string; id: string }; state: keyof typeof REVIEW_WORDS }> }>("GET", "/api/reviews").catch(() => ({ mine: [] })),
  ]);
  // Newest first: the latest review of an item is the one shown.
  const reviewOf = new Map<string, string>();
  for (const r of reviews.mine) if (!reviewOf.has(`${r.item.kind}:${r.item.id}`)) reviewOf.set(`${r.item.kind}:${r.item.id}`, REVIEW_WORDS[r.state]);
  const steps: GraphStep[] = data.steps.map((step) => ({
    id: step.id,
    title: step.title,
    status: step.status,
    items: [
      ...step.exercises.map((e) => withReview({ kind: "exercise" as const, id: e.id, title: e.title, passed: e.passed }, reviewOf)),
      ...step.projects.map((p) => withReview({ kind: "project" as const, id: p.id, title: p.title, passed: p.passed }, reviewOf)),
    ],
  }));
  const total = steps.reduce((n, step) => n + step.items.length, 0);
  const verified = steps.reduce((n, step) => n + step.items.filter((i) => i.passed).length, 0);
  const next = data.next?.item ?? null;
  const nextTitle = next === null ? null : steps.flatMap((step) => step.items).find((i) => i.id === next.id && i.kind === next.kind)?.title ?? next.id;
  // Phones get the one-column graph, drawn at their width; it follows rotation and resizing.
  const narrow = matchMedia("(max-width: 900px)");
  const graph = h("div", { class: "graph" });
  const draw = (): void => mount(graph, roadmapGraph(steps, data.next, narrow.matches ? "narrow" : "wide"));
  draw();
  narrow.addEventListener("change", draw, { signal: ctx.signal });
  mount(
    ctx.main,
    h("h1", {}, data.track.title),
    data.track.description === null ? null : h("p", { class: "lead" }, data.track.description),
    h("p", { class: "summary" }, `${verified} of ${total} verified. `,
      next === null || nextTitle === null
        ? h("strong", {}, "You have walked the whole roadmap. Well done!")
        : h("span", {}, "Next: ", h("a", { href: `/${next.kind}s/${next.id}`, class: "next-link" }, nextTitle))),
    graph,
    h("ul", { class: "legend" },
      h("li", {}, h("span", { class: "swatch passed" }), "verified by tests"),
      h("li", {}, h("span", { class: "swatch next" }), "suggested next"),
      h("li", {}, h("span", { class: "swatch upcoming" }), "open now; suggested after the steps before it")),
  );
}

const REVIEW_WORDS = { requested: "in review", approved: "approved", changes_requested: "changes requested" } as const;

function withReview(item: GraphItem, reviews: Map<string, string>): GraphItem {
  const review = reviews.get(`${item.kind}:${item.id}`);
  return review === undefined ? item : { ...item, review };
}
