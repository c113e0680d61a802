/** An exercise: instructions, the editor (draft kept across reloads), Submit, live verdict, attempts. */
import { api, submitWork, type Submission } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import { sendWhenNotBusy, sleep } from "../busy-retry.js";
import { createEditor, EDITOR_KEYS_HINT } from "../ui/editor.js";
import { celebration } from "../ui/celebrate.js";
import { busyNotice, followSubmission, historyList, testItem, verdictHeader } from "../ui/verdict.js";
import type { PageContext } from "./context.js";
import { reviewAsk } from "../ui/review-ask.js";
import { gitPanel } from "./exercise-git.js";
import { runPanel } from "../ui/run-panel.js";
import type { RunExamples } from "../run/protocol.js";

interface ExerciseResponse { id: string; title: string; kind: "function" | "program" | "sql" | "tests" | "git"; readmeHtml: string; hintCount: number; formerly: string[]; starter: string; solutionFile: string; stepId: string | null; subject?: { file: string; source: string }; run: RunExamples | null }

const SAVE_DELAY_MS = 700;

export async function exercisePage(ctx: PageContext, id: string): Promise<void> {
  const path = `/api/exercises/${encodeURIComponent(id)}`;
  const [exercise, draft, history] = await Promise.all([
    api<ExerciseResponse>("GET", path),
    api<{ source: string; saved: boolean }>("GET", `${path}/draft`),
    api<{ submissions: Submission[] }>("GET", `${path}/submissions`),
  ]);
  const localKey = `roadwork:draft:${ctx.user.id}:${id}`;
  // After a rename (formerly:), an edit not yet saved to the server sits under an old id.
  for (const former of exercise.formerly) {
    const formerKey = `roadwork:draft:${ctx.user.id}:${former}`;
    const kept = localStorage.getItem(formerKey);
    if (kept !== null && localStorage.getItem(localKey) === null) localStorage.setItem(localKey, kept);
    localStorage.removeItem(formerKey);
  }
  // The local copy is newer than the server's when the last save did not get through.
  const initial = localStorage.getItem(localKey) ?? draft.source;

  const instructions = h("article", { class: "prose instructions" });
  // readmeHtml comes from the server's Markdown renderer, which escapes raw HTML.
  instructions.innerHTML = exercise.readmeHtml;
  const editorBox = h("div", { class: "editor" });
  const saveState = h("span", { class: "muted save-state", "aria-live": "polite" }, draft.saved ? "Draft saved" : "");
  // tabindex -1: focus moves here when a verdict arrives, so keyboard and screen reader users land on it.
  const verdict = h("section", { class: "verdict", "aria-label": "Verdict", tabindex: -1 });
  const historyBox = h("section", { class: "history-box" }, h("h2", {}, "Your attempts"));
  const submit = h("button", { type: "button", class: "primary", title: "Ctrl+Enter (⌘+Enter on a Mac)" }, "Submit");
  const reset = h("button", { type: "button", class: "secondary" }, "Reset to starter");

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveDraft = async (source: string): Promise<void> => {
    try {
      await api("PUT", `${path}/draft`, { source });
      localStorage.removeItem(localKey);
      saveState.textContent = "Draft saved";
    } catch {
      saveState.textContent = "Draft kept in this browser (not saved to the server yet)";
    }
  };
  const editor = createEditor(editorBox, {
    doc: initial,
    language: exercise.kind === "sql" ? "sql" : "python",
    label: `Your ${exercise.solutionFile}`,
    onChange: (source) => {
      localStorage.setItem(localKey, source);
      saveState.textContent = "Editing…";
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void saveDraft(source), SAVE_DELAY_MS);
    },
    onSubmit: () => submit.click(),
    describedBy: "editor-keys",
  });
  ctx.signal.addEventListener("abort", () => {
    clearTimeout(saveTimer);
    editor.view.destroy();
  });

  const renderHistory = (subs: Submission[]): void => {
    mount(historyBox, h("h2", {}, "Your attempts"), historyList(subs, (sub) => {
      if (sub.report !== null) mount(verdict, verdictHeader(sub.report), h("ol", { class: "tests" }, ...sub.report.tests.map(testItem)));
      if (typeof sub.source === "string" && confirm("Load the code of this attempt into the editor?")) editor.set(sub.source);
    }));
  };
  renderHistory(history.submissions);
  const hints = hintsBox(path, exercise.hintCount, history.submissions.length > 0);
  const git = exercise.kind === "git" ? gitPanel(id, path, submit) : undefined;
  // Function and program exercises only: SQL, tests and git exercises need the server's
  // databases, pytest or git, so they have Submit alone (the API's `run` is null for them: docs/api.md).
  const run = exercise.run === null ? undefined : runPanel(exercise.run, () => editor.value(), ctx.signal);

  submit.addEventListener("click", act(async () => {
    submit.disabled = true;
    try {
      const send = git !== undefined ? () => git.submit() : (() => {
        const source = editor.value();
        clearTimeout(saveTimer);
        void saveDraft(source);
        return () => submitWork<{ id: string }>(`${path}/submissions`, { source });
      })();
      const created = await sendWhenNotBusy(send, { signal: ctx.signal, sleep, onWait: (left) => mount(verdict, busyNotice(left)) });
      const report = await followSubmission(verdict, created.id, ctx.signal);
      if (report?.status === "pass") verdict.prepend(await celebration({ kind: "exercise", id }));
      verdict.focus();
      const again = await api<{ submissions: Submission[] }>("GET", `${path}/submissions`);
      renderHistory(again.submissions);
      hints.open();
    } catch (error) {
      mount(verdict, h("p", { class: "error", role: "alert" }, error instanceof Error ? error.message : String(error)));
    } finally {
      submit.disabled = false;
    }
  }));
  reset.addEventListener("click", () => {
    if (confirm("Replace your code with the starter code?")) editor.set(exercise.starter);
  });

  mount(
    ctx.main,
    h("p", {}, h("a", { href: "/" }, "← Roadmap"), exercise.stepId ? h("span", {}, " · ", h("a", { href: `/steps/${exercise.stepId}` }, "Lesson")) : null, " · ", h("a", { href: `/exercises/${id}/solutions` }, "Community solutions")),
    h("div", { class: "exercise" },
      h("div", { class: "left" }, h("h1", {}, exercise.title), instructions, subjectBox(exercise.subject)),
      h("div", { class: "right" },
        ...(git !== undefined
          ? [git.box]
          : [
              h("div", { class: "file-bar" }, h("span", { class: "file" }, exercise.solutionFile), saveState),
              editorBox,
              h("div", { class: "actions" }, submit, run?.button, reset, h("span", { class: "muted keys", id: "editor-keys" }, EDITOR_KEYS_HINT)),
            ]),
        run?.box,
        verdict,
        hints.box,
        historyBox,
        reviewAsk("exercise", exercise.id, ctx.navigate))),
  );
}

