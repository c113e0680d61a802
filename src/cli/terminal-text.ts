/**
 * Text from a submission (its output, its app's log, test names and messages built from what
 * it sent, file names) made safe to print on a terminal: escape sequences could clear the
 * screen, move the cursor over the real verdict and print a forged "PASS" line. Every
 * human-format printer passes such text through terminalText(); `--json` output is left
 * exact (JSON escapes control characters itself).
 *
 * Newlines stay (they are the text's structure, and each line is printed indented under its
 * heading) and so do tabs. Escaped, as \xHH or \u{HHHH}: every other C0 control (ESC, CR,
 * backspace, ...), DEL, the C1 controls (U+0080-U+009F, which some terminals read as CSI),
 * the bidirectional marks, embeddings, overrides and isolates (which reorder what the eye
 * reads), and the Unicode line and paragraph separators.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function terminalText(text: string): string {
  return text.replace(UNSAFE, escape);
}

function escape(char: string): string {
  const code = char.charCodeAt(0);
  if (char === "\r") return "\\r";
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}
