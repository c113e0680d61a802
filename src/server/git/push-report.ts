/**
 * The stage results of a pushed submission, told into `git push`'s output as they arrive
 * (side-band channel 2, which git prints as `remote: ...`), like a CI run. Reads the
 * submission the way the live-results stream does (./live.ts): on the queue's signals and
 * the shared safety poll, test rows while it runs, the report once graded.
 */
import type { TestResult } from "../../grading/report.js";
import { FINAL_STATUSES } from "../../store/index.js";
import type { RouteContext } from "../deps.js";
import { parseReport } from "../presenters.js";

export interface PushReportOptions {
  /** How long the push waits for the verdict before telling the learner where to see the rest. */
  waitMs: number;
  /** The project page, where every submission is listed with its results. */
  pageUrl: string;
  /** Ends the wait early (the client went away, the server is closing). */
  signal: AbortSignal;
}

/** What the verdict was, for the last lines; "waiting" when the wait ran out. */
export type PushVerdict = "pass" | "fail" | "error" | "waiting" | "gone";

export async function reportGrading(ctx: RouteContext, submissionId: string, say: (text: string) => void, options: PushReportOptions): Promise<PushVerdict> {
  const watch = ctx.liveHub.watch(submissionId);
  const started = Date.now();
  let next = 0;
  let saidRunning = false;
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), options.waitMs);
  const stop = AbortSignal.any([options.signal, timer.signal]);
  say(`graded as submission ${submissionId}, waiting for a grading worker...\n`);
  try {
    while (!stop.aborted) {
      const row = await ctx.store.submissions.statusOf(submissionId);
      if (row === undefined) return "gone";
      const final = FINAL_STATUSES.includes(row.status);
      if (!saidRunning && (row.status === "running" || final)) {
        say("grading started\n");
        saidRunning = true;
      }
      if (final) {
        const report = parseReport(row);
        const tests = report?.tests ?? [];
        for (; next < tests.length; next++) say(testLine(tests[next]));
        const failed = tests.filter((t) => t.status !== "pass").length;
        if (row.status === "pass") say(`\nall ${tests.length} checks pass (${seconds(Date.now() - started)}). See ${options.pageUrl}\n`);
        else {
          if (report?.message !== undefined && tests.length === 0) say(`${clean(report.message)}\n`);
          const what = row.status === "error" ? "grading could not finish" : report?.failed_stage !== undefined ? `stage ${report.failed_stage} failed (${failed} of ${tests.length} checks run)` : `${failed} of ${tests.length} checks failed`;
          say(`\n${what}; your push is kept. Details: ${options.pageUrl}\n`);
        }
        return row.status === "pass" ? "pass" : row.status === "error" ? "error" : "fail";
      }
      if (row.status === "running") {
        for (const { index, test } of await ctx.store.submissionTests.from(submissionId, next)) {
          say(testLine(test));
          next = index + 1;
        }
      }
      await watch.next(stop);
    }
    if (timer.signal.aborted) say(`\nstill grading after ${seconds(options.waitMs)}; your push is kept, and the results will be on ${options.pageUrl}\n`);
    return "waiting";
  } finally {
    clearTimeout(timeout);
    watch.close();
  }
}

function testLine(test: TestResult | undefined): string {
  if (test === undefined) return "";
  const where = test.stage === undefined || test.name.startsWith(`stage ${test.stage}`) ? "" : `stage ${test.stage}: `;
  const head = `${where}${clean(test.name)} ... ${test.status}\n`;
  if (test.status === "pass" || test.message === undefined) return head;
  const lines = clean(test.message).split("\n");
  const shown = lines.slice(0, 12).map((line) => `    ${line}\n`).join("");
  return head + shown + (lines.length > 12 ? `    ... (${lines.length - 12} more lines on the page)\n` : "");
}

/**
 * A message may quote what the learner's app sent back: no terminal control sequences reach
 * the learner's terminal through git (which prints side-band text as it comes).
 */
function clean(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, "?");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
