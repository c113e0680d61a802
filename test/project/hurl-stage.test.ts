/**
 * A Hurl stage as the learner reads it: one test per entry, named after the comment above
 * it, and a failure that shows the stage, the file and line, what was wrong, the request
 * sent, the response and the app's log.
 */
import { describe, it, after } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runHurlStage } from "../../src/grading/project/hurl-stage.js";
import type { StageRuntime } from "../../src/grading/project/stage-context.js";
import type { ProjectStage } from "../../src/content/project.js";
import type { HttpRequestSpec, HttpResponseData } from "../../src/hurl/types.js";
import { parseHurl } from "../../src/hurl/index.js";
import { tempDir, writeTree } from "./fixtures.js";

const dir = tempDir("hurl-stage");
after(() => dir.remove());

function runtimeAnswering(answer: (spec: HttpRequestSpec) => HttpResponseData): StageRuntime {
  return {
    baseUrl: "http://127.0.0.1:8000",
    send: (spec) => Promise.resolve(answer(spec)),
    restartApp: () => Promise.resolve(),
    emails: () => [],
    query: () => Promise.resolve([]),
    statements: () => Promise.resolve(new Map()),
    explain: () => Promise.resolve({ json: [], text: "" }),
    logTail: () => "line one\nTraceback: boom",
    appExited: () => undefined,
  };
}

function stageFile(name: string, source: string): Extract<ProjectStage, { kind: "hurl" }> {
  writeTree(dir.path, { [`stages/${name}`]: source });
  const testsPath = join(dir.path, "stages", name);
  return { n: 2, slug: "tasks", title: "Create tasks", instructionsPath: join(dir.path, "stages/x.md"), testsPath, kind: "hurl", hurl: parseHurl(source, testsPath) };
}

const SOURCE = `# Stage 2: tasks.

# POST /tasks creates a task.
POST {{base_url}}/tasks
Content-Type: application/json
{"title": "Milk"}
HTTP 201
[Asserts]
jsonpath "$.title" == "Milk"
`;

void describe("a Hurl stage's tests", () => {
  void it("runs the file parsed when the project loaded, never reading it again", async () => {
    const stage = stageFile("02-gone.hurl", SOURCE);
    rmSync(stage.testsPath);
    const tests = await runHurlStage(stage, runtimeAnswering(() => ({ status: 201, headers: [], body: Buffer.from('{"title": "Milk"}') })), { runId: "r1", signIn: () => Promise.resolve({}), signInNames: [] });
    assert.equal(tests[0]?.status, "pass", tests[0]?.message);
  });

  void it("names a test after the comment above its entry and carries the entry as test_code", async () => {
    const stage = stageFile("02-pass.hurl", SOURCE);
    const tests = await runHurlStage(stage, runtimeAnswering(() => ({ status: 201, headers: [["Content-Type", "application/json"]], body: Buffer.from('{"title": "Milk"}') })), { runId: "r1", signIn: () => Promise.resolve({}), signInNames: [] });
    assert.deepEqual(tests.map((t) => [t.name, t.status, t.stage]), [["stage 2: POST /tasks creates a task.", "pass", 2]]);
    assert.equal(tests[0]?.test_code, 'POST {{base_url}}/tasks\nContent-Type: application/json\n{"title": "Milk"}\nHTTP 201\n[Asserts]\njsonpath "$.title" == "Milk"');
  });

  void it("shows the stage, file and line, what was expected, the request sent, the response and the log", async () => {
    const stage = stageFile("02-fail.hurl", SOURCE);
    const tests = await runHurlStage(stage, runtimeAnswering(() => ({ status: 500, headers: [["Content-Type", "text/html"], ["Server", "Werkzeug"]], body: Buffer.from("<h1>Internal Server Error</h1>") })), {
      runId: "r1",
      signIn: () => Promise.resolve({}),
      signInNames: [],
    });
    const message = tests[0]?.message ?? "";
    assert.equal(tests[0]?.status, "fail");
    assert.match(message, /^Stage 2 \(Create tasks\)/);
    assert.match(message, /stages\/02-fail\.hurl line 4/);
    assert.match(message, /expected status 201/);
    assert.match(message, /Request sent:\n {2}POST \/tasks\n {2}Content-Type: application\/json/);
    assert.match(message, /\{"title": "Milk"\}/);
    assert.match(message, /Response:\n {2}HTTP 500\n {2}Content-Type: text\/html/i);
    assert.doesNotMatch(message, /Werkzeug/);
    assert.match(message, /<h1>Internal Server Error<\/h1>/);
    assert.match(message, /App log \(last lines\):\n {2}line one\n {2}Traceback: boom/);
  });
});
