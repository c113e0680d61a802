/**
 * The app the runHurl tests talk to (tasks, sessions, an echo of what it received, and a few
 * misbehaviours), started once per test file, and the helpers they share.
 */
import { after, before } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import net from "node:net";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createHttpSend,
  parseHurl,
  runHurl,
  type HttpRequestSpec,
  type HttpResponseData,
  type HurlEntryResult,
  type JsonValue,
} from "../../src/hurl/index.js";

/** A small app: tasks, sessions, an echo of what it received, and a few misbehaviours. */
export function createApp(): http.Server {
  const tasks: Array<{ id: number; title: string }> = [];
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://x");
      const json = (status: number, value: unknown, headers: http.OutgoingHttpHeaders = {}): void => {
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(JSON.stringify(value));
      };
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case "POST /tasks": {
          const input = JSON.parse(body.toString() || "{}") as { title?: string };
          if (!input.title) return json(422, { error: "title is required" });
          const task = { id: tasks.length + 1, title: input.title };
          tasks.push(task);
          return json(201, task, { Location: `/tasks/${task.id}` });
        }
        case "GET /tasks":
          return json(200, { items: tasks });
        case "POST /buggy-tasks": {
          const input = JSON.parse(body.toString() || "{}") as { title?: string };
          return json(201, { id: 3, title: input.title ?? "" });
        }
        case "POST /login":
          res.writeHead(204, { "Set-Cookie": ["session=s3cr3t; Path=/; HttpOnly; SameSite=Lax", "theme=dark; Path=/prefs"] });
          return res.end();
        case "POST /logout":
          res.writeHead(204, { "Set-Cookie": "session=; Path=/; Max-Age=0" });
          return res.end();
        case "GET /echo":
        case "POST /echo":
        case "PUT /echo":
          return json(200, {
            method: req.method,
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            cookie: req.headers.cookie ?? null,
            authorization: req.headers.authorization ?? null,
            contentType: req.headers["content-type"] ?? null,
            custom: req.headers["x-custom"] ?? null,
            body: body.toString("latin1"),
          });
        case "GET /doc":
          res.setHeader("Vary", ["Accept", "Cookie"]);
          res.setHeader("Set-Cookie", "flavour=mint; Path=/; Secure");
          return json(200, { s: "abcz", n: 3, f: 1.5, b: true, z: null, l: [1, 2, 3], o: { k: 1 }, e: [], eo: {}, es: "", nested: [{ id: 7 }, { id: 8 }] });
        case "GET /text":
          res.writeHead(200, { "Content-Type": "text/plain" });
          return res.end("id_a:123 id_b:456\nHello World");
        case "GET /redirect":
          res.writeHead(302, { Location: "/echo" });
          return res.end();
        case "GET /big":
          res.writeHead(200, { "Content-Type": "application/octet-stream" });
          return res.end(Buffer.alloc(2 * 1024 * 1024, 97));
        case "GET /slow":
          return; // never answers
        case "GET /stall":
          res.writeHead(200, { "Content-Type": "text/plain" });
          res.write("partial");
          return; // never ends the body
        case "GET /page":
          // Unclosed <p> and <li>, an entity, an escaped <script>: the HTML parser must cope as a browser does.
          res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
          return res.end(
            '<!doctype html><html><head><title>Guest book</title></head><body><h1 class="title">Hello &amp; welcome</h1>' +
              '<form method="post" action="/sign"><input type="hidden" name="csrf_token" value="tok-123"><input name="name" value="Ada"></form>' +
              "<ul id=entries><li>first<li>&lt;script&gt;alert(1)&lt;/script&gt;<li>third</ul><p>one<p>two</body></html>",
          );
        case "GET /huge":
          res.writeHead(200, { "Content-Type": "text/html" });
          return res.end("<p>entry</p>".repeat(1001));
        case "GET /feed.xml":
          res.writeHead(200, { "Content-Type": "application/xml" });
          return res.end('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:gb="urn:guestbook"><title>Entries</title><gb:count>2</gb:count></feed>');
        case "GET /broken.xml":
          res.writeHead(200, { "Content-Type": "application/xml" });
          return res.end("<feed><title>Entries</feed>");
        case "GET /bytes":
          res.writeHead(200);
          return res.end(Buffer.from("café"));
        case "GET /broken":
          return json(500, { error: "boom" });
        default:
          res.writeHead(404, { "Content-Type": "text/plain" });
          return res.end("not found");
      }
    });
  });
}

let server: http.Server;
// Live bindings: set by before(), read by the tests.
export let baseUrl: string;
export let dir: string;
export const send = createHttpSend({ timeoutMs: 2000 });

before(async () => {
  server = createApp();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as net.AddressInfo;
  baseUrl = `http://127.0.0.1:${address.port}`;
  dir = mkdtempSync(join(tmpdir(), "roadwork-hurl-"));
  mkdirSync(join(dir, "files"));
  writeFileSync(join(dir, "files", "note.txt"), "hello file\n");
  writeFileSync(join(dir, "files", "pixel.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** Whole response bodies of the last run, by entry index (results keep only excerpts). */
let bodies: Buffer[] = [];

export async function run(source: string, variables: Record<string, JsonValue> = {}): Promise<HurlEntryResult[]> {
  bodies = [];
  const recording = async (spec: HttpRequestSpec): Promise<HttpResponseData> => {
    const response = await send(spec);
    bodies.push(response.body);
    return response;
  };
  return runHurl(parseHurl(source, join(dir, "test.hurl")), { send: recording, variables: { base_url: baseUrl, ...variables } });
}

/** The JSON the /echo route sent back for an entry. */
export function echoed(result: HurlEntryResult | undefined): Record<string, JsonValue> {
  assert.ok(result?.response, "no response");
  const body = bodies[result.index];
  assert.ok(body, "no body recorded");
  return JSON.parse(body.toString()) as Record<string, JsonValue>;
}

