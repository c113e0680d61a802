/**
 * A minimal SMTP client for notification email: one message per connection, plain SMTP or
 * SMTP over TLS (smtps://), STARTTLS when the server offers it (smtp://), AUTH PLAIN when the
 * URL carries a user. Enough for a school's relay or a local MTA; nothing learner-controlled
 * reaches a header unchecked (see mailMessage).
 */
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, type TLSSocket } from "node:tls";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface SmtpTarget {
  url: URL;
  /** Per step (connect, each reply). */
  timeoutMs?: number;
  /** For tests: connect somewhere else than the URL's host (a unix socket). */
  connect?: () => Socket;
}

interface Reply {
  code: number;
  lines: string[];
}

/** Sends one message; rejects with an Error naming the step and the server's answer. */
export async function sendMail(target: SmtpTarget, message: MailMessage): Promise<void> {
  const { url } = target;
  const secure = url.protocol === "smtps:";
  if (!secure && url.protocol !== "smtp:") throw new Error(`the SMTP URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  const port = url.port === "" ? (secure ? 465 : 25) : Number(url.port);
  let socket: Socket | TLSSocket = target.connect?.() ?? (secure ? connectTls({ host: url.hostname, port, servername: url.hostname }) : connectTcp({ host: url.hostname, port }));
  const session = new Session(socket, target.timeoutMs ?? 15_000);
  try {
    await session.expect("greeting", 220);
    let ehlo = await session.command(`EHLO ${hostname() || "roadwork"}`, 250);
    if (!secure && target.connect === undefined && ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) {
      await session.command("STARTTLS", 220);
      socket = connectTls({ socket, servername: url.hostname });
      session.attach(socket);
      ehlo = await session.command(`EHLO ${hostname() || "roadwork"}`, 250);
    }
    if (url.username !== "") {
      const plain = Buffer.from(`\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`).toString("base64");
      await session.command(`AUTH PLAIN ${plain}`, 235, "AUTH PLAIN (the user and password in --smtp-url)");
    }
    await session.command(`MAIL FROM:<${address(message.from)}>`, 250);
    await session.command(`RCPT TO:<${address(message.to)}>`, 250);
    await session.command("DATA", 354);
    await session.command(`${dotStuff(mailMessage(message))}\r\n.`, 250, "the message");
    try {
      await session.command("QUIT", 221);
    } catch {
      // The message was accepted (the 250 above): a server that hangs up on QUIT changes nothing.
    }
  } finally {
    socket.destroy();
  }
}

/** The address inside "Name <address>", or the whole string. */
function address(mailbox: string): string {
  return /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}

/** Header values lose control characters (no header injection through a name); the body goes in base64. */
export function mailMessage(message: MailMessage): string {
  const clean = (value: string): string => value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  const encoded = (value: string): string => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString("base64")}?=`);
  const body = Buffer.from(message.text.replace(/\r?\n/g, "\r\n")).toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    `From: ${clean(message.from)}`,
    `To: ${clean(message.to)}`,
    `Subject: ${encoded(clean(message.subject))}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString("hex")}@roadwork>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "Auto-Submitted: auto-generated",
    "",
    body,
  ].join("\r\n");
}

function dotStuff(data: string): string {
  return data.replace(/(^|\r\n)\./g, "$1..");
}

/** Reads replies line by line from whichever socket is current (plain, then TLS after STARTTLS). */
class Session {
  private buffer = "";
  private pending: Array<(line: string | Error) => void> = [];
  private lines: Array<string | Error> = [];
  private socket!: Socket;

  constructor(socket: Socket, private readonly timeoutMs: number) {
    this.attach(socket);
  }

  attach(socket: Socket): void {
    this.socket = socket;
    this.buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf("\n")) !== -1) {
        this.push(this.buffer.slice(0, end).replace(/\r$/, ""));
        this.buffer = this.buffer.slice(end + 1);
      }
    });
    socket.on("error", (error) => this.push(error));
    socket.on("close", () => this.push(new Error("the SMTP server closed the connection")));
  }

  private push(line: string | Error): void {
    const waiter = this.pending.shift();
    if (waiter) waiter(line);
    else this.lines.push(line);
  }

  private nextLine(): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return ready instanceof Error ? Promise.reject(ready) : Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the SMTP server did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.push((line) => {
        clearTimeout(timer);
        if (line instanceof Error) reject(line);
        else resolve(line);
      });
    });
  }

  async reply(): Promise<Reply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.nextLine();
      lines.push(line.slice(4));
      if (line.length < 4 || line[3] !== "-") return { code: Number(line.slice(0, 3)), lines };
    }
  }

  async expect(step: string, code: number): Promise<Reply> {
    const reply = await this.reply();
    if (reply.code !== code) throw new Error(`SMTP ${step}: expected ${code}, the server answered ${reply.code} ${reply.lines.join(" ")}`);
    return reply;
  }

  async command(line: string, code: number, step = line.split(" ")[0] ?? line): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    const reply = await this.reply();
    // 251: "user not local; will forward", as good as 250 for RCPT.
    if (reply.code !== code && !(code === 250 && reply.code === 251)) throw new Error(`SMTP ${step}: expected ${code}, the server answered ${reply.code} ${reply.lines.join(" ")}`);
    return reply;
  }
}
