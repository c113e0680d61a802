/** Reviews to the JSON the API answers with (docs/api.md): names, titles, rendered comments. */
import type { Catalog } from "./catalog.js";
import type { ReviewCommentRow, ReviewListing, ReviewRow, ReviewVersion } from "../store/index.js";
import { iso } from "./http.js";
import { renderCommentMarkdown } from "./comment-markdown.js";
import { canDecide, canResolve, type ReviewRole } from "./review-access.js";

export function itemTitle(catalog: Catalog, kind: "exercise" | "project", id: string): string {
  return (kind === "exercise" ? catalog.exercise(id)?.title : catalog.project(id)?.title) ?? id;
}

/** "requested" until a mentor decides; then their decision. */
export function reviewState(review: Pick<ReviewRow, "verdict">): "requested" | "approved" | "changes_requested" {
  return review.verdict ?? "requested";
}

export function presentListing(catalog: Catalog, review: ReviewListing): Record<string, unknown> {
  return {
    id: review.id,
    author: { id: review.user_id, name: review.author_name },
    item: { kind: review.item_kind, id: review.item_id, title: itemTitle(catalog, review.item_kind, review.item_id) },
    question: review.question,
    state: reviewState(review),
    open: review.closed_at === null,
    createdAt: iso(review.created_at),
    updatedAt: iso(review.updated_at),
  };
}

type NamedComment = ReviewCommentRow & { author_name: string };

/** Comments grouped in threads (a first comment and its replies), in the order they were opened. */
export function presentThreads(comments: readonly NamedComment[], role: ReviewRole, viewerId: string): Array<Record<string, unknown>> {
  const roots = comments.filter((c) => c.parent_id === null);
  return roots.map((root) => ({
    id: root.id,
    submissionId: root.submission_id,
    file: root.file,
    line: root.line,
    resolved: root.resolved_at !== null,
    resolvedAt: iso(root.resolved_at),
    canResolve: canResolve(role, viewerId, root.author_id),
    comments: [root, ...comments.filter((c) => c.parent_id === root.id)].map((c) => ({
      id: c.id,
      author: { id: c.author_id, name: c.author_name },
      // Rendered here with the comment rules (no raw HTML, no images, safe links only).
      bodyHtml: renderCommentMarkdown(c.body),
      createdAt: iso(c.created_at),
    })),
  }));
}

export function presentReview(catalog: Catalog, review: ReviewRow & { author_name: string; decided_by_name: string | null }, versions: readonly ReviewVersion[], comments: readonly NamedComment[], role: ReviewRole, viewerId: string): Record<string, unknown> {
  return {
    ...presentListing(catalog, review),
    decision: review.verdict === null ? null : { verdict: review.verdict, by: review.decided_by_name, at: iso(review.decided_at) },
    versions: versions.map((v, i) => ({ n: i + 1, submissionId: v.id, status: v.status, commitId: v.commit_id, createdAt: iso(v.created_at) })),
    threads: presentThreads(comments, role, viewerId),
    me: { role, canComment: true, canDecide: canDecide(role), canSubmitVersion: role === "author" && review.closed_at === null && review.item_kind === "exercise" },
  };
}
