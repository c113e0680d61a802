/** Text for learners: quoted values, capped output, and a readable line diff. */

const SHOWN_OUTPUT = 500;

/** A string as a learner would type it, escapes visible ("Ada\n"), capped. */
export function quote(text: string, max = 300): string {
  const quoted = JSON.stringify(text);
  return quoted.length > max ? `${quoted.slice(0, max - 4)}..."` : quoted;
}

/** The first 500 characters of output, saying so when there was more. */
export function shown(text: string): string {
  return text.length > SHOWN_OUTPUT ? `${text.slice(0, SHOWN_OUTPUT)}\n... (output cut at ${SHOWN_OUTPUT} characters)` : text;
}

/**
 * A line diff (longest common subsequence) of expected and got, lines prefixed with
 * "  ", "- " (expected only) and "+ " (got only). Large inputs fall back to the first
 * differing line, so a flood of output cannot make this slow.
 */
export function lineDiff(expected: string, got: string, maxLines = 40): string {
  const a = expected.split("\n");
  const b = got.split("\n");
  if (a.length * b.length > 250_000) {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return [`first difference on line ${i + 1}:`, `- ${a[i] ?? "(no line)"}`, `+ ${b[i] ?? "(no line)"}`].join("\n");
  }
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || table[i + 1]![j]! >= table[i]![j + 1]!)) {
      lines.push(`- ${a[i]}`);
      i++;
    } else {
      lines.push(`+ ${b[j]}`);
      j++;
    }
  }
  const shownLines = lines.length > maxLines ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`] : lines;
  return shownLines.join("\n");
}
