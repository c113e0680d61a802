/** A step's lesson (Markdown rendered safely on the server) and its exercises and projects. */
import { api } from "../api.js";
import { h, mount } from "../ui/dom.js";
import type { PageContext } from "./context.js";

interface StepResponse { id: string; title: string; summary: string | null; requires: string[]; lessonHtml: string | null; exercises: string[]; projects: string[] }
interface TrackResponse { steps: Array<{ id: string; title: string; status: "done" | "available" | "upcoming" }> }

export async function stepPage(ctx: PageContext, id: string): Promise<void> {
  const [step, track] = await Promise.all([api<StepResponse>("GET", `/api/steps/${encodeURIComponent(id)}`), api<TrackResponse>("GET", "/api/track")]);
  const before = track.steps.filter((s) => step.requires.includes(s.id) && s.status !== "done");
  const lesson = h("article", { class: "prose lesson" });
  // lessonHtml comes from the server's Markdown renderer, which escapes raw HTML.
  lesson.innerHTML = step.lessonHtml ?? "";
  mount(
    ctx.main,
    h("p", {}, h("a", { href: "/" }, "← Roadmap")),
    h("h1", {}, step.title),
    step.summary === null ? null : h("p", { class: "lead" }, step.summary),
    // requires is the suggested order, not a lock: say so, so nobody thinks this step is closed.
    before.length === 0 ? null : h("p", { class: "note" }, "Suggested after ",
      ...before.flatMap((s, i) => [i > 0 ? ", " : "", h("a", { href: `/steps/${s.id}` }, s.title)]),
      ". Everything here is open now: start whenever you like."),
    lesson,
    h("h2", {}, "Practice"),
    h("ul", { class: "items" },
      ...step.exercises.map((e) => h("li", {}, h("a", { href: `/exercises/${e}` }, e))),
      ...step.projects.map((p) => h("li", {}, h("a", { href: `/projects/${p}` }, `Project: ${p}`)))),
  );
}
