import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PredicateValue } from "../../src/hurl/index.js";
import { parse, show } from "./parse-helpers.js";

void describe("parseHurl: requests", () => {
  void it("reads method, URL with variables, headers and comments", () => {
    const file = parse(`# Create a task
POST {{base_url}}/tasks?x=1   # trailing comment
Content-Type: application/json
X-Token: BEEF \\#STEAK # not part of the value
Authorization: Bearer {{token}}
`);
    assert.equal(file.entries.length, 1);
    const entry = file.entries[0]!;
    assert.equal(entry.line, 2);
    assert.equal(entry.request.method, "POST");
    assert.equal(show(entry.request.url), "<base_url>/tasks?x=1");
    assert.deepEqual(
      entry.request.headers.map((h) => [show(h.key), show(h.value), h.line]),
      [
        ["Content-Type", "application/json", 3],
        ["X-Token", "BEEF #STEAK", 4],
        ["Authorization", "Bearer <token>", 5],
      ],
    );
    assert.equal(entry.response, undefined);
  });

  void it("reads [QueryStringParams], [FormParams], [Cookies] and [BasicAuth], and their short names", () => {
    const file = parse(`GET http://localhost/search
[QueryStringParams]
q: milk and honey
page: {{page}}
[Cookies]
theme: dark
[BasicAuth]
bob: s3cret:x

POST http://localhost/login
[Form]
email: a@b.c
password: {{password}}

GET http://localhost/x
[Query]
a: 1
`);
    const [get, post, short] = file.entries;
    assert.deepEqual(get!.request.query.map((q) => [show(q.key), show(q.value)]), [
      ["q", "milk and honey"],
      ["page", "<page>"],
    ]);
    assert.deepEqual(get!.request.cookies.map((c) => [show(c.key), show(c.value)]), [["theme", "dark"]]);
    assert.equal(show(get!.request.basicAuth?.user), "bob");
    assert.equal(show(get!.request.basicAuth?.password), "s3cret:x");
    assert.deepEqual(post!.request.form.map((f) => [show(f.key), show(f.value)]), [
      ["email", "a@b.c"],
      ["password", "<password>"],
    ]);
    assert.equal(post!.line, 10);
    assert.deepEqual(short!.request.query.map((q) => show(q.key)), ["a"]);
  });

  void it("reads [MultipartFormData] with text fields and files relative to the Hurl file", () => {
    const file = parse(`POST http://localhost/upload
[MultipartFormData]
title: Holiday
photo: file,photos/beach.png;
notes: file,notes.md; text/markdown
data: file,blob.bin;
`);
    const params = file.entries[0]!.request.multipart;
    assert.equal(params.length, 4);
    const text = params[0];
    assert.equal(text?.kind, "text");
    if (text?.kind === "text") assert.deepEqual([show(text.name), show(text.value)], ["title", "Holiday"]);
    const files = params.filter((p) => p.kind === "file");
    assert.deepEqual(
      files.map((p) => (p.kind === "file" ? [p.filename, p.path, p.contentType] : [])),
      [
        ["photos/beach.png", "/content/projects/todo/stages/photos/beach.png", "image/png"],
        ["notes.md", "/content/projects/todo/stages/notes.md", "text/markdown"],
        ["blob.bin", "/content/projects/todo/stages/blob.bin", "application/octet-stream"],
      ],
    );
  });

  void it("reads a JSON body, keeping track of placeholders inside and outside strings", () => {
    const file = parse(`PUT http://localhost/tasks/{{id}}
{
  "title": "{{title}} # not a comment",
  "done": {{done}},
  "tags": ["a", "b"]
}
HTTP 200
`);
    const body = file.entries[0]!.request.body;
    assert.equal(body?.kind, "json");
    if (body?.kind !== "json") return;
    assert.equal(body.line, 2);
    const vars = body.text.parts.filter((p) => p.kind === "var");
    assert.deepEqual(vars, [
      { kind: "var", name: "title", inJsonString: true },
      { kind: "var", name: "done", inJsonString: false },
    ]);
    assert.equal(file.entries[0]!.response?.status, 200);
    assert.equal(file.entries[0]!.response?.line, 7);
  });

  void it("reads a JSON array body (not mistaken for a section)", () => {
    const file = parse(`POST http://localhost/bulk
[{"title": "a"}, {"title": "b"}]
`);
    assert.equal(file.entries[0]!.request.body?.kind, "json");
  });

  void it("reads ``` multiline bodies with and without a language hint, and one-line strings", () => {
    const file = parse(`POST http://localhost/a
Content-Type: text/csv
\`\`\`
name,qty
{{item}},2
\`\`\`

POST http://localhost/b
\`\`\`json
{"a": 1}
\`\`\`

POST http://localhost/c
\`\`\`hello\`\`\`

POST http://localhost/d
\`one line \\u{2708}\`
`);
    const [a, b, c, d] = file.entries.map((e) => e.request.body);
    assert.equal(a?.kind === "text" ? show(a.text) : null, "name,qty\n<item>,2\n");
    assert.equal(b?.kind === "text" ? b.lang : null, "json");
    assert.equal(c?.kind === "text" ? show(c.text) : null, "hello");
    assert.equal(d?.kind === "text" ? show(d.text) : null, "one line ✈");
  });

  void it("reads base64 (over several lines), hex and file bodies", () => {
    const file = parse(`POST http://localhost/a
base64,SGVsbG8g
d29ybGQ=;

POST http://localhost/b
hex,636166c3a9;

POST http://localhost/c
file,fixtures/data.bin;
`);
    const [a, b, c] = file.entries.map((e) => e.request.body);
    assert.equal(a?.kind === "bytes" ? a.data.toString() : null, "Hello world");
    assert.equal(b?.kind === "bytes" ? b.data.toString() : null, "café");
    assert.equal(c?.kind === "file" ? c.path : null, "/content/projects/todo/stages/fixtures/data.bin");
  });
});

