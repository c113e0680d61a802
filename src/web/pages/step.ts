/** A step's lesson (Markdown rendered safely on the server) and its exercises and projects. */
import { api } from "../api.js";
import { h, mount } from "../ui/dom.js";
import type { PageContext } from "../main.js";

interface StepResponse { id: string; title: string; summary: string | null; lessonHtml: string | null; exercises: string[]; projects: string[] }

export async function stepPage(ctx: PageContext, id: string): Promise<void> {
  const step = await api<StepResponse>("GET", `/api/steps/${encodeURIComponent(id)}`);
  const lesson = h("article", { class: "prose lesson" });
  // lessonHtml comes from the server's Markdown renderer, which escapes raw HTML.
  lesson.innerHTML = step.lessonHtml ?? "";
  mount(
    ctx.main,
    h("p", {}, h("a", { href: "/" }, "← Roadmap")),
    h("h1", {}, step.title),
    step.summary === null ? null : h("p", { class: "lead" }, step.summary),
    lesson,
    h("h2", {}, "Practice"),
    h("ul", { class: "items" },
      ...step.exercises.map((e) => h("li", {}, h("a", { href: `/exercises/${e}` }, e))),
      ...step.projects.map((p) => h("li", {}, h("a", { href: `/projects/${p}` }, `Project: ${p}`)))),
  );
}
