/**
 * Who may do what in a review. The author always; an admin always; a mentor of a cohort the
 * author learns in; a cohort mate of the author once they have passed the same item (a peer).
 * Everyone else is answered 404, as for anyone else's submission, so review ids are not
 * confirmed; a cohort mate who has not passed yet is told to pass first (403 PASS_FIRST).
 * Only mentors and admins decide (approve or request changes); only the author sends versions.
 */
import { RoadworkError } from "../errors.js";
import type { ReviewRow, Store, UserRow } from "../store/index.js";

export type ReviewRole = "author" | "admin" | "mentor" | "peer";

export const PASS_FIRST_TO_REVIEW = "pass this item yourself first; then you can review how others solved it";

export async function reviewRoleOf(store: Store, viewer: Pick<UserRow, "id" | "role">, review: ReviewRow): Promise<ReviewRole> {
  if (viewer.id === review.user_id) return "author";
  if (viewer.role === "admin") return "admin";
  const relation = await store.reviews.relation(viewer.id, review.user_id);
  if (relation.mentor) return "mentor";
  if (!relation.sharesCohort) throw new RoadworkError("NOT_FOUND", `no review "${review.id}"`);
  if (!(await store.reviews.hasPassed(viewer.id, review.item_kind, review.item_id))) throw new RoadworkError("PASS_FIRST", PASS_FIRST_TO_REVIEW);
  return "peer";
}

export function canDecide(role: ReviewRole): boolean {
  return role === "mentor" || role === "admin";
}

/** A thread is resolved by the author, by whoever opened it, or by a mentor or admin. */
export function canResolve(role: ReviewRole, viewerId: string, threadAuthorId: string): boolean {
  return role === "author" || canDecide(role) || viewerId === threadAuthorId;
}
