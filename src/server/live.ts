/**
 * Live results over server-sent events: `queued`, `running`, one `test` event per test
 * result, then `done` with the whole report (docs/api.md). The stream reads the submission
 * from the database when the queue signals a change of its submission (in-process events,
 * PostgreSQL LISTEN/NOTIFY across processes; see ./live-hub.ts), and on a slow shared safety
 * poll. While grading, test results come from submission_tests; once graded, from the report.
 *
 * A `test` event's id is the test's index, so a client that reconnects (EventSource does so
 * by itself, sending Last-Event-ID) gets only the tests it has not seen. No event is named
 * `error`: in a browser that name is also the one for a lost connection.
 */
import type { FastifyReply } from "fastify";
import { FINAL_STATUSES } from "../store/index.js";
import { parseReport } from "./presenters.js";
import type { RouteContext } from "./deps.js";

const HEARTBEAT_MS = 15_000;
const MAX_STREAM_MS = 15 * 60_000;

/** The index of the first test a client still needs: one past its Last-Event-ID, 0 without one. */
export function firstUnseenTest(lastEventId: string | string[] | undefined): number {
  const value = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (value === undefined || !/^\d{1,9}$/.test(value.trim())) return 0;
  return Number(value.trim()) + 1;
}

export async function streamSubmission(reply: FastifyReply, ctx: RouteContext, submissionId: string, fromTest = 0): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    // Proxies such as nginx would otherwise hold events back until the buffer fills.
    "x-accel-buffering": "no",
  });
  const closed = new AbortController();
  res.on("close", () => closed.abort());
  const stop = (): void => closed.abort();
  ctx.closing.addEventListener("abort", stop);

  const send = (event: string, data: unknown, id?: number): void => {
    res.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  // Tell EventSource to wait a little before reconnecting after the stream ends.
  res.write("retry: 3000\n\n");

  const watch = ctx.liveHub.watch(submissionId);
  const started = Date.now();
  let lastBeat = started;
  let sentQueued = false;
  let sentRunning = false;
  let nextTest = fromTest;
  try {
    if (ctx.closing.aborted) closed.abort();
    while (!closed.signal.aborted) {
      const row = await ctx.store.submissions.statusOf(submissionId);
      if (row === undefined) {
        send("gone", { code: "NOT_FOUND", message: "this submission no longer exists" });
        break;
      }
      const final = FINAL_STATUSES.includes(row.status);
      if (!sentQueued) {
        send("queued", { id: submissionId, status: "queued" });
        sentQueued = true;
      }
      if (!sentRunning && (row.status === "running" || final)) {
        send("running", { id: submissionId, status: "running" });
        sentRunning = true;
      }
      if (final) {
        const report = parseReport(row);
        const tests = report?.tests ?? [];
        for (; nextTest < tests.length; nextTest++) send("test", { index: nextTest, ...tests[nextTest] }, nextTest);
        send("done", { id: submissionId, status: row.status, durationMs: row.duration_ms, report });
        break;
      }
      const live = row.status === "running" ? await ctx.store.submissionTests.from(submissionId, nextTest) : [];
      for (const { index, test } of live) {
        send("test", { index, ...test }, index);
        nextTest = index + 1;
      }
      if (Date.now() - started > MAX_STREAM_MS) {
        send("timeout", { id: submissionId, message: "still grading; reconnect or fetch GET /api/submissions/:id" });
        break;
      }
      if (Date.now() - lastBeat >= HEARTBEAT_MS) {
        res.write(": keep-alive\n\n");
        lastBeat = Date.now();
      }
      await watch.next(closed.signal);
    }
  } finally {
    ctx.closing.removeEventListener("abort", stop);
    watch.close();
    res.end();
  }
}
