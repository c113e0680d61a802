/** The code editor: CodeMirror 6 with Python (or SQL-free plain) highlighting. */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { EditorState, Prec } from "@codemirror/state";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";

export interface Editor {
  view: EditorView;
  value(): string;
  set(text: string): void;
}

/** What the page says next to the editor, so keyboard users know how to get out of it. */
export const EDITOR_KEYS_HINT = "Tab indents. To leave the editor with the keyboard, press Esc, then Tab. Ctrl+Enter (⌘+Enter on a Mac) submits.";

/**
 * Two colours of CodeMirror's default highlighting are too light on white for WCAG AA text
 * (axe-core flags them): #e40 (f-string braces, escapes, 3.6:1) and #f00 (invalid, 4.0:1).
 * The same hues, darker; ahead of basicSetup's style, so these win.
 */
const readableColours = syntaxHighlighting(HighlightStyle.define([
  { tag: [tags.regexp, tags.escape, tags.special(tags.string)], color: "#b33000" },
  { tag: tags.invalid, color: "#c00" },
]));

export function createEditor(parent: HTMLElement, opts: { doc: string; language: "python" | "sql"; onChange: (text: string) => void; onSubmit: () => void; label: string; describedBy?: string }): Editor {
  const view = new EditorView({
    parent,
    doc: opts.doc,
    extensions: [
      // Above basicSetup's keymap, whose Mod-Enter inserts a blank line: here it submits.
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { opts.onSubmit(); return true; } }])),
      readableColours,
      basicSetup,
      // PEP 8 and every starter file indent by 4 spaces; CodeMirror's default of 2 made the
      // line after `for ...:` an IndentationError.
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      // Tab indents like in any code editor; Esc then Tab moves focus on (CodeMirror's own escape hatch).
      keymap.of([indentWithTab]),
      ...(opts.language === "python" ? [python()] : []),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) opts.onChange(update.state.doc.toString());
      }),
      // tabindex 0: the content is reachable by Tab anyway (contenteditable); saying so lets
      // checkers such as axe-core see that the scrolling editor has keyboard access.
      EditorView.contentAttributes.of({ "aria-label": opts.label, tabindex: "0", ...(opts.describedBy === undefined ? {} : { "aria-describedby": opts.describedBy }) }),
    ],
  });
  // CodeMirror measures its lines only while it is inside the window; until then the gutter
  // is laid out from a 14 px-per-line guess, while our lines are 19.6 px (14 px x 1.4). On a
  // phone the editor mounts below the lesson, out of view, so each line number sat higher than
  // its line (line 2 by 9.6 px) until the first scroll. A pending scroll target makes CodeMirror
  // measure even out of view; a snapshot of its own scroll position (0, 0 here) moves nothing,
  // neither the page nor the editor. (requestMeasure alone does not help: it stops out of view.)
  view.dispatch({ effects: view.scrollSnapshot() });
  return {
    view,
    value: () => view.state.doc.toString(),
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
  };
}
