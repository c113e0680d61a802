/** The start page for visitors: what roadwork is, the track's roadmap, and the way in. */
import { api } from "../api.js";
import { h, mount } from "../ui/dom.js";

interface Outline {
  track: { id: string; title: string; description: string | null };
  steps: { id: string; title: string; summary: string | null; exercises: number; projects: number }[];
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export async function landingPage(opts: { main: HTMLElement; returning: boolean; onChoose: (mode: "login" | "signup") => void }): Promise<void> {
  const start = h("button", { type: "button", class: opts.returning ? "" : "primary", onclick: () => opts.onChoose("signup") }, "Start learning");
  const login = h("button", { type: "button", class: opts.returning ? "primary" : "", onclick: () => opts.onChoose("login") }, "Log in");
  // Someone who has signed in on this browser before finds "Log in" first.
  const actions = h("p", { class: "landing-actions" }, ...(opts.returning ? [login, start] : [start, login]));
  const roadmap = h("section", { "aria-labelledby": "landing-roadmap" }, h("p", { class: "muted" }, "Loading the roadmap…"));
  mount(
    opts.main,
    h("section", { class: "card landing-intro" },
      h("h1", {}, "Learn Python back-end development, one verified step at a time"),
      h("p", {}, "roadwork is a roadmap of short lessons, exercises and projects. You write real Python, the tests run it, and a step is done when your code passes — so you always know where you stand."),
      h("p", {}, "Start at the beginning; each step builds on the one before."),
      actions),
    roadmap,
  );
  try {
    const outline = await api<Outline>("GET", "/api/track/outline");
    mount(roadmap,
      h("h2", { id: "landing-roadmap" }, `The roadmap: ${outline.track.title}`),
      outline.track.description === null ? null : h("p", { class: "muted" }, outline.track.description),
      h("ol", { class: "landing-steps" }, ...outline.steps.map((step) =>
        h("li", { class: "card" },
          h("h3", {}, step.title),
          step.summary === null ? null : h("p", {}, step.summary),
          h("p", { class: "muted" }, [count(step.exercises, "exercise", "exercises"), step.projects > 0 ? count(step.projects, "project", "projects") : null].filter((x) => x !== null).join(" · "))))));
  } catch {
    // The roadmap is a preview: without it the visitor can still sign up or log in.
    mount(roadmap, h("h2", { id: "landing-roadmap" }, "The roadmap"), h("p", { class: "muted" }, "The roadmap could not be loaded just now. Sign up or log in to see it."));
  }
}
