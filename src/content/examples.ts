/**
 * The visible examples of an exercise, read from its README: what the learner already sees,
 * so the browser's Run button can try them (never the hidden tests of tests.py or cases.yaml).
 *
 * - function exercises: each fenced block holding `>>>` lines is a doctest session, run as
 *   Python's doctest runs it (the browser runs `doctest` itself, so the semantics are its own).
 * - program exercises: each `$ python3 solution.py ARGS` line of a fenced block, with standard
 *   input from a `printf '...' |` or `echo ... |` before it; the lines after it, up to a blank
 *   line or the next `$`, are what the README shows it printing (` <- on standard error`
 *   notes dropped), and `$ echo $?` with a number after it, or "exit code N" in a note, its
 *   exit code. A line the reader cannot take apart (a redirection, a pipe of another command)
 *   is left out rather than guessed.
 */

export interface ProgramExample {
  /** The line as the README shows it, without the `$ `. */
  command: string;
  args: string[];
  stdin: string;
  /** What the README shows it printing, standard output and standard error together. */
  output: string;
  exitCode: number | null;
}

export type RunExamples = { kind: "function"; doctests: string[] } | { kind: "program"; examples: ProgramExample[] };

/** The fenced code blocks of a Markdown text, each as its lines. */
export function fencedBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) {
      if (current === null) current = [];
      else {
        blocks.push(current);
        current = null;
      }
    } else current?.push(line);
  }
  return blocks;
}

/** function exercises: the README's doctest sessions, one string per block. */
export function doctestBlocks(readme: string): string[] {
  return fencedBlocks(readme).filter((lines) => lines.some((line) => line.startsWith(">>> "))).map((lines) => `${lines.join("\n")}\n`);
}

const RUN = /^(?:(printf|echo)\s+(.*?)\s*\|\s*)?python3\s+solution\.py(.*)$/;

/** program exercises: the README's example runs. */
export function programExamples(readme: string): ProgramExample[] {
  const examples: ProgramExample[] = [];
  for (const lines of fencedBlocks(readme)) {
    for (let i = 0; i < lines.length; i += 1) {
      const command = commandOf(lines[i] ?? "");
      if (command === null) continue;
      const run = parseRun(command);
      const output: string[] = [];
      let exitCode: number | null = null;
      let j = i + 1;
      for (; j < lines.length; j += 1) {
        const line = lines[j] ?? "";
        if (line.trim() === "" || commandOf(line) !== null) break;
        const note = /\s+<-\s*(.*)$/.exec(line);
        const code = note === null ? null : /exit code (\d+)/.exec(note[1] ?? "");
        if (code != null) exitCode = Number(code[1]);
        output.push(note === null ? line : line.slice(0, note.index));
      }
      if (commandOf(lines[j] ?? "") === "echo $?" && /^\d+$/.test((lines[j + 1] ?? "").trim())) {
        exitCode = Number((lines[j + 1] ?? "").trim());
      }
      if (run !== null) examples.push({ command, ...run, output: output.map((line) => `${line.trimEnd()}\n`).join(""), exitCode });
      i = j - 1;
    }
  }
  return examples;
}

/** The visible examples of an exercise of this kind, or null for kinds the browser does not run. */
export function runExamples(kind: string, readme: string): RunExamples | null {
  if (kind === "function") return { kind, doctests: doctestBlocks(readme) };
  if (kind === "program") return { kind, examples: programExamples(readme) };
  return null;
}

function commandOf(line: string): string | null {
  return line.startsWith("$ ") ? line.slice(2).trim() : null;
}

function parseRun(command: string): { args: string[]; stdin: string } | null {
  const match = RUN.exec(command);
  if (match === null) return null;
  const [, feeder, feed = "", rest = ""] = match;
  // A comment after the command explains the example; it is not an argument.
  const args = shellWords(rest.replace(/\s+#.*$/, ""));
  if (args === null || args.some((word) => /^[<>|&;]/.test(word))) return null;
  if (feeder === undefined) return { args, stdin: "" };
  const words = shellWords(feed);
  if (words === null || words.length !== 1) return null;
  const text = words[0] ?? "";
  return { args, stdin: feeder === "echo" ? `${text}\n` : printfText(text) };
}

/** Splits a command line into words the way sh does for quotes (no expansions). */
export function shellWords(text: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? "";
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      const end = closingQuote(text, i);
      if (end < 0) return null;
      const quoted = text.slice(i + 1, end);
      word = (word ?? "") + (c === '"' ? quoted.replace(/\\(["\\$`])/g, "$1") : quoted);
      i = end;
    } else word = (word ?? "") + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/** Where the quote opened at `open` closes: in double quotes, a backslash escapes the quote. */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i += 1) {
    if (quote === '"' && text[i] === "\\") i += 1;
    else if (text[i] === quote) return i;
  }
  return -1;
}

/** printf's format with no arguments: its backslash escapes and %%. */
function printfText(format: string): string {
  const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" };
  return format.replace(/\\(.)|%%/g, (all, c: string | undefined) => (c === undefined ? "%" : escapes[c] ?? all));
}
