/**
 * Run: tries the learner's code on the README's examples in the browser (Pyodide in a Web
 * Worker). It is practice, not an attempt: nothing is sent to the server, and only Submit
 * grades. Results go to a polite live region: what ran, what the README shows, what came back.
 */
import type { DoctestResult, ProgramResult, RunExamples } from "../run/protocol.js";
import { PythonRunner, type RunOutcome } from "../run/python-runner.js";
import { h, mount, act } from "./dom.js";

export function runPanel(examples: RunExamples, source: () => string, signal: AbortSignal): { button: HTMLButtonElement; box: HTMLElement } {
  const runner = new PythonRunner();
  signal.addEventListener("abort", () => runner.stop());
  const button = h("button", { type: "button", class: "secondary", title: "Try the examples of the instructions in your browser (not an attempt)" }, "Run");
  const loadNote = h("p", { class: "muted run-load" });
  const output = h("div", { class: "run-output", role: "status", "aria-live": "polite" });
  const box = h("section", { class: "run-box", "aria-label": "Run in the browser" }, loadNote, output);
  box.hidden = true;

  button.addEventListener("click", act(async () => {
    button.disabled = true;
    box.hidden = false;
    mount(output, h("p", {}, loadNote.textContent === "" ? "Loading Python in your browser (the first time only)…" : "Running…"));
    try {
      const outcome = await runner.run(source(), examples);
      if (outcome.type !== "failed" && outcome.loadedMs !== null) loadNote.textContent = `Python loaded in ${(outcome.loadedMs / 1000).toFixed(1)} s; it stays loaded while this page is open.`;
      mount(output, ...render(outcome));
    } finally {
      button.disabled = false;
    }
  }));
  return { button, box };
}

function render(outcome: RunOutcome): Node[] {
  if (outcome.type === "failed") return [h("p", { class: "error" }, outcome.message)];
  if (outcome.type === "stopped") {
    return [h("p", { class: "run-head fail" }, h("strong", {}, `Stopped after ${outcome.afterS} s.`), ` Your code was still running: look for a loop that never ends. Python starts afresh for your next Run.`)];
  }
  const result = outcome.result;
  const missing = missingModule(result.kind === "function" ? result.error ?? result.examples.map((e) => e.got).join("") : result.runs.map((r) => r.stderr).join(""));
  const note = h("p", { class: "muted" },
    missing === null ? "" : `Run has Python's standard library only: ${missing} is not available in the browser. Submit runs your code on the server, where it is. `,
    "Run tries the examples of the instructions in your browser. It is not an attempt: Submit grades your code on every test.");
  if (result.kind === "function") {
    if (result.error !== null) return [h("p", { class: "run-head fail" }, h("strong", {}, "Your code stopped before any example could run:")), h("pre", { class: "output" }, result.error), note];
    if (result.examples.length === 0) return [h("p", { class: "run-head" }, "Your code ran without an error. The instructions have no examples to try."), note];
    return [summary(result.examples.filter((e) => e.ok).length, result.examples.length, outcome.ms), h("ol", { class: "tests run-list" }, ...result.examples.map(doctestItem)), note];
  }
  const checked = result.runs.filter((r) => r.example.output !== "" || r.example.exitCode !== null);
  if (checked.length === 0) return [h("p", { class: "run-head" }, "Your program ran with no arguments and no input."), ...result.runs.map((run) => programItem(run, false)), note];
  return [summary(result.runs.filter((r) => r.ok).length, result.runs.length, outcome.ms), h("ol", { class: "tests run-list" }, ...result.runs.map((run) => programItem(run, true))), note];
}

function summary(ok: number, total: number, ms: number): HTMLElement {
  const head = ok === total ? `All ${total} examples match.` : `${ok} of ${total} examples match.`;
  return h("p", { class: `run-head ${ok === total ? "pass" : "fail"}` }, h("strong", {}, head), h("span", { class: "muted" }, ` (ran in ${Math.round(ms)} ms)`));
}

function mark(ok: boolean): HTMLElement[] {
  return [h("span", { class: "icon", "aria-hidden": "true" }, ok ? "✓" : "✗"), h("span", { class: "sr" }, ok ? "matches: " : "differs: ")];
}

function doctestItem(example: DoctestResult): HTMLElement {
  return h("li", { class: `test ${example.ok ? "pass" : "fail"}` },
    ...mark(example.ok),
    h("code", { class: "name" }, `>>> ${example.source.trimEnd()}`),
    example.ok ? null : h("div", { class: "test-details" },
      h("p", { class: "label" }, "Expected:"), h("pre", { class: "output" }, example.want || "(nothing)"),
      h("p", { class: "label" }, "Got:"), h("pre", { class: "output" }, example.got || "(nothing)")));
}

function programItem(run: ProgramResult, checked: boolean): HTMLElement {
  const expected = run.example.output + (run.example.exitCode === null ? "" : `(exit code ${run.example.exitCode})`);
  const differs = checked && !run.ok;
  return h("li", { class: `test ${checked ? (run.ok ? "pass" : "fail") : ""}` },
    ...(checked ? mark(run.ok) : []),
    h("code", { class: "name" }, `$ ${run.example.command}`),
    h("div", { class: "test-details" },
      !differs ? null : h("p", { class: "label" }, "Expected:"), !differs ? null : h("pre", { class: "output" }, expected || "(nothing)"),
      h("p", { class: "label" }, "Standard output:"), h("pre", { class: "output" }, clip(run.stdout) || "(nothing)"),
      run.stderr === "" ? null : h("p", { class: "label" }, "Standard error:"), run.stderr === "" ? null : h("pre", { class: "output" }, clip(run.stderr)),
      h("p", { class: "label" }, `Exit code: ${run.exitCode}`)));
}

/** The module a run could not import (flask, sqlalchemy...: the server has them, Pyodide here does not). */
function missingModule(text: string): string | null {
  return /ModuleNotFoundError: No module named '([\w.]+)'/.exec(text)?.[1] ?? null;
}

/** A program that prints in a loop must not make the page unusable. */
function clip(text: string): string {
  const MAX = 20_000;
  return text.length <= MAX ? text : `${text.slice(0, MAX)}\n… (${text.length - MAX} more characters not shown)`;
}