/** tests exercises: the code under test, read-only, under the instructions (textContent: never HTML). */
function subjectBox(subject: ExerciseResponse["subject"]): HTMLElement | null {
  if (subject === undefined) return null;
  return h("section", { class: "subject", "aria-label": "The code under test" },
    h("h2", {}, "The code under test: ", h("code", {}, subject.file)),
    h("pre", { class: "code" }, h("code", {}, subject.source)));
}

/** Hints, one at a time on request; the button opens after the learner's first attempt. */
function hintsBox(path: string, count: number, attempted: boolean): { box: HTMLElement; open(): void } {
  const box = h("section", { class: "hints", "aria-label": "Hints" });
  if (count === 0) return { box, open: () => undefined };
  const list = h("ol", { class: "hint-list" });
  const button = h("button", { type: "button", class: "secondary" }, `Show a hint (1 of ${count})`);
  const note = h("span", { class: "muted" }, "Hints open after your first attempt.");
  let shown = 0;
  const open = (): void => {
    button.disabled = shown >= count;
    note.hidden = true;
  };
  button.disabled = !attempted;
  note.hidden = attempted;
  button.addEventListener("click", act(async () => {
    button.disabled = true;
    try {
      const hint = await api<{ n: number; of: number; hintHtml: string }>("GET", `${path}/hints/${shown + 1}`);
      const item = h("li", { class: "prose" });
      // hintHtml comes from the server's Markdown renderer, which escapes raw HTML.
      item.innerHTML = hint.hintHtml;
      list.append(item);
      shown = hint.n;
      button.textContent = shown < count ? `Show another hint (${shown + 1} of ${count})` : "No more hints";
      button.disabled = shown >= count;
    } catch (error) {
      note.hidden = false;
      note.textContent = error instanceof Error ? error.message : String(error);
      button.disabled = false;
    }
  }));
  mount(box, h("h2", {}, "Hints"), list, h("div", { class: "actions" }, button, note));
  return { box, open };
}
