/**
 * "Ask for a review" on an exercise or project page: the open review of the item when there
 * is one, or a question box that asks for a review of the latest submission.
 */
import { api } from "../api.js";
import { h, mount, act } from "./dom.js";

interface ForItem { open: { id: string; state: "requested" | "approved" | "changes_requested" } | null; submissions: Array<{ id: string; status: string }> }

const STATE: Record<string, string> = { requested: "waiting for a reviewer", approved: "approved", changes_requested: "changes requested" };

export function reviewAsk(kind: "exercise" | "project", id: string, navigate: (path: string) => void): HTMLElement {
  const box = h("section", { class: "review-ask", "aria-labelledby": "review-ask-heading" });
  const draw = async (): Promise<void> => {
    const data = await api<ForItem>("GET", `/api/reviews/for/${kind}/${encodeURIComponent(id)}`);
    const heading = h("h2", { id: "review-ask-heading" }, "Review by people");
    if (data.open !== null) {
      mount(box, heading, h("p", {}, "Your review of this is open (", STATE[data.open.state] ?? data.open.state, "). New submissions join it. ", h("a", { href: `/reviews/${data.open.id}` }, "Open your review")));
      return;
    }
    const note = h("p", { class: "error", role: "alert", hidden: true });
    const question = h("textarea", { rows: 2, id: "review-question", placeholder: "What should reviewers look at? (optional)" });
    const button = h("button", { type: "submit", class: "secondary" }, "Ask for a review");
    const form = h("form", { class: "ask-form" }, h("label", { for: "review-question" }, "Your question for the reviewer (optional)"), question, h("div", { class: "actions" }, button), note);
    form.addEventListener("submit", act(async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        const fresh = await api<ForItem>("GET", `/api/reviews/for/${kind}/${encodeURIComponent(id)}`);
        const target = fresh.submissions[0]?.id;
        if (target === undefined) {
          note.hidden = false;
          note.textContent = "Submit once first (passed or not); then ask for a review of it.";
          return;
        }
        const { review } = await api<{ review: { id: string } }>("POST", `/api/submissions/${encodeURIComponent(target)}/review`, { question: question.value });
        navigate(`/reviews/${review.id}`);
      } finally {
        button.disabled = false;
      }
    }));
    mount(box, heading, h("p", { class: "muted" }, "Ask your cohort's mentors, and cohort mates who passed this, to read your latest submission (passed or not) and comment on it line by line."), form);
  };
  void draw().catch((error: unknown) => mount(box, h("p", { class: "error" }, error instanceof Error ? error.message : String(error))));
  return box;
}
