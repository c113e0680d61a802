/**
 * Hurl as Hurl: each case is a Hurl file inside roadwork's subset and the verdict the real
 * `hurl --test` gives on it (read from Hurl's own sources: runner/predicate.rs, value.rs,
 * number.rs, http/cookie.rs). Roadwork must give the same. Where the real hurl is installed
 * (on PATH, or ROADWORK_HURL names it), each case also runs through it and the two verdicts
 * are compared; it is not a Debian package, so that part usually skips and says so.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import type net from "node:net";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHttpSend, parseHurl, runHurl } from "../../src/hurl/index.js";

interface Case {
  name: string;
  /** What /case/<name> answers. */
  response: { status?: number; headers?: Array<[string, string]>; body: string };
  /** The Hurl file; {{base_url}} is the test server, /case the canned answer. */
  hurl: string;
  /** hurl --test's verdict. */
  hurl_verdict: "pass" | "fail";
}

const json = (body: string): Case["response"] => ({ headers: [["Content-Type", "application/json"]], body });

const CASES: Case[] = [
  { name: "not-contains-on-missing", response: json('{"a": 1}'), hurl: 'jsonpath "$.missing" not contains "x"', hurl_verdict: "pass" },
  { name: "not-equal-on-missing", response: json('{"a": 1}'), hurl: 'jsonpath "$.missing" not == 1', hurl_verdict: "pass" },
  { name: "not-isString-on-missing", response: json('{"a": 1}'), hurl: 'jsonpath "$.missing" not isString', hurl_verdict: "pass" },
  { name: "equal-on-missing", response: json('{"a": 1}'), hurl: 'jsonpath "$.missing" == 1', hurl_verdict: "fail" },
  { name: "not-on-a-body-that-is-not-json", response: { body: "<html>" }, hurl: 'jsonpath "$.a" not exists', hurl_verdict: "fail" },
  { name: "type-mismatch-fails-with-not", response: json('{"n": 3}'), hurl: 'jsonpath "$.n" not startsWith "3"', hurl_verdict: "fail" },
  { name: "float-1.0-isFloat", response: json('{"f": 1.0}'), hurl: 'jsonpath "$.f" isFloat', hurl_verdict: "pass" },
  { name: "float-1.0-is-not-isInteger", response: json('{"f": 1.0}'), hurl: 'jsonpath "$.f" isInteger', hurl_verdict: "fail" },
  { name: "exponent-is-a-float", response: json('{"f": 2e3}'), hurl: 'jsonpath "$.f" isFloat', hurl_verdict: "pass" },
  { name: "integer-1-isInteger", response: json('{"i": 1}'), hurl: 'jsonpath "$.i" isInteger', hurl_verdict: "pass" },
  { name: "integer-equals-float-by-value", response: json('{"f": 1.0}'), hurl: 'jsonpath "$.f" == 1', hurl_verdict: "pass" },
  { name: "big-integer-keeps-its-digits", response: json('{"id": 12345678901234567890}'), hurl: 'jsonpath "$.id" == 12345678901234567890', hurl_verdict: "pass" },
  { name: "big-integer-next-one-differs", response: json('{"id": 12345678901234567890}'), hurl: 'jsonpath "$.id" == 12345678901234567891', hurl_verdict: "fail" },
  { name: "unicode-digit-matches-d", response: json('{"n": "\\u0663"}'), hurl: 'jsonpath "$.n" matches /^\\d$/', hurl_verdict: "pass" },
  { name: "unicode-letter-matches-w", response: json('{"n": "\\u00e9t\\u00e9"}'), hurl: 'jsonpath "$.n" matches /^\\w+$/', hurl_verdict: "pass" },
  { name: "first-set-cookie-of-a-name", response: { headers: [["Set-Cookie", "a=1"], ["Set-Cookie", "a=2"]], body: "" }, hurl: 'cookie "a" == "1"', hurl_verdict: "pass" },
  { name: "quoted-cookie-value-keeps-quotes", response: { headers: [["Set-Cookie", 's="x"; Path=/']], body: "" }, hurl: 'cookie "s" == "\\"x\\""', hurl_verdict: "pass" },
];

/** Entries whose verdict is the file's as a whole. */
const WHOLE_FILES: Array<{ name: string; hurl: string; hurl_verdict: "pass" | "fail" }> = [
  {
    name: "captured-float-renders-as-1.0",
    hurl: `GET {{base_url}}/case/float-1.0-isFloat
HTTP 200
[Captures]
f: jsonpath "$.f"

GET {{base_url}}/echo?f={{f}}
HTTP 200
[Asserts]
jsonpath "$.f" == "1.0"
`,
    hurl_verdict: "pass",
  },
  {
    name: "undefined-variable-fails-that-entry",
    hurl: `GET {{base_url}}/echo?x={{nobody_defined_this}}
HTTP 200
`,
    hurl_verdict: "fail",
  },
];

let server: http.Server;
let baseUrl = "";
let dir = "";

before(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/echo") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(Object.fromEntries(url.searchParams)));
      return;
    }
    const found = CASES.find((c) => `/case/${c.name}` === url.pathname);
    if (found === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(found.response.status ?? 200, found.response.headers ?? []);
    res.end(found.response.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), "roadwork-conformance-"));
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function fileOf(c: Case): string {
  return `GET {{base_url}}/case/${c.name}\nHTTP ${c.response.status ?? 200}\n[Asserts]\n${c.hurl}\n`;
}

async function roadworkVerdict(name: string, source: string): Promise<"pass" | "fail"> {
  const path = join(dir, `${name}.hurl`);
  const results = await runHurl(parseHurl(source, path), { send: createHttpSend({ timeoutMs: 2000 }), variables: { base_url: baseUrl } });
  return results.every((r) => r.status === "pass") ? "pass" : "fail";
}

/** The real hurl, when there is one: its --test verdict on the same file. */
function realHurl(): string | undefined {
  const named = process.env["ROADWORK_HURL"];
  if (named !== undefined && named !== "") return named;
  return spawnSync("hurl", ["--version"], { stdio: "ignore" }).status === 0 ? "hurl" : undefined;
}

function hurlVerdict(binary: string, name: string, source: string): "pass" | "fail" {
  const path = join(dir, `${name}.hurl`);
  writeFileSync(path, source);
  const run = spawnSync(binary, ["--test", "--variable", `base_url=${baseUrl}`, path], { stdio: "ignore", timeout: 20_000 });
  return run.status === 0 ? "pass" : "fail";
}

void describe("Hurl conformance: roadwork gives hurl --test's verdict", () => {
  const all = [...CASES.map((c) => ({ name: c.name, hurl: fileOf(c), hurl_verdict: c.hurl_verdict })), ...WHOLE_FILES];
  for (const c of all) {
    void it(`${c.name}: ${c.hurl_verdict}`, async () => {
      assert.equal(await roadworkVerdict(c.name, c.hurl), c.hurl_verdict, c.hurl);
    });
  }

  void it("the real hurl agrees with every verdict above", async (t) => {
    const binary = realHurl();
    if (binary === undefined) return t.skip("the real hurl is not installed here (not a Debian package; crates.io is out of reach): set ROADWORK_HURL to compare");
    // Runs the same files through both, one after the other.
    for (const c of all) assert.equal(hurlVerdict(binary, c.name, c.hurl), c.hurl_verdict, `hurl --test on ${c.name}`);
    await Promise.resolve();
  });
});
