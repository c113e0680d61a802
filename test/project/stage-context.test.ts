import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createStageContext, StageRecorder, type StageRuntime } from "../../src/grading/project/stage-context.js";
import type { HttpRequestSpec, HttpResponseData } from "../../src/hurl/types.js";

/** A runtime whose app answers from `answer`, recording every request it gets. */
function fakeRuntime(answer: (spec: HttpRequestSpec) => HttpResponseData): { runtime: StageRuntime; sent: HttpRequestSpec[] } {
  const sent: HttpRequestSpec[] = [];
  const runtime: StageRuntime = {
    baseUrl: "http://127.0.0.1:8000",
    send: (spec) => {
      sent.push(spec);
      return Promise.resolve(answer(spec));
    },
    restartApp: () => Promise.resolve(),
    emails: () => [],
    query: () => Promise.resolve([]),
    statements: () => Promise.resolve(new Map()),
    explain: () => Promise.resolve({ json: [], text: "" }),
    logTail: () => "app log line",
    appExited: () => undefined,
  };
  return { runtime, sent };
}

const ok = (headers: Array<[string, string]> = [], body = "{}"): HttpResponseData => ({ status: 200, headers, body: Buffer.from(body) });

void describe("StageContext", () => {
  void it("keeps cookies per client: a new client starts with none", async () => {
    const { runtime, sent } = fakeRuntime((spec) => (spec.url.endsWith("/login") ? ok([["Set-Cookie", "session=abc; HttpOnly; Path=/"]]) : ok()));
    const t = createStageContext(runtime, new StageRecorder({ n: 1, title: "x" }));
    await t.request({ method: "POST", path: "/login", json: { user: "ada" } });
    await t.request({ method: "GET", path: "/me" });
    await t.newClient().request({ method: "GET", path: "/me" });
    assert.equal(sent[1]?.headers["Cookie"], "session=abc");
    assert.equal(sent[2]?.headers["Cookie"], undefined);
    assert.equal(sent[0]?.headers["Content-Type"], "application/json");
    assert.equal(sent[0]?.body?.toString(), '{"user":"ada"}');
  });

  void it("forgets a cookie the app clears", async () => {
    const { runtime, sent } = fakeRuntime((spec) => (spec.url.endsWith("/login") ? ok([["Set-Cookie", "s=1"]]) : spec.url.endsWith("/logout") ? ok([["Set-Cookie", "s=; Max-Age=0"]]) : ok()));
    const t = createStageContext(runtime, new StageRecorder({ n: 1, title: "x" }));
    await t.request({ method: "POST", path: "/login" });
    await t.request({ method: "POST", path: "/logout" });
    await t.request({ method: "GET", path: "/me" });
    assert.equal(sent[1]?.headers["Cookie"], "s=1");
    assert.equal(sent[2]?.headers["Cookie"], undefined);
  });

  void it("forgets a cookie whose Expires is past, and sends several cookies in one header", async () => {
    const { runtime, sent } = fakeRuntime((spec) =>
      spec.url.endsWith("/login") ? ok([["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]]) : spec.url.endsWith("/logout") ? ok([["Set-Cookie", "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]]) : ok(),
    );
    const t = createStageContext(runtime, new StageRecorder({ n: 1, title: "x" }));
    await t.request({ method: "POST", path: "/login" });
    await t.request({ method: "GET", path: "/me" });
    await t.request({ method: "POST", path: "/logout" });
    await t.request({ method: "GET", path: "/me" });
    assert.equal(sent[1]?.headers["Cookie"], "a=1; b=2");
    assert.equal(sent[3]?.headers["Cookie"], "b=2");
  });

  void it("keeps a Content-Type the stage set, in any letter case, and builds multipart bodies", async () => {
    const { runtime, sent } = fakeRuntime(() => ok());
    const t = createStageContext(runtime, new StageRecorder({ n: 1, title: "x" }));
    await t.request({ method: "POST", path: "/raw", headers: { "content-type": "application/vnd.x+json" }, json: { a: 1 } });
    await t.request({ method: "POST", path: "/up", multipart: [{ name: "file", filename: "a.txt", contentType: "text/plain", data: Buffer.from("hello") }] });
    assert.deepEqual(Object.keys(sent[0]?.headers ?? {}), ["content-type"]);
    const multipart = sent[1];
    assert.match(multipart?.headers["Content-Type"] ?? "", /^multipart\/form-data; boundary=/);
    assert.match(multipart?.body?.toString() ?? "", /filename="a.txt"\r\nContent-Type: text\/plain\r\n\r\nhello\r\n/);
  });

  void it("reports each check as a test, and a failure with the exchange of its own check only", async () => {
    const { runtime } = fakeRuntime((spec) => ({ status: spec.url.endsWith("/bad") ? 500 : 200, headers: [["Content-Type", "application/json"]], body: Buffer.from('{"oops": true}') }));
    const recorder = new StageRecorder({ n: 3, title: "Things" });
    const t = createStageContext(runtime, recorder);
    await t.check("the first thing", async () => {
      await t.request({ method: "GET", path: "/fine" });
    });
    await assert.rejects(
      t.check("the second thing", async () => {
        await Promise.resolve();
        t.fail("no request in this check");
      }),
    );
    await assert.rejects(
      t.check("the third thing", async () => {
        const res = await t.request({ method: "DELETE", path: "/bad" });
        if (res.status !== 204) t.fail("DELETE must answer 204", { expected: "status 204" });
      }),
    );
    const [first, second, third] = recorder.tests;
    assert.deepEqual([first?.name, first?.status, first?.stage], ["stage 3: the first thing", "pass", 3]);
    assert.equal(second?.status, "fail");
    assert.doesNotMatch(second?.message ?? "", /GET \/fine/);
    const message = third?.message ?? "";
    assert.match(message, /^Stage 3 \(Things\): DELETE must answer 204/);
    assert.match(message, /Request sent:\n {2}DELETE \/bad/);
    assert.match(message, /Expected: status 204/);
    assert.match(message, /Response:\n {2}HTTP 500\n {2}content-type: application\/json\n\n {2}\{"oops": true\}/);
    assert.match(message, /App log \(last lines\):\n {2}app log line/);
  });

  void it("makes unique strings that differ between calls and runs", () => {
    const { runtime } = fakeRuntime(() => ok());
    const a = createStageContext(runtime, new StageRecorder({ n: 1, title: "x" }));
    const b = createStageContext(runtime, new StageRecorder({ n: 1, title: "x" }));
    const values = [a.unique("u"), a.unique("u"), b.unique("u")];
    assert.equal(new Set(values).size, 3);
    assert.ok(values.every((v) => v.startsWith("u-")));
  });
});
