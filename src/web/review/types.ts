/** The review API's shapes (docs/api.md, "Reviews"). */
export type ReviewState = "requested" | "approved" | "changes_requested";

export interface ReviewListing {
  id: string;
  author: { id: string; name: string };
  item: { kind: "exercise" | "project"; id: string; title: string };
  question: string | null;
  state: ReviewState;
  open: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewComment { id: string; author: { id: string; name: string }; bodyHtml: string; createdAt: string }

export interface Thread {
  id: string;
  submissionId: string;
  file: string;
  line: number | null;
  resolved: boolean;
  canResolve: boolean;
  comments: ReviewComment[];
}

export interface Review extends ReviewListing {
  decision: { verdict: ReviewState; by: string | null; at: string } | null;
  versions: Array<{ n: number; submissionId: string; status: string; commitId?: string | null; createdAt: string }>;
  threads: Thread[];
  me: { role: "author" | "admin" | "mentor" | "peer"; canComment: boolean; canDecide: boolean; canSubmitVersion: boolean };
}

export interface ReviewFile { path: string; language: "python" | "sql" | "text"; text: string | null; note?: string }

export interface FileDiff { path: string; change: "added" | "removed" | "changed"; hunks: Array<{ oldStart: number; newStart: number; lines: string[] }> }

export const STATE_WORDS: Record<ReviewState, string> = { requested: "Review requested", approved: "Approved", changes_requested: "Changes requested" };
