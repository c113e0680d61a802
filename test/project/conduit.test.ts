/**
 * The Conduit project's own promises, checked without grading it (the content check in
 * builtin-content-check.test.ts grades every reference and bad app): at least three bad
 * apps per stage, a title on every Hurl entry, the tests' JWT key equal to the one the app
 * is given, the RealWorld suite's variables; and bench/realworld.mjs, which runs a suite
 * written for {{host}} and {{uid}} through them and says when the suite is absent.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProject, type Framework } from "../../src/grading/project/index.js";
import { JWT_SECRET } from "../../tracks/python-backend/projects/conduit/stages/support.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PROJECT_DIR = join(ROOT, "tracks", "python-backend", "projects", "conduit");
const BENCH = join(ROOT, "bench", "realworld.mjs");

void describe("the conduit project", () => {
  const project = loadProject(PROJECT_DIR);

  void it("has at least three bad apps failing at every stage, over the three frameworks", () => {
    const thin = project.stages.filter((stage) => project.bad.filter((bad) => bad.failsAt === stage.n).length < 3).map((stage) => stage.n);
    assert.deepEqual(thin, [], "stages with fewer than three bad apps");
    const frameworks = new Set<Framework>(project.bad.map((bad) => bad.framework));
    assert.deepEqual([...frameworks].sort(), ["django", "fastapi", "flask"]);
    assert.deepEqual(Object.keys(project.references).sort(), ["django", "fastapi", "flask"]);
  });

  void it("titles every entry of its Hurl stages for learners", () => {
    const untitled = project.stages.flatMap((stage) =>
      stage.kind === "hurl" ? stage.hurl.entries.filter((entry) => entry.title === undefined).map((entry) => `${stage.testsPath}:${entry.line}`) : [],
    );
    assert.deepEqual(untitled, []);
  });

  void it("signs the tests' tokens with the key it gives the app as JWT_SECRET", () => {
    assert.equal(project.env.JWT_SECRET, JWT_SECRET);
  });

  void it("maps the RealWorld suite's {{host}} and {{uid}} to the app and the run", () => {
    for (const stage of project.stages) assert.deepEqual(stage.variables, { host: "{{base_url}}", uid: "{{run_id}}" });
  });
});

void describe("bench/realworld.mjs", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-realworld-test-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it("says it is skipped when no suite is given, and exits 0", () => {
    const run = spawnSync(process.execPath, [BENCH], { encoding: "utf8", env: { ...process.env, REALWORLD_SUITE: "" } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /skipped, no RealWorld suite given/);
    assert.match(run.stdout, /github\.com\/gothinkster\/realworld/);
  });

  void it("says the suite is absent when the path holds none, and exits 2", () => {
    const missing = join(dir, "no-such-checkout");
    const run = spawnSync(process.execPath, [BENCH, "--suite", missing], { encoding: "utf8" });
    assert.equal(run.status, 2);
    assert.ok(run.stderr.includes(`no RealWorld Hurl suite at ${missing}`), run.stderr);
  });

  void it("runs a suite written for {{host}} and {{uid}} unchanged, every file, and reports each", async (t) => {
    if (!existsSync(join(ROOT, "dist", "grading", "project", "index.js"))) return t.skip("dist/ is not built (npm run build)");
    const noSandbox = await skipWithoutSandbox();
    if (noSandbox !== false) return t.skip(noSandbox);
    // A stand-in for the RealWorld suite, in its style: the real one is never copied here.
    const suite = join(dir, "specs", "api", "hurl");
    writeTree(suite, {
      "accounts.hurl": [
        "# Register",
        "POST {{host}}/api/users",
        '{ "user": { "username": "fx_{{uid}}", "email": "fx_{{uid}}@test.com", "password": "password123" } }',
        "HTTP 201",
        "[Captures]",
        'token: jsonpath "$.user.token"',
        "",
        "# Current user",
        "GET {{host}}/api/user",
        "Authorization: Token {{token}}",
        "HTTP 200",
        "[Asserts]",
        'jsonpath "$.user.username" == "fx_{{uid}}"',
        "",
      ].join("\n"),
      "teapot.hurl": ["# Tags as a teapot, which no reference is", "GET {{host}}/api/tags", "HTTP 418", ""].join("\n"),
    });
    const run = spawnSync(process.execPath, [BENCH, "--suite", dir, "--framework", "flask"], { encoding: "utf8", timeout: 120_000 });
    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /2 files, 3 requests/);
    assert.match(run.stdout, /pass {2}accounts\.hurl +2\/2 requests/);
    assert.match(run.stdout, /FAIL {2}teapot\.hurl +0\/1 requests/);
    assert.match(run.stdout, /SOME FILES FAIL: 2\/3 requests/);
  });
});

function writeTree(root: string, files: Record<string, string>): void {
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
}
