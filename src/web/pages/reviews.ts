/** Reviews: notifications, the queue of reviews one may take, and one's own review requests. */
import "../review.css";
import { api } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import { STATE_WORDS, type ReviewListing } from "../review/types.js";
import type { PageContext } from "./context.js";

interface Notification { id: string; text: string; url: string | null; read: boolean; createdAt: string }

export async function reviewsPage(ctx: PageContext): Promise<void> {
  const [{ queue, mine }, notes] = await Promise.all([
    api<{ queue: ReviewListing[]; mine: ReviewListing[] }>("GET", "/api/reviews"),
    api<{ unread: number; notifications: Notification[] }>("GET", "/api/notifications"),
  ]);
  const markAll = notes.unread === 0 ? null : h("button", {
    type: "button",
    class: "secondary",
    onclick: act(async () => {
      await api("POST", "/api/notifications/read", {});
      document.dispatchEvent(new Event("roadwork:notifications"));
      await reviewsPage(ctx);
    }),
  }, "Mark all as read");
  const row = (r: ReviewListing, who: boolean) =>
    h("li", { class: "review-row" },
      h("a", { href: `/reviews/${r.id}` }, who ? `${r.author.name}: ${r.item.title}` : r.item.title),
      " ", h("span", { class: `state ${r.state}` }, STATE_WORDS[r.state]),
      h("span", { class: "muted" }, ` · ${new Date(r.updatedAt).toLocaleDateString()}`),
      r.question === null ? null : h("p", { class: "muted question-line" }, r.question));
  mount(ctx.main,
    h("h1", {}, "Reviews"),
    h("section", { "aria-labelledby": "notes" },
      h("h2", { id: "notes" }, notes.unread === 0 ? "Notifications" : `Notifications (${notes.unread} unread)`),
      notes.notifications.length === 0 ? h("p", { class: "muted" }, "Nothing yet. Comments, decisions and new versions in your reviews show up here.")
        : h("ul", { class: "notifications" }, ...notes.notifications.slice(0, 20).map((n) =>
          h("li", { class: n.read ? "read" : "unread" },
            n.url === null ? n.text : h("a", { href: n.url }, n.text),
            h("span", { class: "muted" }, ` · ${new Date(n.createdAt).toLocaleString()}`), n.read ? null : h("span", { class: "sr" }, " (unread)")))),
      markAll),
    h("section", { "aria-labelledby": "queue" },
      h("h2", { id: "queue" }, "Waiting for your review"),
      queue.length === 0 ? h("p", { class: "muted" }, "No review is waiting for you. Mentors see their cohort's requests; learners see their cohort mates' requests on items they have passed themselves.")
        : h("ul", { class: "review-list" }, ...queue.map((r) => row(r, true)))),
    h("section", { "aria-labelledby": "mine" },
      h("h2", { id: "mine" }, "Your review requests"),
      mine.length === 0 ? h("p", { class: "muted" }, "To ask for a review, open an exercise or a project you have submitted and choose “Ask for a review”.")
        : h("ul", { class: "review-list" }, ...mine.map((r) => row(r, false)))));
}
