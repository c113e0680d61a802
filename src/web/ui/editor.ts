/** The code editor: CodeMirror 6 with Python (or SQL-free plain) highlighting. */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { python } from "@codemirror/lang-python";

export interface Editor {
  view: EditorView;
  value(): string;
  set(text: string): void;
}

export function createEditor(parent: HTMLElement, opts: { doc: string; language: "python" | "sql"; onChange: (text: string) => void; onSubmit: () => void; label: string }): Editor {
  const view = new EditorView({
    parent,
    doc: opts.doc,
    extensions: [
      basicSetup,
      ...(opts.language === "python" ? [python()] : []),
      // Ctrl/Cmd+Enter submits from inside the editor; Tab stays indentation (Esc then Tab leaves).
      keymap.of([{ key: "Mod-Enter", run: () => { opts.onSubmit(); return true; } }]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) opts.onChange(update.state.doc.toString());
      }),
      EditorView.contentAttributes.of({ "aria-label": opts.label }),
    ],
  });
  return {
    view,
    value: () => view.state.doc.toString(),
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}
