/** What a notification says, in the app and in the email subject: built when read, from names and titles. */
import type { NotificationKind } from "../../store/index.js";

export interface NotificationFacts {
  kind: NotificationKind;
  actorName: string | null;
  /** Whether the reader is the learner whose work is reviewed. */
  readerIsAuthor: boolean;
  authorName: string | null;
  itemTitle: string;
  verdict: string | null;
}

export function notificationText(facts: NotificationFacts): string {
  const actor = facts.actorName ?? "Someone";
  const whose = facts.readerIsAuthor ? "your" : `${facts.authorName ?? "a learner"}'s`;
  switch (facts.kind) {
    case "review_requested":
      return `${actor} asked for a review of ${facts.itemTitle}`;
    case "comment":
      return `${actor} commented on ${whose} review of ${facts.itemTitle}`;
    case "verdict":
      return facts.verdict === "approved" ? `${actor} approved ${whose} ${facts.itemTitle}` : `${actor} requested changes to ${whose} ${facts.itemTitle}`;
    case "new_version":
      return `${actor} sent a new version of ${facts.itemTitle} for review`;
  }
}
