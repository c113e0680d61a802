/**
 * One review: who asked and what, the decision, the versions (each submission of the item
 * since the review opened), the code of the chosen version with its line threads, the diff
 * from the previous version, a mentor's decision buttons, and the author's new version.
 */
import "../review.css";
import { api, submitWork, type Submission } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import { diffView, filesView } from "../review/code.js";
import { threadElement } from "../review/threads.js";
import { STATE_WORDS, type FileDiff, type Review, type ReviewFile } from "../review/types.js";
import type { PageContext } from "./context.js";

export async function reviewPage(ctx: PageContext, id: string, chosen?: string): Promise<void> {
  const base = `/api/reviews/${encodeURIComponent(id)}`;
  const { review } = await api<{ review: Review }>("GET", base);
  // Opening a review reads its notifications.
  void api("POST", "/api/notifications/read", { reviewId: id }).then(
    () => document.dispatchEvent(new Event("roadwork:notifications")),
    // The review shows either way; its notifications stay unread until the next visit.
    (error: unknown) => console.warn("marking this review's notifications read failed", error),
  );
  const latest = review.versions[review.versions.length - 1];
  const version = review.versions.find((v) => v.submissionId === (chosen ?? new URLSearchParams(location.search).get("version"))) ?? latest;
  const refresh = (): Promise<void> => reviewPage(ctx, id, version?.submissionId);
  const whose = review.me.role === "author" ? "Your" : `${review.author.name}'s`;

  const files = version === undefined ? [] : (await api<{ files: ReviewFile[] }>("GET", `${base}/versions/${encodeURIComponent(version.submissionId)}/files`)).files;
  const previous = version === undefined ? undefined : review.versions[version.n - 2];
  const code = h("div", {});
  const showCode = (): void => mount(code, filesView(files, { reviewId: id, submissionId: version?.submissionId ?? "", threads: review.threads, canComment: review.me.canComment, refresh }));
  showCode();
  // The diff has an address of its own (?diff), so a reload or a shared link shows it again.
  const diffToggle = previous === undefined ? null : h("button", { type: "button", class: "secondary", "aria-pressed": "false" }, `Changes since version ${previous.n}`);
  const showDiff = async (on: boolean): Promise<void> => {
    if (diffToggle === null || previous === undefined || version === undefined) return;
    diffToggle.setAttribute("aria-pressed", on ? "true" : "false");
    diffToggle.textContent = on ? "Back to the code" : `Changes since version ${previous.n}`;
    history.replaceState(null, "", `/reviews/${id}?version=${version.submissionId}${on ? "&diff" : ""}`);
    if (!on) return showCode();
    const diff = await api<{ files: FileDiff[] }>("GET", `${base}/diff?from=${encodeURIComponent(previous.submissionId)}&to=${encodeURIComponent(version.submissionId)}`);
    mount(code, diffView(diff.files));
  };
  diffToggle?.addEventListener("click", () => void showDiff(diffToggle.getAttribute("aria-pressed") !== "true"));
  if (diffToggle !== null && new URLSearchParams(location.search).has("diff")) await showDiff(true);

  const versions = h("nav", { class: "versions", "aria-label": "Versions" }, h("ol", {}, ...review.versions.map((v) =>
    h("li", {}, h("a", { href: `/reviews/${id}?version=${v.submissionId}`, "aria-current": v.submissionId === version?.submissionId ? "true" : undefined, class: `version ${v.status}` },
      `Version ${v.n}`, h("span", { class: "muted" }, ` · ${v.status} · ${new Date(v.createdAt).toLocaleDateString()}`, v.commitId ? h("span", { class: "commit" }, " · commit ", h("code", { title: v.commitId }, v.commitId.slice(0, 10))) : null))))));

  const elsewhere = review.threads.filter((t) => t.submissionId !== version?.submissionId);
  const versionOf = (submissionId: string): number => review.versions.find((v) => v.submissionId === submissionId)?.n ?? 0;

  mount(ctx.main,
    h("p", {}, h("a", { href: "/reviews" }, "← Reviews"), " · ", h("a", { href: `/${review.item.kind}s/${review.item.id}` }, review.item.title)),
    h("h1", {}, `${whose} review: ${review.item.title}`),
    h("p", { class: "review-meta" }, h("span", { class: `state ${review.state}` }, STATE_WORDS[review.state]),
      review.decision?.by ? h("span", { class: "muted" }, ` by ${review.decision.by}`) : null,
      h("span", { class: "muted" }, ` · asked by ${review.author.name} on ${new Date(review.createdAt).toLocaleDateString()}`)),
    review.question === null ? null : h("blockquote", { class: "question" }, h("p", { class: "label" }, "Question"), h("p", {}, review.question)),
    review.me.canDecide ? decisionBox(review, base, refresh) : null,
    versions,
    h("div", { class: "actions" }, diffToggle, version === undefined ? null : h("span", { class: "muted" }, `Showing version ${version.n} of ${review.versions.length}. Select a line number to comment on it.`)),
    code,
    elsewhere.length === 0 ? null : h("section", { "aria-labelledby": "elsewhere" }, h("h2", { id: "elsewhere" }, "Threads on other versions"),
      ...elsewhere.map((t) => threadElement(t, { reviewId: id, refresh }, `Version ${versionOf(t.submissionId)}, ${t.file}${t.line === null ? "" : `, line ${t.line}`}`))),
    review.me.role === "author" ? newVersionBox(ctx, review, files, base) : null,
  );
}

