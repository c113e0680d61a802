/** runHurl: predicates, captures, variables, bodies and how a failure reads. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { join } from "node:path";
import { RoadworkError } from "../../src/errors.js";
import { assertHurlFilesReadable, createHttpSend, parseHurl, runHurl } from "../../src/hurl/index.js";
import { baseUrl, dir, echoed, run, send } from "./hurl-app.js";

void describe("runHurl: predicates", () => {
  const passing = `[Asserts]
status == 200
status != 404
status > 199
status >= 200
status < 300
status <= 200
jsonpath "$.s" == "abcz"
jsonpath "$.n" == 3.0
jsonpath "$.l" == {{list}}
jsonpath "$.s" != "x"
jsonpath "$.f" > 1
jsonpath "$.s" < "b"
jsonpath "$.s" contains "bc"
jsonpath "$.l" contains 2
jsonpath "$.l" includes 3
jsonpath "$.s" startsWith "ab"
jsonpath "$.s" endsWith "cz"
jsonpath "$.s" matches /^a.c/
jsonpath "$.s" matches "^a.c(?:z)$"
jsonpath "$.s" matches "(?i)^A"
jsonpath "$.s" exists
jsonpath "$.missing" not exists
jsonpath "$.missing" not contains "x"
jsonpath "$.z" exists
jsonpath "$.s" isString
jsonpath "$.n" isInteger
jsonpath "$.f" isFloat
jsonpath "$.b" isBoolean
jsonpath "$.l" isList
jsonpath "$.o" isCollection
jsonpath "$.l" isCollection
jsonpath "$.e" isEmpty
jsonpath "$.eo" isEmpty
jsonpath "$.es" isEmpty
jsonpath "$.l" count == 3
jsonpath "$.nested[*].id" count == 2
jsonpath "$.nested[*].id" includes 8
jsonpath "$.nested[5].id" not exists
jsonpath "$..nope" not exists
jsonpath "$.b" == true
jsonpath "$.z" == null
jsonpath "$.n" not isString
jsonpath "$.s" not contains "q"
header "Content-Type" == "application/json"
header "Vary" count == 2
header "Vary" includes "Cookie"
body contains "\\"s\\":\\"abcz\\""
cookie "flavour" == "mint"
cookie "flavour[Secure]" exists
cookie "flavour[Path]" == "/"
`;

  const failing = `[Asserts]
status == 201
status != 200
status > 200
status >= 201
status < 200
status <= 199
jsonpath "$.s" == "abc"
jsonpath "$.n" == "3"
jsonpath "$.s" != "abcz"
jsonpath "$.s" contains "q"
jsonpath "$.l" contains 9
jsonpath "$.l" includes 9
jsonpath "$.s" startsWith "b"
jsonpath "$.s" endsWith "a"
jsonpath "$.s" matches /^z/
jsonpath "$.missing" exists
jsonpath "$.s" not exists
jsonpath "$.n" isString
jsonpath "$.s" isInteger
jsonpath "$.n" isFloat
jsonpath "$.s" isBoolean
jsonpath "$.o" isList
jsonpath "$.s" isCollection
jsonpath "$.l" isEmpty
jsonpath "$.l" count == 4
jsonpath "$.missing" == null
jsonpath "$.s" not contains "bc"
jsonpath "$.n" contains "3"
jsonpath "$.n" not contains "3"
jsonpath "$.n" not startsWith "x"
jsonpath "$.s" > 1
jsonpath "$.s" count == 4
header "X-Nope" exists
header "Content-Type" contains "html"
cookie "flavour[HttpOnly]" exists
cookie "nope" exists
body == "hello"
`;

  void it("passes every predicate that holds", async () => {
    const [result] = await run(`GET {{base_url}}/doc\nHTTP 200\n${passing}`, { list: [1, 2, 3] });
    const failed = result?.asserts.filter((a) => !a.pass) ?? [];
    assert.deepEqual(
      failed.map((a) => `${a.line}: ${a.source} -> ${a.actual}`),
      [],
    );
    assert.equal(result?.status, "pass");
    assert.equal(result?.asserts.length, passing.trim().split("\n").length); // the status line, then one per assert
  });

  void it("fails every predicate that does not hold, and every one that cannot apply, whatever not says", async () => {
    const [result] = await run(`GET {{base_url}}/doc\nHTTP 200\n${failing}`);
    assert.equal(result?.status, "fail");
    const explicit = result?.asserts.filter((a) => a.kind === "assert") ?? [];
    assert.equal(explicit.length, failing.trim().split("\n").length - 1);
    assert.deepEqual(
      explicit.filter((a) => a.pass).map((a) => a.source),
      [],
    );
    const bySource = new Map(explicit.map((a) => [a.source, a]));
    assert.match(bySource.get('jsonpath "$.n" not contains "3"')?.message ?? "", /contains needs a string or a list, but got an integer/);
    assert.match(bySource.get('jsonpath "$.missing" == null')?.message ?? "", /got nothing at \$\.missing in body/);
    assert.match(bySource.get('header "X-Nope" exists')?.message ?? "", /got no X-Nope header/);
    assert.match(bySource.get('jsonpath "$.n" == "3"')?.message ?? "", /expected jsonpath "\$\.n" == "3"\n {2}got 3 in body \{"s": "abcz"/);
  });
});

void describe("runHurl: captures, variables and the run", () => {
  void it("captures from jsonpath, header, cookie, body, status and regex into typed variables", async () => {
    const results = await run(`POST {{base_url}}/tasks
{"title": "Milk"}
HTTP 201
[Captures]
task_id: jsonpath "$.id"
where: header "Location"
code: status
task: jsonpath "$"
[Asserts]
jsonpath "$.id" == {{task_id}}
header "Location" == "/tasks/{{task_id}}"

POST {{base_url}}/echo
{"id": {{task_id}}, "where": "{{where}}", "code": {{code}}, "task": {{task}}}
HTTP 200
[Captures]
sent: jsonpath "$.body"

POST {{base_url}}/login
HTTP 204
[Captures]
session: cookie "session"

GET {{base_url}}/text
HTTP 200
[Captures]
a: regex /id_a:(\\d+)/
b: regex "id_b:(\\\\d+)"
page: body
`);
    assert.deepEqual(
      results.map((r) => r.status),
      ["pass", "pass", "pass", "pass"],
      results.map((r) => r.message).join("\n"),
    );
    const captured = Object.fromEntries(results.flatMap((r) => r.captures.map((c) => [c.name, c.value])));
    assert.equal(captured["code"], 201);
    assert.equal(captured["where"], `/tasks/${String(captured["task_id"])}`);
    assert.equal(typeof captured["task_id"], "number");
    assert.deepEqual(JSON.parse(captured["sent"] as string), { id: captured["task_id"], where: captured["where"], code: 201, task: captured["task"] });
    assert.equal(captured["session"], "s3cr3t");
    assert.equal(captured["a"], "123");
    assert.equal(captured["b"], "456");
    assert.equal(captured["page"], "id_a:123 id_b:456\nHello World");
  });

  void it("fails an entry whose capture finds nothing, and does not run its asserts", async () => {
    const [result] = await run(`GET {{base_url}}/text
HTTP 200
[Captures]
id: jsonpath "$.id"
[Asserts]
jsonpath "$.id" == {{id}}
`);
    assert.equal(result?.status, "fail");
    assert.deepEqual(
      result?.asserts.map((a) => [a.kind, a.pass]),
      [
        ["status", true],
        ["capture", false],
      ],
    );
    assert.equal(result?.message, 'GET /text\n  expected to capture id from jsonpath "$.id"\n  got a body that is not JSON: id_a:123 id_b:456⏎ Hello World');
  });

  void it("stops at the first failing entry", async () => {
    const results = await run(`GET {{base_url}}/tasks
HTTP 200

GET {{base_url}}/broken
HTTP 200

GET {{base_url}}/tasks
HTTP 200
`);
    assert.deepEqual(
      results.map((r) => [r.index, r.line, r.status]),
      [
        [0, 1, "pass"],
        [1, 4, "fail"],
      ],
    );
  });

  void it("writes what was sent, what was expected and what came back", async () => {
    const [result] = await run(`POST {{base_url}}/buggy-tasks
{
  "title": ""
}
HTTP 422
`);
    assert.equal(result?.status, "fail");
    assert.equal(result?.message, 'POST /buggy-tasks sent {"title": ""}\n  expected status 422\n  got 201 with body {"id": 3, "title": ""}');
    assert.deepEqual(
      result?.asserts.map((a) => ({ kind: a.kind, line: a.line, expected: a.expected, actual: a.actual, pass: a.pass })),
      [{ kind: "status", line: 5, expected: "status 422", actual: "201", pass: false }],
    );
    assert.equal(result?.request.bodyExcerpt, '{"title": ""}');
    assert.equal(result?.response?.status, 201);
  });

  void it("shows only the status when the status is wrong, and every failing check otherwise", async () => {
    const [wrongStatus] = await run(`GET {{base_url}}/broken
HTTP 200
[Asserts]
jsonpath "$.items" count == 0
`);
    assert.equal(wrongStatus?.message, 'GET /broken\n  expected status 200\n  got 500 with body {"error": "boom"}');
    assert.equal(wrongStatus?.asserts.filter((a) => !a.pass).length, 2);

    const [twoWrong] = await run(`GET {{base_url}}/doc
HTTP 200
Content-Type: text/html
[Asserts]
jsonpath "$.n" == 4
`);
    assert.equal(
      twoWrong?.message,
      'GET /doc\n  expected header Content-Type: text/html\n  got Content-Type: application/json\n  expected jsonpath "$.n" == 4\n  got 3 in body {"s": "abcz", "n": 3, "f": 1.5, "b": true, "z": null, "l": [1, 2, 3], "o": {"k": 1}, "e": [], "eo": {}, "es": "", "nested": [{"id": 7}, {"id": 8}]}',
    );
  });

  void it("checks a response body: JSON by value, text exactly, bytes exactly", async () => {
    const results = await run(`GET {{base_url}}/broken
HTTP 500
{ "error" : "boom" }

GET {{base_url}}/text
HTTP 200
\`\`\`
id_a:123 id_b:456
Hello World
\`\`\`
`);
    assert.equal(results[0]?.status, "pass", results[0]?.message);
    // The multiline string ends with a newline the body does not have.
    assert.equal(results[1]?.status, "fail");
    assert.match(results[1]?.message ?? "", /expected body id_a:123 id_b:456⏎ Hello World\n {2}got body id_a:123/);

    const [bytes] = await run(`GET {{base_url}}/bytes
HTTP 200
hex,636166c3a9;
`);
    assert.equal(bytes?.status, "pass", bytes?.message);
  });

  void it("reports an app that does not answer as a failure with the reason", async () => {
    const quick = createHttpSend({ timeoutMs: 200 });
    const slow = await runHurl(parseHurl("GET {{base_url}}/slow\nHTTP 200\n", join(dir, "t.hurl")), { send: quick, variables: { base_url: baseUrl } });
    assert.equal(slow[0]?.status, "fail");
    assert.equal(slow[0]?.message, "GET /slow\n  got no response: the app did not answer within 200 ms");
    assert.equal(slow[0]?.response, undefined);
    const stalled = await runHurl(parseHurl("GET {{base_url}}/stall\nHTTP 200\n", join(dir, "t.hurl")), { send: quick, variables: { base_url: baseUrl } });
    assert.equal(stalled[0]?.message, "GET /stall\n  got no response: the app did not finish its answer within 200 ms");

    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await runHurl(parseHurl(`GET http://127.0.0.1:${port}/x\nHTTP 200\n`, join(dir, "t.hurl")), { send });
    assert.equal(refused[0]?.message, "GET /x\n  got no response: nothing is listening on the app's port (connection refused)");
  });

  void it("keeps at most maxBodyBytes of a body and marks it cut", async () => {
    const capped = createHttpSend({ timeoutMs: 2000, maxBodyBytes: 1024 * 1024 });
    const [result] = await runHurl(parseHurl('GET {{base_url}}/big\nHTTP 200\n[Asserts]\nbody startsWith "aaa"\n', join(dir, "t.hurl")), { send: capped, variables: { base_url: baseUrl } });
    assert.equal(result?.status, "pass", result?.message);
    assert.equal(result?.response?.bodyBytes, 1024 * 1024);
    assert.equal(result?.response?.truncated, true);
  });

  void it("fails the entry, as Hurl does, for a variable nobody defined, and stops the file", async () => {
    const inAssert = await run("GET {{base_url}}/tasks\nHTTP 200\n[Asserts]\njsonpath \"$.items\" == {{nothing}}\n\nGET {{base_url}}/tasks\nHTTP 200\n");
    assert.equal(inAssert.length, 1);
    assert.equal(inAssert[0]?.status, "fail");
    assert.match(inAssert[0]?.message ?? "", /the variable \{\{nothing\}\} is not defined .*\(line 4\)/);
    assert.ok(inAssert[0]?.response, "the response is still shown");
    const inRequest = await run("GET {{base_url}}/tasks/{{id}}\nHTTP 200\n");
    assert.equal(inRequest[0]?.status, "fail");
    assert.match(inRequest[0]?.message ?? "", /^GET \{\{base_url\}\}\/tasks\/\{\{id\}\}\n {2}the variable \{\{id\}\} is not defined/);
  });

  void it("throws a content error, with file and line, for a file next to the Hurl file that is missing", async () => {
    await assert.rejects(run("POST {{base_url}}/echo\n[MultipartFormData]\nf: file,files/absent.txt;\n"), (error: unknown) => {
      assert.ok(error instanceof RoadworkError);
      assert.equal(error.line, 3);
      assert.equal(error.file, join(dir, "test.hurl"));
      assert.match(error.message, /cannot read files\/absent.txt/);
      return true;
    });
  });

  void it("finds a missing referenced file before running", () => {
    const ok = parseHurl("POST /a\n[Multipart]\nf: file,files/note.txt;\n", join(dir, "ok.hurl"));
    assert.doesNotThrow(() => assertHurlFilesReadable(ok));
    const missing = parseHurl("POST /a\n[Multipart]\nf: file,files/note.txt;\n\nPOST /b\nfile,files/gone.bin;\n", join(dir, "bad.hurl"));
    assert.throws(() => assertHurlFilesReadable(missing), (error: unknown) => error instanceof RoadworkError && error.line === 6 && /gone\.bin does not exist/.test(error.message));
  });

  void it("generates newUuid when no variable has that name", async () => {
    const [result] = await run(`POST {{base_url}}/echo
{"id": "{{newUuid}}"}
HTTP 200
`);
    const sent = JSON.parse(echoed(result)["body"] as string) as { id: string };
    assert.match(sent.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

