/**
 * Tells people what happened in a review: a row each in the app (always), and an email to
 * those who did not opt out, when an SMTP server is configured. Email leaves after the
 * request has been answered; a failing server never fails it: the send is retried once,
 * then dropped with a warning in the log.
 */
import type { FastifyBaseLogger } from "fastify";
import type { NotificationKind, Store } from "../../store/index.js";
import type { MailMessage } from "./smtp-client.js";
import { notificationText } from "./wording.js";

export type SendMail = (message: MailMessage) => Promise<void>;

export interface NotifierOptions {
  store: Store;
  /** null: in-app notifications only. */
  send: SendMail | null;
  from: string;
  /** Where links in email point (the server's public address), or null for no link. */
  publicUrl: string | null;
  logger: FastifyBaseLogger;
  itemTitle: (kind: "exercise" | "project", id: string) => string;
  retryDelayMs?: number;
}

export interface ReviewEvent {
  kind: NotificationKind;
  review: { id: string; user_id: string; item_kind: "exercise" | "project"; item_id: string; verdict: string | null };
  actor: { id: string; name: string };
}

export class Notifier {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: NotifierOptions) {}

  /** Notifies each recipient once, never the actor. */
  async notify(recipients: Iterable<string>, event: ReviewEvent, now = Date.now()): Promise<void> {
    const people = [...new Set(recipients)].filter((id) => id !== event.actor.id);
    if (people.length === 0) return;
    await this.options.store.notifications.add(people.map((userId) => ({ userId, kind: event.kind, reviewId: event.review.id, actorId: event.actor.id })), now);
    if (this.options.send === null) return;
    for (const userId of people) this.track(this.email(userId, event));
  }

  /** Resolves when every email started so far has been sent or dropped (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    const settled = work.finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
  }

  private async email(userId: string, event: ReviewEvent): Promise<void> {
    const { store, send, logger } = this.options;
    if (send === null) return;
    try {
      if (!(await store.notifications.emailEnabled(userId))) return;
      const [reader, author] = await Promise.all([store.users.byId(userId), store.users.byId(event.review.user_id)]);
      if (reader === undefined) return;
      const subject = notificationText({ kind: event.kind, actorName: event.actor.name, readerIsAuthor: userId === event.review.user_id, authorName: author?.name ?? null, itemTitle: this.options.itemTitle(event.review.item_kind, event.review.item_id), verdict: event.review.verdict });
      const link = this.options.publicUrl === null ? "Open roadwork and go to Reviews to read it." : `Read it here: ${this.options.publicUrl.replace(/\/$/, "")}/reviews/${event.review.id}`;
      const message: MailMessage = {
        from: this.options.from,
        to: reader.email,
        subject: `roadwork: ${subject}`,
        text: `${subject}.\n\n${link}\n\nYou get this email because of your review notifications on roadwork. To stop them, turn email off on your account page; you will still see them in the app.\n`,
      };
      await this.sendWithRetry(message);
    } catch (error) {
      logger.warn({ err: error, userId, reviewId: event.review.id }, "a notification email could not be prepared; it was dropped (the in-app notification stands)");
    }
  }

  private async sendWithRetry(message: MailMessage): Promise<void> {
    const send = this.options.send;
    if (send === null) return;
    try {
      await send(message);
    } catch (first) {
      this.options.logger.warn({ err: first }, "sending a notification email failed; trying once more");
      await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 5000));
      try {
        await send(message);
      } catch (second) {
        this.options.logger.warn({ err: second }, "sending a notification email failed twice; it was dropped (the in-app notification stands)");
      }
    }
  }
}
