/** Shows a verdict test by test: live while grading, then the whole report. */
import type { Explanation, GradeReport, Submission, TestResult } from "../api.js";
import { h, mount } from "./dom.js";

const ICON = { pass: "✓", fail: "✗", error: "!", skip: "–" } as const;
const SAID = { pass: "passed", fail: "failed", error: "error", skip: "skipped" } as const;

export function testItem(test: TestResult): HTMLElement {
  const details = h("div", { class: "test-details" },
    test.message ? h("pre", { class: "message" }, test.message) : null,
    test.explanation ? explanationBox(test.explanation) : null,
    test.output ? h("div", {}, h("p", { class: "label" }, "Your code printed:"), h("pre", { class: "output" }, test.output)) : null,
    test.test_code ? h("details", {}, h("summary", {}, "Test code"), h("pre", { class: "code" }, test.test_code)) : null,
  );
  return h("li", { class: `test ${test.status}` },
    h("span", { class: "icon", "aria-hidden": "true" }, ICON[test.status]),
    h("span", { class: "name" }, test.name, h("span", { class: "sr" }, ` ${SAID[test.status]}`)),
    test.status === "pass" ? null : test.status === "skip" ? h("div", { class: "test-details" }, h("p", { class: "muted" }, test.message ?? "skipped by the test itself")) : details);
}

/** Secondary to the raw message above it; all text goes in as text (h never parses HTML). */
function explanationBox(e: Explanation): HTMLElement {
  const where = e.line === undefined ? "" : ` (${e.file !== undefined ? `${e.file}, ` : ""}line ${e.line})`;
  return h("aside", { class: "explanation", "aria-label": "What this error means" },
    h("p", { class: "explanation-title" }, h("strong", {}, e.title), where),
    e.code === undefined ? null : h("pre", { class: "code" }, `${e.line ?? ""} | ${e.code}`),
    h("p", {}, e.text));
}

export function verdictHeader(report: GradeReport): HTMLElement {
  const passed = report.tests.filter((t) => t.status === "pass").length;
  const skipped = report.tests.filter((t) => t.status === "skip").length;
  const ran = report.tests.length - skipped;
  const skippedNote = skipped > 0 ? ` (${skipped} skipped by the tests themselves)` : "";
  const headline = report.status === "pass"
    ? `All ${ran} tests pass${skippedNote}. Verified!`
    : report.status === "fail"
      ? `${passed} of ${ran} tests pass${skippedNote}. Keep going: read the first failure below.`
      : "Your code could not be graded.";
  return h("div", { class: `verdict-head ${report.status}`, role: "status" },
    h("strong", {}, headline),
    report.message ? h("p", {}, report.message) : null,
    ...(report.limits_hit ?? []).map((l) => h("p", { class: "limit" }, `Limit reached: ${l.message}`)),
    report.tamper_proof === false ? h("p", { class: "muted" }, "Compatible mode: tests and your code ran in one sandboxed process.") : null,
    report.duration_ms === undefined ? null : h("p", { class: "muted" }, `Graded in ${Math.round(report.duration_ms)} ms.`));
}

/** Grading is busy (503 QUEUE_FULL): a wait, told calmly, with the seconds left before the page sends the work again. */
export function busyNotice(secondsLeft: number): HTMLElement {
  return h("p", { class: "muted busy", role: "status" },
    `Grading is busy right now. Your work is kept; trying again in ${secondsLeft} s.`);
}

/** Follows a submission's event stream into `box`; resolves with the final report. */
export function followSubmission(box: HTMLElement, submissionId: string, signal: AbortSignal): Promise<GradeReport | null> {
  const status = h("p", { class: "muted", role: "status" }, "Queued…");
  const list = h("ol", { class: "tests" });
  mount(box, status, list);
  return new Promise((resolve) => {
    const source = new EventSource(`/api/submissions/${encodeURIComponent(submissionId)}/events`);
    const close = (report: GradeReport | null): void => {
      source.close();
      resolve(report);
    };
    signal.addEventListener("abort", () => close(null));
    source.addEventListener("running", () => { status.textContent = "Running the tests…"; });
    source.addEventListener("test", (event) => list.append(testItem(JSON.parse((event as MessageEvent<string>).data) as TestResult)));
    source.addEventListener("done", (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as { report: GradeReport | null };
      if (data.report !== null) mount(box, verdictHeader(data.report), h("ol", { class: "tests" }, ...data.report.tests.map(testItem)));
      close(data.report);
    });
    // The server's own endings have names of their own; "error" is only ever a lost connection.
    const ended = (text: string) => () => {
      status.textContent = text;
      close(null);
    };
    source.addEventListener("gone", ended("This submission no longer exists."));
    source.addEventListener("timeout", ended("Still grading after a long while. Reload the page to see the verdict."));
    source.addEventListener("error", () => {
      // EventSource reconnects by itself, sending the id of the last test it got, so no test
      // comes twice; tell the learner only if the stream is gone for good.
      if (source.readyState === EventSource.CLOSED) {
        status.textContent = "Lost the connection to the server. Reload the page to see the verdict.";
        close(null);
      }
    });
  });
}

export function historyList(submissions: Submission[], onPick: (s: Submission) => void): HTMLElement {
  if (submissions.length === 0) return h("p", { class: "muted" }, "No attempts yet.");
  return h("ol", { class: "history", reversed: true },
    ...submissions.map((sub) => {
      const tests = sub.report?.tests ?? [];
      const passed = tests.filter((t) => t.status === "pass").length;
      return h("li", { class: sub.status },
        h("button", { type: "button", class: "link", onclick: () => onPick(sub) },
          `${new Date(sub.createdAt).toLocaleString()} — ${sub.status}${tests.length > 0 ? ` (${passed}/${tests.length})` : ""}`),
        sub.commitId ? h("span", { class: "muted commit" }, ` · pushed commit `, h("code", { title: sub.commitId }, sub.commitId.slice(0, 10))) : null);
    }));
}
