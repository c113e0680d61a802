/** runHurl: the xpath query on HTML and XML bodies, with Hurl's verdicts. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { run } from "./hurl-app.js";

void describe("runHurl: xpath on HTML", () => {
  const passing = `[Asserts]
xpath "string(//title)" == "Guest book"
xpath "normalize-space(//h1)" == "Hello & welcome"
xpath "string(//h1/@class)" == "title"
xpath "//li" count == 3
xpath "count(//li)" == 3
xpath "count(//li)" == 3.0
xpath "//p" count == 2
xpath "string(//li[2])" == "<script>alert(1)</script>"
xpath "//script" not exists
xpath "//script" count == 0
xpath "//h2" not exists
xpath "//h1" exists
xpath "//li" isList
xpath "//h2" isEmpty
xpath "boolean(//form)" == true
xpath "string(//input[@name='csrf_token']/@value)" == "tok-123"
xpath "string(//input[@name='nope']/@value)" == ""
xpath "//input[@name='csrf_token']/@value" count == 1
xpath "string(//form/@method)" == "post"
xpath "//ul[@id='entries']/li[last()]" includes "third"
`;

  void it("passes every assert that holds on an HTML page (unclosed tags, entities, attributes)", async () => {
    const [result] = await run(`GET {{base_url}}/page\nHTTP 200\n${passing}`);
    const failed = result?.asserts.filter((a) => !a.pass) ?? [];
    assert.deepEqual(
      failed.map((a) => `${a.line}: ${a.source} -> ${a.actual}`),
      [],
    );
    assert.equal(result?.asserts.length, passing.trim().split("\n").length);
  });

  const failing = `[Asserts]
xpath "string(//title)" == "Guestbook"
xpath "//li" count == 2
xpath "//h2" exists
xpath "//h1" not exists
xpath "//script" count == 1
xpath "string(//input[@name='csrf_token']/@value)" == "tok-124"
xpath "boolean(//table)" == true
`;

  void it("fails every assert that does not hold, and shows what the page held", async () => {
    const [result] = await run(`GET {{base_url}}/page\nHTTP 200\n${failing}`);
    assert.equal(result?.status, "fail");
    const explicit = result?.asserts.filter((a) => a.kind === "assert") ?? [];
    assert.equal(explicit.length, failing.trim().split("\n").length - 1);
    assert.deepEqual(
      explicit.filter((a) => a.pass).map((a) => a.source),
      [],
    );
    assert.match(result?.message ?? "", /expected xpath "string\(\/\/title\)" == "Guestbook"\n {2}got "Guest book" in body <!doctype html>/);
  });

  void it("captures a CSRF token from a hidden field and sends it back", async () => {
    const results = await run(`GET {{base_url}}/page
HTTP 200
[Captures]
token: xpath "string(//input[@name='csrf_token']/@value)"
entries: xpath "//li" count

POST {{base_url}}/echo
[Form]
csrf_token: {{token}}
HTTP 200
[Asserts]
jsonpath "$.body" == "csrf_token=tok-123"
`);
    assert.deepEqual(
      results.map((r) => r.status),
      ["pass", "pass"],
    );
    assert.deepEqual(results[0]?.captures, [
      { name: "token", line: 4, value: "tok-123" },
      { name: "entries", line: 5, value: 3 },
    ]);
  });

  void it("names the element limit on a page too large to query, with or without not", async () => {
    const [result] = await run(`GET {{base_url}}/huge\nHTTP 200\n[Asserts]\nxpath "//p" exists\nxpath "//p" not exists\n`);
    const explicit = result?.asserts.filter((a) => a.kind === "assert") ?? [];
    assert.deepEqual(
      explicit.map((a) => a.pass),
      [false, false],
    );
    assert.match(explicit[0]?.actual ?? "", /element limit 1000 reached/);
  });

  void it("stops the entry with a content error on an XPath that does not parse", async () => {
    const [result] = await run(`GET {{base_url}}/page\nHTTP 200\n[Asserts]\nxpath "//li[" count == 1\n`);
    assert.equal(result?.status, "fail");
    assert.match(result?.message ?? "", /invalid XPath \/\/li\[/);
  });
});

void describe("runHurl: xpath on XML", () => {
  void it("uses the prefixes the root declares, and _ for its default namespace", async () => {
    const [result] = await run(`GET {{base_url}}/feed.xml
HTTP 200
[Asserts]
xpath "string(//_:title)" == "Entries"
xpath "number(//gb:count)" == 2
xpath "//title" not exists
`);
    assert.deepEqual(
      result?.asserts.filter((a) => !a.pass).map((a) => `${a.source} -> ${a.actual}`),
      [],
    );
  });

  void it("fails every xpath assert on a body that is not XML, with or without not", async () => {
    const [result] = await run(`GET {{base_url}}/broken.xml\nHTTP 200\n[Asserts]\nxpath "//title" exists\nxpath "//title" not exists\n`);
    const explicit = result?.asserts.filter((a) => a.kind === "assert") ?? [];
    assert.deepEqual(
      explicit.map((a) => a.pass),
      [false, false],
    );
    assert.match(explicit[0]?.actual ?? "", /the body is not valid XML/);
  });
});
