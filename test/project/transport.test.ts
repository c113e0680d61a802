/**
 * The HTTP transport between the grader and the app (through a connection the sandbox
 * opens): what it sends, what it brings back, and why a request got no answer.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { createHttpSend, NoAnswerError } from "../../src/http/transport.js";
import type { HttpRequestSpec } from "../../src/hurl/types.js";

let server: http.Server;
let port = 0;
const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
/** Every body chunk as it arrives, before the request ends. */
const arrived: string[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      chunks.push(c);
      arrived.push(c.toString());
    });
    req.on("end", () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === "/big") {
        res.writeHead(200, { "Content-Type": "application/octet-stream" });
        res.end(Buffer.alloc(64 * 1024, 97));
      } else if (req.url === "/hangup") {
        req.socket.destroy();
      } else if (req.url !== "/silent") {
        res.writeHead(201, [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["X-Thing", "yes"]]);
        res.end("created");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const connect = (): Promise<net.Socket> =>
  new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
const options = { timeoutMs: 300, maxBodyBytes: 1024 };
const sendOver = (open: () => Promise<net.Socket>, spec: HttpRequestSpec, o: typeof options): ReturnType<ReturnType<typeof createHttpSend>> => createHttpSend({ connect: open, ...o })(spec);

void describe("the transport to the app", () => {
  void it("sends half the body, then the rest once holdBody resolves (a request kept in flight)", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = seen.length;
    arrived.length = 0;
    let answered = false;
    const sending = sendOver(connect, { method: "POST", url: `http://127.0.0.1:${port}/`, headers: {}, body: Buffer.from("0123456789"), holdBody: held }, { timeoutMs: 10_000, maxBodyBytes: 1024 }).then((res) => {
      answered = true;
      return res;
    });
    for (let i = 0; i < 200 && arrived.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(arrived, ["01234"], "the first half arrives at once");
    assert.equal(answered, false);
    assert.equal(seen.length, before, "the request is not complete before the release");
    release();
    const res = await sending;
    assert.equal(res.status, 201);
    assert.equal(seen.at(-1)?.body, "0123456789");
    assert.equal(seen.at(-1)?.headers["content-length"], "10");
  });

  void it("calls onContinue when the app answers 100 Continue to a held request, before its final answer", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let continued: () => void = () => undefined;
    const taken = new Promise<void>((resolve) => (continued = resolve));
    let calls = 0;
    const spec: HttpRequestSpec = {
      method: "POST",
      url: `http://127.0.0.1:${port}/`,
      headers: { Expect: "100-continue" },
      body: Buffer.from("abcdef"),
      holdBody: held,
      onContinue: () => {
        calls++;
        continued();
      },
    };
    const sending = sendOver(connect, spec, { timeoutMs: 10_000, maxBodyBytes: 1024 });
    // Node's server answers 100 Continue by itself as soon as it has read the headers.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error("onContinue was not called within 5 s")), 5000)));
    await Promise.race([taken, late]);
    clearTimeout(timer);
    assert.equal(calls, 1);
    release();
    const res = await sending;
    assert.equal(res.status, 201, "the interim 100 is not taken for the answer");
    assert.equal(seen.at(-1)?.body, "abcdef");
    assert.equal(seen.at(-1)?.headers.expect, "100-continue");
    assert.equal(calls, 1);
  });

  void it("never calls onContinue when the app answers without a 100 Continue", async () => {
    let calls = 0;
    const res = await sendOver(connect, { method: "POST", url: `http://127.0.0.1:${port}/`, headers: {}, body: Buffer.from("x"), onContinue: () => void calls++ }, { timeoutMs: 10_000, maxBodyBytes: 1024 });
    assert.equal(res.status, 201);
    assert.equal(calls, 0);
  });

  void it("sends the request with Host and Content-Length, and brings back status, every header and the body", async () => {
    const response = await sendOver(connect, { method: "POST", url: "http://127.0.0.1:8000/x?y=1", headers: { "Content-Type": "text/plain" }, body: Buffer.from("hello") }, options);
    assert.equal(response.status, 201);
    assert.equal(response.httpVersion, "1.1");
    assert.deepEqual(
      response.headers.filter(([name]: [string, string]) => name.toLowerCase() !== "date" && name.toLowerCase() !== "connection" && name.toLowerCase() !== "keep-alive" && name.toLowerCase() !== "transfer-encoding"),
      [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"], ["X-Thing", "yes"]],
    );
    assert.equal(response.body.toString(), "created");
    assert.equal(response.truncated, false);
    const last = seen[seen.length - 1];
    assert.equal(last?.headers.host, "127.0.0.1:8000");
    assert.equal(last?.headers["content-length"], "5");
    assert.equal(last?.body, "hello");
  });

  void it("keeps at most maxBodyBytes of a body and marks it cut", async () => {
    const response = await sendOver(connect, { method: "GET", url: "http://127.0.0.1:8000/big", headers: {} }, options);
    assert.equal(response.body.length, 1024);
    assert.equal(response.truncated, true);
  });

  void it("says why no answer came: silence, a hang-up, a connection that cannot be made", async () => {
    await assert.rejects(sendOver(connect, { method: "GET", url: "http://127.0.0.1:8000/silent", headers: {} }, options), (e: unknown) => e instanceof NoAnswerError && /did not answer within/.test(e.message));
    await assert.rejects(sendOver(connect, { method: "GET", url: "http://127.0.0.1:8000/hangup", headers: {} }, options), (e: unknown) => e instanceof NoAnswerError && e.message === "the app closed the connection without answering");
    const refused = (): Promise<net.Socket> => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    await assert.rejects(sendOver(refused, { method: "GET", url: "http://127.0.0.1:8000/", headers: {} }, options), (e: unknown) => e instanceof NoAnswerError && /nothing is listening on the app's port/.test(e.message));
  });
});