void describe("parseHurl: responses", () => {
  void it("reads status lines: HTTP 201, HTTP *, HTTP/1.1 200", () => {
    const file = parse(`GET http://localhost/a
HTTP 201
GET http://localhost/b
HTTP *
GET http://localhost/c
HTTP/1.1 200
`);
    assert.deepEqual(
      file.entries.map((e) => [e.response?.version, e.response?.status]),
      [
        ["HTTP", 201],
        ["HTTP", "*"],
        ["HTTP/1.1", 200],
      ],
    );
  });

  void it("reads expected headers, captures of every kind and a response body", () => {
    const file = parse(`POST http://localhost/tasks
HTTP 201
Content-Type: application/json
Body-Size: 1
[Captures]
task_id: jsonpath "$.id"
where: header "Location"
session: cookie "session"
page: body
code: status
number: regex /id_a:(\\d+)/
other: regex "id_b:(\\\\d+)"
n: jsonpath "$.items" count
{"id": 1}
`);
    const response = file.entries[0]!.response!;
    assert.deepEqual(response.headers.map((h) => [show(h.key), show(h.value)]), [
      ["Content-Type", "application/json"],
      ["Body-Size", "1"],
    ]);
    assert.deepEqual(
      response.captures.map((c) => [c.name, c.query.kind, c.filters.length, c.line]),
      [
        ["task_id", "jsonpath", 0, 6],
        ["where", "header", 0, 7],
        ["session", "cookie", 0, 8],
        ["page", "body", 0, 9],
        ["code", "status", 0, 10],
        ["number", "regex", 0, 11],
        ["other", "regex", 0, 12],
        ["n", "jsonpath", 1, 13],
      ],
    );
    const regexes = response.captures.filter((c) => c.query.kind === "regex").map((c) => (c.query.kind === "regex" ? c.query.pattern : null));
    assert.deepEqual(regexes[0], { kind: "literal", source: "id_a:(\\d+)" });
    assert.equal(regexes[1]?.kind === "string" ? show(regexes[1].template) : null, "id_b:(\\d+)");
    assert.equal(response.body?.kind, "json");
  });

  void it("reads every predicate, every kind of value, not and the count filter", () => {
    const file = parse(`GET http://localhost/doc
HTTP 200
[Asserts]
status == 200
status != 500
jsonpath "$.n" > 1
jsonpath "$.n" >= 1.5
jsonpath "$.n" < -2
jsonpath "$.n" <= 3e2
jsonpath "$.s" contains "x"
jsonpath "$.l" includes 3
jsonpath "$.s" startsWith "a"
jsonpath "$.s" endsWith "z"
jsonpath "$.s" matches /^a.*z$/
jsonpath "$.s" matches "^a\\\\d"
jsonpath "$.s" exists
jsonpath "$.p" not exists
jsonpath "$.s" isString
jsonpath "$.n" isInteger
jsonpath "$.f" isFloat
jsonpath "$.b" isBoolean
jsonpath "$.l" isList
jsonpath "$.o" isCollection
jsonpath "$.e" isEmpty
jsonpath "$.l" count == 3
jsonpath "$.b" == true
jsonpath "$.z" == null
jsonpath "$.id" == {{task_id}}
header "X-Name" == "Hello {{name}}"
cookie "session[HttpOnly]" exists
body not contains "error"   # comment "with quotes"
`);
    const asserts = file.entries[0]!.response!.asserts;
    assert.deepEqual(
      asserts.map((a) => `${a.predicate.not ? "not " : ""}${a.predicate.name}`),
      ["==", "!=", ">", ">=", "<", "<=", "contains", "includes", "startsWith", "endsWith", "matches", "matches", "exists", "not exists", "isString", "isInteger", "isFloat", "isBoolean", "isList", "isCollection", "isEmpty", "==", "==", "==", "==", "==", "exists", "not contains"],
    );
    const values = asserts.map((a) => a.predicate.value);
    const kind = (v: PredicateValue | undefined): string => (v === undefined ? "-" : v.kind === "number" ? `n:${v.value}` : v.kind === "boolean" ? `b:${v.value}` : v.kind);
    assert.deepEqual(values.map(kind).slice(0, 6), ["n:200", "n:500", "n:1", "n:1.5", "n:-2", "n:300"]);
    assert.equal(kind(values[10]), "regex");
    assert.equal(kind(values[11]), "string");
    assert.equal(kind(values[22]), "b:true");
    assert.equal(kind(values[23]), "null");
    assert.deepEqual(values[24], { kind: "variable", name: "task_id" });
    assert.equal(asserts[21]!.filters.length, 1);
    assert.equal(asserts[27]!.source, 'body not contains "error"');
    assert.equal(asserts[0]!.line, 4);
  });

  void it("reads several entries, some without a response", () => {
    const file = parse(`GET http://localhost/a

POST http://localhost/b
{"x": 1}

DELETE http://localhost/c
HTTP 204
`);
    assert.deepEqual(
      file.entries.map((e) => [e.index, e.line, e.request.method, e.response?.status ?? null]),
      [
        [0, 1, "GET", null],
        [1, 3, "POST", null],
        [2, 6, "DELETE", 204],
      ],
    );
  });

  void it("keeps each entry's title (the comment above it), its own lines, and the variables the file uses", () => {
    const file = parse(`# Stage 2: tasks.
# POST /tasks creates a task:
# 201 and the task.
POST {{base_url}}/tasks
Authorization: Bearer {{token}}
{"title": "{{title}}"}
HTTP 201
[Captures]
id: jsonpath "$.id"

# comment of the next one
GET {{base_url}}/tasks/{{id}}
HTTP 200
[Asserts]
jsonpath "$.owner" == {{user}}
`);
    assert.deepEqual(
      file.entries.map((e) => [e.title, e.source]),
      [
        ["POST /tasks creates a task: 201 and the task.", 'POST {{base_url}}/tasks\nAuthorization: Bearer {{token}}\n{"title": "{{title}}"}\nHTTP 201\n[Captures]\nid: jsonpath "$.id"'],
        ["comment of the next one", 'GET {{base_url}}/tasks/{{id}}\nHTTP 200\n[Asserts]\njsonpath "$.owner" == {{user}}'],
      ],
    );
    assert.deepEqual([...file.variables].sort(), ["base_url", "id", "title", "token", "user"]);
  });

  void it("ignores a byte order mark and CRLF line ends", () => {
    const file = parse("\uFEFFGET http://localhost/a\r\nAccept: text/plain\r\nHTTP 200\r\n");
    assert.equal(file.entries[0]!.request.headers.length, 1);
    assert.equal(file.entries[0]!.response?.status, 200);
  });
});
