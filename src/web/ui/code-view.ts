/**
 * Read-only code with the editor's own highlighting (CodeMirror, the same Python mode and
 * colours), so a solution looks like the code one writes. CodeMirror puts the text in text
 * nodes: whatever the code contains, it is shown, never run or parsed as HTML.
 */
import { EditorView, minimalSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { lineNumbers } from "@codemirror/view";
import { python } from "@codemirror/lang-python";

export function codeView(parent: HTMLElement, code: string, opts: { language: "python" | "sql"; label: string; signal: AbortSignal }): EditorView {
  const view = new EditorView({
    parent,
    doc: code,
    extensions: [
      minimalSetup,
      lineNumbers(),
      ...(opts.language === "python" ? [python()] : []),
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      // Read-only content is not focusable by default; a long line makes the box scroll
      // sideways, and a keyboard user must be able to reach it to scroll it.
      EditorView.contentAttributes.of({ "aria-label": opts.label, tabindex: "0" }),
    ],
  });
  opts.signal.addEventListener("abort", () => view.destroy());
  return view;
}