function decisionBox(review: Review, base: string, refresh: () => Promise<void>): HTMLElement {
  const decide = (verdict: "approved" | "changes_requested") => async (): Promise<void> => {
    await api("PUT", `${base}/verdict`, { verdict });
    await refresh();
  };
  return h("section", { class: "decision", "aria-label": "Your decision" },
    h("p", {}, "As a mentor, decide: the learner sees your decision beside the grading verdict on their roadmap."),
    h("div", { class: "actions" },
      h("button", { type: "button", class: "primary", onclick: act(decide("approved")), disabled: review.state === "approved" }, "Approve"),
      h("button", { type: "button", class: "secondary", onclick: act(decide("changes_requested")), disabled: review.state === "changes_requested" }, "Request changes")));
}

function newVersionBox(ctx: PageContext, review: Review, files: ReviewFile[], base: string): HTMLElement {
  const other = h("p", { class: "muted" }, review.item.kind === "project"
    ? "Send a new version from the project page, with roadwork submit, or by git push: every new submission of this project joins this review."
    : "Any new submission of this exercise joins this review, from here, the exercise page or roadwork submit.");
  if (!review.me.canSubmitVersion) return h("section", { "aria-labelledby": "new-version" }, h("h2", { id: "new-version" }, "A new version"), other);
  const source = h("textarea", { rows: 12, class: "source", id: "new-version-source", spellcheck: false });
  source.value = files[0]?.text ?? "";
  const status = h("p", { role: "status" });
  const button = h("button", { type: "submit", class: "primary" }, "Submit the new version");
  const form = h("form", { class: "new-version" }, h("label", { for: "new-version-source" }, `Your ${files[0]?.path ?? "solution"}`), source, h("div", { class: "actions" }, button), status);
  form.addEventListener("submit", act(async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const created = await submitWork<{ id: string }>(`${base}/versions`, { source: source.value });
      status.textContent = "Sent; grading it…";
      for (let i = 0; i < 600 && !ctx.signal.aborted; i++) {
        const sub = await api<Submission>("GET", `/api/submissions/${encodeURIComponent(created.id)}`);
        if (sub.status !== "queued" && sub.status !== "running") break;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      history.replaceState(null, "", `/reviews/${review.id}?version=${created.id}`);
      await reviewPage(ctx, review.id, created.id);
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
      button.disabled = false;
    }
  }));
  return h("section", { "aria-labelledby": "new-version" }, h("h2", { id: "new-version" }, "Send a new version"), other, form);
}
