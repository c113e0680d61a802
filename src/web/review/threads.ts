/** A review thread: its comments (server-rendered safe Markdown), a reply box and resolve. */
import { api } from "../api.js";
import { h, act } from "../ui/dom.js";
import type { Thread } from "./types.js";

export interface ThreadActions {
  reviewId: string;
  /** Reloads the review after a change. */
  refresh: () => Promise<void>;
}

export function threadElement(thread: Thread, actions: ThreadActions, where?: string): HTMLElement {
  const comments = thread.comments.map((comment) => {
    const body = h("div", { class: "comment-body prose" });
    // bodyHtml comes from the server's comment renderer: raw HTML escaped, no images, safe links only.
    body.innerHTML = comment.bodyHtml;
    return h("li", { class: "comment" },
      h("p", { class: "comment-head" }, h("strong", {}, comment.author.name), " ", h("span", { class: "muted" }, new Date(comment.createdAt).toLocaleString())),
      body);
  });
  const reply = commentForm("Reply", async (body) => {
    await api("POST", `/api/reviews/${encodeURIComponent(actions.reviewId)}/comments`, { submissionId: thread.submissionId, file: thread.file, parentId: thread.id, body });
    await actions.refresh();
  });
  const resolve = thread.canResolve
    ? h("button", {
        type: "button",
        class: "secondary",
        onclick: act(async () => {
          await api("PUT", `/api/reviews/${encodeURIComponent(actions.reviewId)}/comments/${encodeURIComponent(thread.id)}/resolved`, { resolved: !thread.resolved });
          await actions.refresh();
        }),
      }, thread.resolved ? "Reopen" : "Resolve")
    : null;
  const label = where ?? (thread.line === null ? thread.file : `${thread.file}, line ${thread.line}`);
  return h("section", { class: `thread${thread.resolved ? " resolved" : ""}`, "aria-label": `Thread on ${label}` },
    h("p", { class: "thread-head" }, where === undefined ? null : h("span", { class: "muted" }, where), thread.resolved ? h("span", { class: "badge" }, "resolved") : null),
    h("ol", { class: "comments" }, ...comments),
    h("div", { class: "thread-actions" }, reply, resolve));
}

/** A Markdown box and its button; `send` gets the text. */
export function commentForm(buttonText: string, send: (body: string) => Promise<void>, label = buttonText === "Reply" ? "Your reply (Markdown)" : "Your comment (Markdown)"): HTMLElement {
  const text = h("textarea", { rows: 3, "aria-label": label, placeholder: "Markdown: **bold**, `code`, [links](https://…)" });
  const button = h("button", { type: "submit", class: "primary" }, buttonText);
  const error = h("p", { class: "error", role: "alert", hidden: true });
  const form = h("form", { class: "comment-form" }, text, h("div", { class: "actions" }, button), error);
  form.addEventListener("submit", act(async (event) => {
    event.preventDefault();
    if (text.value.trim() === "") return;
    button.disabled = true;
    try {
      await send(text.value);
    } catch (failure) {
      error.hidden = false;
      error.textContent = failure instanceof Error ? failure.message : String(failure);
    } finally {
      button.disabled = false;
    }
  }));
  return form;
}
