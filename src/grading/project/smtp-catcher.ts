/**
 * A minimal SMTP server that keeps every message it is given, so a stage can check the email
 * an app sent ("a password reset link arrives"). It listens on a host unix socket, which the
 * sandbox exposes inside as 127.0.0.1:SMTP_PORT; the app is the only client that can reach it.
 * It speaks just enough SMTP for smtplib, Django's mail backend and Flask-Mail: EHLO/HELO,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT, and AUTH PLAIN/LOGIN accepting any credentials.
 * No TLS: nothing leaves the machine.
 */
import { createServer, type Server, type Socket } from "node:net";
import { rm } from "node:fs/promises";
import type { CapturedEmail } from "./stage-api.js";
import { parseEmail } from "./email-parse.js";

/** Bounds so that an app cannot fill the grader's memory through the catcher. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const MAX_MESSAGES = 200;
const MAX_LINE_BYTES = 8192;

export interface SmtpCatcher {
  readonly socketPath: string;
  /** Every message received so far, oldest first. */
  emails(): CapturedEmail[];
  close(): Promise<void>;
}

export async function startSmtpCatcher(socketPath: string): Promise<SmtpCatcher> {
  const received: CapturedEmail[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveSession(socket, (email) => {
      if (received.length < MAX_MESSAGES) received.push(email);
    });
  });
  await rm(socketPath, { force: true });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolveListen());
  });
  return {
    socketPath,
    emails: () => received.slice(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(socketPath, { force: true });
    },
  };
}

/** "auth-*": inside an AUTH exchange, waiting for the client's next base64 line. */
type Phase = "command" | "data" | "auth-plain" | "auth-login-user" | "auth-login-password";

function serveSession(socket: Socket, deliver: (email: CapturedEmail) => void): void {
  let phase: Phase = "command";
  let from = "";
  let to: string[] = [];
  let dataLines: string[] = [];
  let dataBytes = 0;
  let pending = "";

  const reply = (line: string): void => {
    if (!socket.destroyed) socket.write(`${line}\r\n`);
  };
  const reset = (): void => {
    from = "";
    to = [];
    dataLines = [];
    dataBytes = 0;
  };

  const onCommand = (line: string): void => {
    const verb = line.slice(0, 4).toUpperCase();
    const arg = line.slice(4).trim();
    switch (verb) {
      case "EHLO":
        socket.write(`250-roadwork\r\n250-SIZE ${MAX_MESSAGE_BYTES}\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SMTPUTF8\r\n`);
        return;
      case "AUTH": {
        // Any credentials will do: an app configured with a mail user must still be testable.
        const [mechanism = "", initial] = arg.split(/\s+/);
        if (mechanism.toUpperCase() === "PLAIN") {
          if (initial !== undefined) return reply("235 Authentication successful");
          phase = "auth-plain";
          return reply("334 ");
        }
        if (mechanism.toUpperCase() === "LOGIN") {
          phase = initial !== undefined ? "auth-login-password" : "auth-login-user";
          return reply(initial !== undefined ? "334 UGFzc3dvcmQ6" : "334 VXNlcm5hbWU6");
        }
        return reply("504 Unrecognized authentication type");
      }
      case "HELO":
        return reply("250 roadwork");
      case "MAIL":
        reset();
        from = addressIn(arg);
        return reply("250 OK");
      case "RCPT":
        to.push(addressIn(arg));
        return reply("250 OK");
      case "DATA":
        if (to.length === 0) return reply("503 RCPT first");
        phase = "data";
        return reply("354 End data with <CR><LF>.<CR><LF>");
      case "RSET":
        reset();
        return reply("250 OK");
      case "NOOP":
        return reply("250 OK");
      case "QUIT":
        reply("221 Bye");
        socket.end();
        return;
      default:
        return reply("502 Command not implemented");
    }
  };

  const onDataLine = (line: string): void => {
    if (line === ".") {
      phase = "command";
      if (dataBytes > MAX_MESSAGE_BYTES) {
        reply("552 Message too large");
      } else {
        const raw = dataLines.join("\r\n");
        deliver({ ...parseEmail(raw), from, to: to.slice(), raw });
        reply("250 OK: queued");
      }
      reset();
      return;
    }
    // Dot-stuffing: a line that starts with a dot was sent with one more.
    const text = line.startsWith(".") ? line.slice(1) : line;
    dataBytes += text.length + 2;
    if (dataBytes <= MAX_MESSAGE_BYTES) dataLines.push(text);
  };

  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf("\n")) !== -1) {
      const line = pending.slice(0, end).replace(/\r$/, "");
      pending = pending.slice(end + 1);
      if (phase === "data") onDataLine(line);
      else if (phase === "auth-login-user") {
        phase = "auth-login-password";
        reply("334 UGFzc3dvcmQ6");
      } else if (phase === "auth-plain" || phase === "auth-login-password") {
        phase = "command";
        reply("235 Authentication successful");
      } else onCommand(line);
    }
    if (pending.length > (phase === "data" ? MAX_MESSAGE_BYTES : MAX_LINE_BYTES)) {
      reply("500 Line too long");
      socket.destroy();
    }
  });
  socket.on("error", () => socket.destroy());
  reply("220 roadwork SMTP catcher ready");
}

/** "FROM:<a@b.c> SIZE=12" -> "a@b.c" */
function addressIn(arg: string): string {
  const angle = /<([^>]*)>/.exec(arg);
  if (angle) return angle[1] ?? "";
  return arg.replace(/^(FROM|TO):/i, "").trim().split(/\s+/)[0] ?? "";
}
