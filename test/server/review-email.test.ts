/**
 * Notification email: the SMTP client against the grading's SMTP catcher (headers cannot be
 * injected through a name), the notifier's opt-out and its retry-then-drop, and the server
 * sending through --smtp-url; a dead SMTP server never fails a request.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, createServer, type Server } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { startSmtpCatcher, type SmtpCatcher } from "../../src/grading/project/smtp-catcher.js";
import { sendMail } from "../../src/server/notify/smtp-client.js";
import { Notifier } from "../../src/server/notify/notifier.js";
import type { MailMessage } from "../../src/server/notify/smtp-client.js";
import { buildTestApp, signUp, userWithRole, type Client, type TestApp } from "./helpers.js";
import { resolveConfig } from "../../src/config.js";

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe("notification email", () => {
  let dir: string;
  let catcher: SmtpCatcher;
  let proxy: Server;
  let port: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "roadwork-mail-"));
    catcher = await startSmtpCatcher(join(dir, "smtp.sock"));
    // The catcher listens on a unix socket; the server's --smtp-url names a TCP port.
    proxy = createServer((client) => {
      const upstream = connect(catcher.socketPath);
      client.pipe(upstream).pipe(client);
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    port = (proxy.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await catcher.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes smtp:// and smtps:// URLs for --smtp-url and refuses others, naming the option", () => {
    assert.equal(resolveConfig({ smtpUrl: "smtps://user:pw@mail.example.org:465" }).smtpUrl, "smtps://user:pw@mail.example.org:465");
    assert.equal(resolveConfig({}).smtpUrl, undefined, "none by default: notifications stay in the app");
    assert.throws(() => resolveConfig({ smtpUrl: "http://mail.example.org" }), /smtpUrl/);
  });

  it("sends a message the catcher reads back, with no header injected through the subject", async () => {
    const before = catcher.emails().length;
    await sendMail({ url: new URL("smtp://user:secret@localhost"), connect: () => connect(catcher.socketPath) }, {
      from: "roadwork <roadwork@localhost>",
      to: "ada@example.org",
      subject: "Zoë commented\r\nBcc: victim@example.org",
      text: "Line one.\n.\nA line that was a lone dot.\n",
    });
    const email = catcher.emails()[before];
    assert.ok(email !== undefined);
    assert.deepEqual(email.to, ["ada@example.org"]);
    assert.equal(email.subject, "Zoë commented Bcc: victim@example.org");
    assert.doesNotMatch(email.raw, /^Bcc:/im);
    assert.equal(email.text.replace(/\r/g, "").trimEnd(), "Line one.\n.\nA line that was a lone dot.");
  });

  it("notifies in the app always, by email unless the user opted out, and drops a failing send after one retry", async () => {
    const t = await buildTestApp();
    try {
      const actor = await signUp(t.app);
      const [keen, quiet] = [await signUp(t.app), await signUp(t.app)];
      await t.store.notifications.setEmail(quiet.user.id, false);
      const sent: MailMessage[] = [];
      const warnings: string[] = [];
      const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
      let failures = 0;
      const notifier = new Notifier({ store: t.store, from: "roadwork <r@localhost>", publicUrl: "https://roadwork.example.org/", logger, itemTitle: () => "Greet", retryDelayMs: 1,
        send: async (message) => {
          if (failures-- > 0) throw new Error("421 try later");
          sent.push(message);
        } });
      const first = await t.store.submissions.create({ userId: keen.user.id, itemKind: "exercise", itemId: "greet-user", source: "x" });
      const row = await t.store.reviews.create({ userId: keen.user.id, itemKind: "exercise", itemId: "greet-user", firstSubmission: first, question: null });
      const review = { id: row.id, user_id: keen.user.id, item_kind: "exercise" as const, item_id: "greet-user", verdict: null };
      await notifier.notify([keen.user.id, quiet.user.id, actor.user.id], { kind: "comment", review, actor: { id: actor.user.id, name: "Mona" } });
      await notifier.idle();
      assert.equal(await t.store.notifications.unreadCount(quiet.user.id), 1, "in the app even with email off");
      assert.equal(await t.store.notifications.unreadCount(actor.user.id), 0, "not the one who acted");
      assert.deepEqual(sent.map((m) => [m.to, m.subject]), [[keen.user.email, "roadwork: Mona commented on your review of Greet"]]);
      assert.match(sent[0]?.text ?? "", /https:\/\/roadwork\.example\.org\/reviews\/[A-Za-z0-9_-]{20,}$/m);
      failures = 1;
      await notifier.notify([keen.user.id], { kind: "verdict", review: { ...review, verdict: "approved" }, actor: { id: actor.user.id, name: "Mona" } });
      await notifier.idle();
      assert.equal(sent.length, 2, "sent on the retry");
      failures = 2;
      await notifier.notify([keen.user.id], { kind: "verdict", review, actor: { id: actor.user.id, name: "Mona" } });
      await notifier.idle();
      assert.equal(sent.length, 2, "dropped after the second failure");
      assert.ok(warnings.some((w) => w.includes("failed twice")), warnings.join("\n"));
    } finally {
      await t.close();
    }
  });

  async function reviewWithComment(t: TestApp): Promise<{ ada: Client; status: number }> {
    const mentor = await userWithRole(t, "mentor");
    const ada = await signUp(t.app);
    const call = (method: "POST", url: string, client: Client, payload: object) => t.app.inject({ method, url, headers: client.headers, payload });
    const cohort = (await call("POST", "/api/cohorts", mentor, { name: "Mail" })).json().cohort;
    await call("POST", `/api/cohorts/invite/${cohort.inviteCode}/join`, ada, {});
    const submission = (await call("POST", "/api/exercises/greet-user/submissions", ada, { source: "print(1)" })).json().id;
    const review = (await call("POST", `/api/submissions/${submission}/review`, ada, {})).json().review;
    const comment = await call("POST", `/api/reviews/${review.id}/comments`, mentor, { submissionId: submission, file: "solution.py", line: 1, body: "Look here." });
    return { ada, status: comment.statusCode };
  }

  it("emails the author through --smtp-url when a mentor comments", async () => {
    const t = await buildTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: "Roadwork <noreply@school.example>" } });
    try {
      const { ada, status } = await reviewWithComment(t);
      assert.equal(status, 201);
      const email = await until(() => catcher.emails().find((e) => e.to.includes(ada.user.email)), "the email to the author");
      assert.equal(email.from, "noreply@school.example");
      assert.equal(email.subject, "roadwork: mentor commented on your review of Exercise greet-user");
    } finally {
      await t.close();
    }
  });

  it("answers the request when the SMTP server is down (the in-app notification stands)", async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const deadPort = (dead.address() as { port: number }).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const t = await buildTestApp({ config: { smtpUrl: `smtp://127.0.0.1:${deadPort}` } });
    try {
      const { ada, status } = await reviewWithComment(t);
      assert.equal(status, 201);
      assert.equal(await t.store.notifications.unreadCount(ada.user.id), 1);
    } finally {
      await t.close();
    }
  });
});
