/**
 * Code as numbered lines, highlighted with the editor's own Python grammar (Lezer, through
 * CodeMirror's language package): each line is an element of its own, so a review can put a
 * comment button on each and threads between them. Text goes in as text nodes only: whatever
 * the code holds is shown, never parsed as HTML.
 */
import { highlightCode, classHighlighter } from "@lezer/highlight";
import { pythonLanguage } from "@codemirror/lang-python";

/** One line as a list of [text, class] pieces (class "" for plain text). */
export type HighlightedLine = Array<[string, string]>;

export function highlightLines(code: string, language: "python" | "sql" | "text"): HighlightedLine[] {
  const lines: HighlightedLine[] = [[]];
  const put = (text: string, classes: string): void => {
    lines[lines.length - 1]?.push([text, classes]);
  };
  const newline = (): void => {
    lines.push([]);
  };
  if (language === "python") {
    highlightCode(code, pythonLanguage.parser.parse(code), classHighlighter, put, newline);
  } else {
    code.split("\n").forEach((line, i) => {
      if (i > 0) newline();
      put(line, "");
    });
  }
  // A file that ends with a newline has no last line to show.
  if (code.endsWith("\n") && lines.length > 1 && lines[lines.length - 1]?.length === 0) lines.pop();
  return lines;
}

export function lineElement(pieces: HighlightedLine): HTMLElement {
  const code = document.createElement("code");
  for (const [text, classes] of pieces) {
    if (classes === "") code.append(text);
    else {
      const span = document.createElement("span");
      span.className = classes;
      span.textContent = text;
      code.append(span);
    }
  }
  // An empty line keeps its height.
  if (code.textContent === "") code.append("\u200b");
  return code;
}
