/**
 * What a push says while it waits for its verdict (src/server/git/push-report.ts), over a
 * store that the test moves by hand: each test's line as it arrives, the last line for a
 * pass and for a failing stage, the wait running out, and no control character of the
 * learner's app reaching the terminal.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TestResult } from "../../src/grading/report.js";
import { Signals } from "../../src/queue/signals.js";
import { LiveHub } from "../../src/server/live-hub.js";
import type { RouteContext } from "../../src/server/deps.js";
import { reportGrading } from "../../src/server/git/push-report.js";

interface Row { status: string; report: string | null }

function fakeContext(row: Row, live: TestResult[]): { ctx: RouteContext; signals: Signals } {
  const signals = new Signals();
  const ctx = {
    liveHub: new LiveHub(signals, 20),
    store: {
      submissions: { statusOf: async () => ({ ...row, graded_at: null, duration_ms: null }) },
      submissionTests: { from: async (_id: string, from: number) => live.slice(from).map((test, i) => ({ index: from + i, test })) },
    },
  } as unknown as RouteContext;
  return { ctx, signals };
}

const options = (waitMs: number) => ({ waitMs, pageUrl: "http://server/projects/task-tracker", signal: new AbortController().signal });

describe("the push's report of its grading", () => {
  it("tells each stage's tests as they arrive, then the failed stage, with what came back", async () => {
    const row: Row = { status: "running", report: null };
    const first: TestResult = { name: "stage 1: GET /health answers ok", status: "pass", stage: 1 };
    const second: TestResult = { name: "stage 2: POST /tasks gives 201", status: "fail", stage: 2, message: "expected 201\ngot 200 \u001b[2J\u001b]0;PASS\u0007" };
    const live: TestResult[] = [first];
    const { ctx } = fakeContext(row, live);
    const said: string[] = [];
    const done = reportGrading(ctx, "s1", (text) => said.push(text), options(60_000));
    // The safety poll (20 ms) picks up each change.
    while (!said.some((s) => s.includes("stage 1: GET /health answers ok ... pass"))) await new Promise((r) => setTimeout(r, 5));
    row.status = "fail";
    row.report = JSON.stringify({ version: 3, status: "fail", tests: [first, second], failed_stage: 2 });
    assert.equal(await done, "fail");
    const text = said.join("");
    assert.equal(text.split("stage 1: GET /health answers ok ... pass").length, 2, "each test is told once");
    assert.match(text, /stage 2: POST \/tasks gives 201 \.\.\. fail\n {4}expected 201\n {4}got 200/);
    assert.match(text, /stage 2 failed \(1 of 2 checks run\); your push is kept\. Details: http:\/\/server\/projects\/task-tracker/);
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), "no control character reaches the terminal");
  });

  it("says all checks pass on a pass", async () => {
    const tests: TestResult[] = [{ name: "stage 1: ok", status: "pass", stage: 1 }];
    const { ctx } = fakeContext({ status: "pass", report: JSON.stringify({ version: 3, status: "pass", tests }) }, []);
    const said: string[] = [];
    assert.equal(await reportGrading(ctx, "s2", (text) => said.push(text), options(60_000)), "pass");
    assert.match(said.join(""), /all 1 checks pass .* See http:\/\/server\/projects\/task-tracker/);
  });

  it("stops waiting at the limit and says where the results will be", async () => {
    const { ctx } = fakeContext({ status: "queued", report: null }, []);
    const said: string[] = [];
    assert.equal(await reportGrading(ctx, "s3", (text) => said.push(text), options(100)), "waiting");
    assert.match(said.join(""), /still grading after 0\.1 s; your push is kept, and the results will be on http:\/\/server\/projects\/task-tracker/);
  });
});
