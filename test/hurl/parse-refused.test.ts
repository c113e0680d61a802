/** parseHurl: everything outside the subset is refused, with file and line. */
import { describe, it } from "node:test";
import { rejects } from "./parse-helpers.js";

void describe("parseHurl: what is refused, with file and line", () => {
  void it("refuses sections outside the subset", () => {
    rejects("GET http://localhost/a\n[Options]\nlocation: true\n", 2, /\[Options\] section is not supported/);
    rejects("GET http://localhost/a\nHTTP 200\n[Foo]\n", 3, /unknown section \[Foo\]/);
    rejects("GET http://localhost/a\n[Asserts]\nstatus == 200\n", 2, /belongs to the response/);
    rejects("GET http://localhost/a\nHTTP 200\n[Cookies]\n", 3, /belongs to the request/);
    rejects('GET http://localhost/a\nHTTP 200\njsonpath "$.id" == 1\n', 3, /is an assert: put it under \[Asserts\]/);
    rejects("GET http://localhost/a\n[Query]\na: 1\n[QueryStringParams]\nb: 2\n", 4, /appears twice/);
  });

  void it("refuses queries, filters and predicates outside the subset", () => {
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nsha256 == "x"\n', 4, /sha256 query is not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nduration < 100\n', 4, /duration query is not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\njsonpath "$.n" toInt == 1\n', 4, /toInt filter is not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Captures]\nx: header "A" split ","\n', 4, /split filter is not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\njsonpath "$.n" isNumber\n', 4, /isNumber predicate is not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nstatus equals 200\n', 4, /write == instead of equals/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nbody == hex,ff;\n', 4, /hex, values are not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nbody == /x/\n', 4, /only goes with matches/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\njsonpath "$[?(@.a)]" exists\n', 4, /filter expressions/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nbody matches /(/\n', 4, /invalid regex/);
    rejects('GET http://localhost/a\nHTTP 200\n[Captures]\nx: body redact\n', 4, /redact is not supported/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nstatus == 200 extra\n', 4, /unexpected "extra"/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\nstatus\n', 4, /expected a predicate/);
    rejects('GET http://localhost/a\nHTTP 200\n[Asserts]\ncookie "s[Color]" exists\n', 4, /unknown cookie attribute/);
  });

  void it("refuses bodies outside the subset and malformed bodies", () => {
    rejects("POST http://localhost/a\n<?xml version='1.0'?>\n<a/>\n", 2, /XML bodies are not supported/);
    rejects("POST http://localhost/a\n```graphql\n{ a }\n```\n", 2, /```graphql multiline string is not supported/);
    rejects('POST http://localhost/a\n{\n  "a": 1,\n}\n', 2, /invalid JSON body/);
    rejects('POST http://localhost/a\n{\n  "a": 1\n', 2, /JSON body is not closed/);
    rejects("POST http://localhost/a\n```\nabc\n", 2, /multiline string is not closed/);
    rejects("POST http://localhost/a\nbase64,@@@;\n", 2, /invalid base64/);
    rejects('POST http://localhost/a\n{"a": 1}\nX-After: 1\n', 3, /must come last/);
    rejects('POST http://localhost/a\n[Form]\na: 1\n{"a": 1}\n', 1, /only one of \[FormParams\], \[MultipartFormData\] or a body/);
  });

  void it("refuses files outside the Hurl file's folder", () => {
    rejects("POST http://localhost/a\n[MultipartFormData]\nf: file,../secret.txt;\n", 3, /cannot contain "\.\."/);
    rejects("POST http://localhost/a\n[MultipartFormData]\nf: file,/etc/passwd;\n", 3, /relative to the Hurl file/);
    rejects("POST http://localhost/a\nfile,a/../../b;\n", 2, /cannot contain "\.\."/);
  });

  void it("refuses bad request and status lines, templates with filters, unknown escapes", () => {
    rejects("FETCH http://localhost/a\n", 1, /unknown method FETCH/);
    rejects("\n\nhello there\n", 3, /expected a request line/);
    rejects("GET http://localhost/a\nHTTP 2000\n", 2, /not an HTTP status/);
    rejects("GET http://localhost/a\nHTTP/1.2 200\n", 2, /unknown HTTP version/);
    rejects("GET http://localhost/a\nHTTP 200\nHTTP 201\n", 3, /a second HTTP line/);
    rejects("GET {{base_url | upper}}/a\n", 1, /template filters are not supported/);
    rejects("GET {{base_url/a\n", 1, /not closed by }}/);
    rejects("GET http://localhost/a\nX-A: \\q\n", 2, /unknown escape \\q/);
    rejects("GET http://localhost/a\nnot a header\n", 2, /expected "key: value"|a key cannot contain spaces/);
  });
});
