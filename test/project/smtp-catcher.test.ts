import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { startSmtpCatcher, type SmtpCatcher } from "../../src/grading/project/smtp-catcher.js";
import { parseEmail } from "../../src/grading/project/email-parse.js";

const PYTHON = "/usr/bin/python3";

/** Sends with Python's smtplib (what learner apps use), over the catcher's unix socket. */
const SEND = `
import smtplib, socket, sys
from email.message import EmailMessage

class UnixSMTP(smtplib.SMTP):
    def _get_socket(self, host, port, timeout):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(host)
        return s

path = sys.argv[1]
with UnixSMTP(path) as smtp:
    smtp.ehlo()
    smtp.login("mailer", "any password will do")
    plain = EmailMessage()
    plain["From"] = "app@example.test"
    plain["To"] = "ada@example.test"
    plain["Subject"] = "Welcome"
    plain.set_content("Hello Ada\\n.leading dot line\\nbye")
    smtp.send_message(plain)

    smtp.noop()
    smtp.rset()

    fancy = EmailMessage()
    fancy["From"] = "app@example.test"
    fancy["To"] = "zoe@example.test, bob@example.test"
    fancy["Subject"] = "Bestätigen Sie Ihre E-Mail ✓"
    fancy.set_content("Grüße! Your code is 123456 " + "é" * 100, charset="utf-8")
    fancy.add_alternative("<p>Grüße! <a href='http://x.test/c/123456'>confirm</a></p>", subtype="html")
    smtp.send_message(fancy)

with UnixSMTP(path) as smtp:
    smtp.ehlo()
    smtp.user, smtp.password = "mailer", "secret"
    smtp.auth("LOGIN", smtp.auth_login, initial_response_ok=False)
    smtp.sendmail("app@example.test", ["third@example.test"], "Subject: Third\\r\\n\\r\\nthird body")
`;

void describe("SMTP catcher", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  let dir: string;
  let catcher: SmtpCatcher;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "roadwork-smtp-"));
    catcher = await startSmtpCatcher(join(dir, "smtp.sock"));
  });
  after(async () => {
    await catcher.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void it("keeps what smtplib sends: sender, recipients, subject and the text part", async () => {
    // Asynchronously: the catcher answers from this very process.
    await promisify(execFile)(PYTHON, ["-c", SEND, catcher.socketPath], { timeout: 20_000 });
    const emails = catcher.emails();
    assert.equal(emails.length, 3);
    const [plain, fancy] = emails;
    assert.equal(plain?.from, "app@example.test");
    assert.deepEqual(plain?.to, ["ada@example.test"]);
    assert.equal(plain?.subject, "Welcome");
    assert.equal(plain?.text, "Hello Ada\n.leading dot line\nbye");

    assert.deepEqual(fancy?.to, ["zoe@example.test", "bob@example.test"]);
    assert.equal(fancy?.subject, "Bestätigen Sie Ihre E-Mail ✓");
    assert.equal(fancy?.text, `Grüße! Your code is 123456 ${"é".repeat(100)}`);
    assert.match(fancy?.raw ?? "", /text\/html/);
    assert.equal(emails[2]?.subject, "Third");
    assert.equal(emails[2]?.text, "third body");
  });
});

void describe("email parsing", () => {
  void it("decodes a quoted-printable part and skips attachments", () => {
    const raw = [
      "Subject: =?utf-8?q?Caf=C3=A9_time?=",
      'Content-Type: multipart/mixed; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Disposition: attachment; filename=a.txt",
      "",
      "not me",
      "--b1",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Caf=C3=A9 at a very long line that was soft-=",
      "wrapped",
      "--b1--",
    ].join("\r\n");
    const parsed = parseEmail(raw);
    assert.equal(parsed.subject, "Café time");
    assert.equal(parsed.text, "Café at a very long line that was soft-wrapped");
  });

  void it("reads the link out of an HTML-only message", () => {
    const parsed = parseEmail('Subject: Hi\nContent-Type: text/html\n\n<p>Click <a href="http://x.test/r?t=1&amp;u=2">here</a></p>');
    assert.match(parsed.text, /http:\/\/x\.test\/r\?t=1&amp;u=2|http:\/\/x\.test\/r\?t=1&u=2/);
  });
});
