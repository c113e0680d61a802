/** runHurl: what goes out (headers, sections, bodies, cookies, redirects), and the transports that carry it. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { join } from "node:path";
import { createHttpSend, parseHurl, runHurl, type HttpRequestSpec } from "../../src/hurl/index.js";
import { baseUrl, createApp, dir, echoed, run } from "./hurl-app.js";

void describe("runHurl: requests as sent", () => {
  void it("sends headers, [Query], [BasicAuth], [Cookies] and a JSON body with rendered variables", async () => {
    const [result] = await run(
      `POST {{base_url}}/echo?a=1
X-Custom: v-{{who}}
[QueryStringParams]
q: milk & honey
[BasicAuth]
bob: secret
[Cookies]
lang: fr
{"title": "{{title}}", "n": {{n}}}
HTTP 200
`,
      { who: "me", title: 'say "hi"', n: 4 },
    );
    assert.equal(result?.status, "pass", result?.message);
    const echo = echoed(result);
    assert.deepEqual(echo["query"], { a: "1", q: "milk & honey" });
    assert.equal(echo["custom"], "v-me");
    assert.equal(echo["authorization"], `Basic ${Buffer.from("bob:secret").toString("base64")}`);
    assert.equal(echo["cookie"], "lang=fr");
    assert.equal(echo["contentType"], "application/json");
    assert.deepEqual(JSON.parse(echo["body"] as string), { title: 'say "hi"', n: 4 });
    assert.equal(result?.request.target, "/echo?a=1&q=milk+%26+honey");
    assert.equal(result?.request.method, "POST");
  });

  void it("sends [FormParams] url-encoded, and ``` / base64 bodies as written", async () => {
    const results = await run(`POST {{base_url}}/echo
[FormParams]
name: Ann Lee
email: a+b@c.d

POST {{base_url}}/echo
Content-Type: text/csv
\`\`\`
a,b
1,2
\`\`\`

PUT {{base_url}}/echo
base64,Y2Fmw6k=;

POST {{base_url}}/echo
\`\`\`json
{"x": 1}
\`\`\`
`);
    assert.equal(results.length, 4);
    assert.equal(echoed(results[0])["contentType"], "application/x-www-form-urlencoded");
    assert.equal(echoed(results[0])["body"], "name=Ann+Lee&email=a%2Bb%40c.d");
    assert.equal(echoed(results[1])["contentType"], "text/csv");
    assert.equal(echoed(results[1])["body"], "a,b\n1,2\n");
    assert.equal(Buffer.from(echoed(results[2])["body"] as string, "latin1").toString("utf8"), "café");
    assert.equal(echoed(results[3])["contentType"], "application/json");
  });

  void it("sends [MultipartFormData] with files read next to the Hurl file", async () => {
    const [result] = await run(`POST {{base_url}}/echo
[MultipartFormData]
title: Holiday
note: file,files/note.txt;
picture: file,files/pixel.png; image/x-custom
HTTP 200
`);
    const echo = echoed(result);
    const contentType = echo["contentType"] as string;
    assert.match(contentType, /^multipart\/form-data; boundary=/);
    const boundary = contentType.split("boundary=")[1] ?? "";
    const body = echo["body"] as string;
    assert.ok(body.includes(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHoliday\r\n`), body);
    assert.ok(body.includes('Content-Disposition: form-data; name="note"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nhello file\n\r\n'), body);
    assert.ok(body.includes('name="picture"; filename="pixel.png"\r\nContent-Type: image/x-custom\r\n\r\n\x89PNG\r\n'), body);
    assert.ok(body.endsWith(`--${boundary}--\r\n`));
    assert.match(result?.request.bodyExcerpt ?? "", /multipart form: title=Holiday, note=file note.txt \(text\/plain, 11 bytes\)/);
  });

  void it("keeps cookies across entries, sends them by path, and forgets expired ones", async () => {
    const results = await run(`POST {{base_url}}/login
HTTP 204
[Asserts]
cookie "session" == "s3cr3t"
cookie "session[HttpOnly]" exists
cookie "session[SameSite]" == "Lax"
cookie "session[Secure]" not exists

GET {{base_url}}/echo
HTTP 200
[Asserts]
jsonpath "$.cookie" == "session=s3cr3t"

GET {{base_url}}/echo
[Cookies]
extra: 1
HTTP 200
[Asserts]
jsonpath "$.cookie" == "session=s3cr3t; extra=1"

POST {{base_url}}/logout
HTTP 204

GET {{base_url}}/echo
HTTP 200
[Asserts]
jsonpath "$.cookie" == null
`);
    assert.deepEqual(
      results.map((r) => r.status),
      ["pass", "pass", "pass", "pass", "pass"],
      results.map((r) => r.message).join("\n"),
    );
  });

  void it("does not follow redirects", async () => {
    const [result] = await run(`GET {{base_url}}/redirect
HTTP 302
Location: /echo
[Asserts]
header "Location" == "/echo"
`);
    assert.equal(result?.status, "pass", result?.message);
  });
});


void describe("createHttpSend: other ways to reach the app", () => {
  void it("reaches an app through a unix socket", async (t) => {
    const socketPath = join(dir, "app.sock");
    const app = createApp();
    await new Promise<void>((resolve) => app.listen(socketPath, resolve));
    t.after(() => new Promise<void>((resolve) => app.close(() => resolve())));
    const results = await runHurl(parseHurl("POST /tasks\n{\"title\": \"via socket\"}\nHTTP 201\n[Asserts]\njsonpath \"$.title\" == \"via socket\"\n", join(dir, "s.hurl")), {
      send: createHttpSend({ socketPath }),
    });
    assert.equal(results[0]?.status, "pass", results[0]?.message);
    assert.equal(results[0]?.request.url, "http://localhost/tasks");
  });

  void it("reaches an app through createConnection", async () => {
    const target = { port: Number(new URL(baseUrl).port) };
    let connections = 0;
    const sendVia = createHttpSend({
      createConnection: () => {
        connections++;
        return net.connect(target.port, "127.0.0.1");
      },
    });
    const spec: HttpRequestSpec = { method: "GET", url: "http://app.invalid/tasks", headers: {} };
    const response = await sendVia(spec);
    assert.equal(response.status, 200);
    assert.equal(connections, 1);
    assert.ok(response.headers.some(([name, value]) => name.toLowerCase() === "content-type" && value === "application/json"));
  });
});
