/** A short celebration after a pass, with a link to the next item of the roadmap. */
import { h } from "./dom.js";
import { nextItemAfter, type TrackItem } from "./next-item.js";

export async function celebration(current: { kind: TrackItem["kind"]; id: string }): Promise<HTMLElement> {
  // The verdict is already on screen; a failure to find the next item only loses the link.
  const next = await nextItemAfter(current).catch(() => null);
  return h("div", { class: "celebrate" },
    h("p", { class: "cheer" }, h("span", { "aria-hidden": "true" }, "★ "), "Verified: well done! This one counts on your roadmap."),
    next === null
      ? h("p", {}, "Everything on the roadmap is verified. ", h("a", { href: "/progress" }, "See your progress"))
      : h("p", {}, h("a", { href: `/${next.kind}s/${next.id}`, class: "next-link", rel: "next" }, `Next: ${next.kind === "project" ? "project " : ""}${next.title} →`)));
}
