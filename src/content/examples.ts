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
 *   is left out rather than guessed. A `$ cat NAME` line shows a file the later runs read:
 *   the lines after it, up to the next `$` line (blank lines kept, trailing ones dropped).
 *
 * Run has Pyodide's Python: the standard library, less a few modules (run-modules.ts). An
 * exercise whose reference needs more (Flask, SQLAlchemy, a support file) gets no Run: it
 * could only fail there, whatever the learner wrote (runExamplesOf).
 */
import { RUN_MODULES } from "./run-modules.js";

export interface ProgramExample {
  /** The line as the README shows it, without the `$ `. */
  command: string;
  /** Where it is in the README, from 1. */
  line: number;
  args: string[];
  stdin: string;
  /** The files the README showed before it (`$ cat NAME`), written next to solution.py. */
  files: Record<string, string>;
  /** What the README shows it printing, standard output and standard error together. */
  output: string;
  exitCode: number | null;
}

/** `doctestLines[i]`: the README line (from 1) of the first line of `doctests[i]`. */
export type RunExamples = { kind: "function"; doctests: string[]; doctestLines: number[] } | { kind: "program"; examples: ProgramExample[] };

/** A fenced code block: its lines, and the README line (from 1) of the first of them. */
export interface FencedBlock { line: number; lines: string[] }

/** The fenced code blocks of a Markdown text. */
export function fencedBlocksAt(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let current: FencedBlock | null = null;
  markdown.split(/\r?\n/).forEach((line, i) => {
    if (/^\s*```/.test(line)) {
      if (current === null) current = { line: i + 2, lines: [] };
      else {
        blocks.push(current);
        current = null;
      }
    } else current?.lines.push(line);
  });
  return blocks;
}

/** The fenced code blocks of a Markdown text, each as its lines. */
export function fencedBlocks(markdown: string): string[][] {
  return fencedBlocksAt(markdown).map((block) => block.lines);
}

function sessions(readme: string): FencedBlock[] {
  return fencedBlocksAt(readme).filter((block) => block.lines.some((line) => line.startsWith(">>> ")));
}

/** function exercises: the README's doctest sessions, one string per block. */
export function doctestBlocks(readme: string): string[] {
  return sessions(readme).map((block) => `${block.lines.join("\n")}\n`);
}

const RUN = /^(?:(printf|echo)\s+(.*?)\s*\|\s*)?python3\s+solution\.py(.*)$/;

/** program exercises: the README's example runs. */
export function programExamples(readme: string): ProgramExample[] {
  const examples: ProgramExample[] = [];
  const files: Record<string, string> = {};
  for (const { line: first, lines } of fencedBlocksAt(readme)) {
    for (let i = 0; i < lines.length; i += 1) {
      const command = commandOf(lines[i] ?? "");
      if (command === null) continue;
      const shown = /^cat\s+([A-Za-z0-9_.-]+)$/.exec(command)?.[1];
      if (shown !== undefined && shown !== "solution.py" && !/^\.\.?$/.test(shown)) {
        i = fileShown(lines, i, shown, files);
        continue;
      }
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
      if (run !== null) examples.push({ command, line: first + i, ...run, files: { ...files }, output: output.map((line) => `${line.trimEnd()}\n`).join(""), exitCode });
      i = j - 1;
    }
  }
  return examples;
}

/** The text after `$ cat NAME` (at `at`) becomes files[NAME]; returns the index of its last line. */
function fileShown(lines: string[], at: number, name: string, files: Record<string, string>): number {
  let end = at + 1;
  while (end < lines.length && commandOf(lines[end] ?? "") === null) end += 1;
  const text = lines.slice(at + 1, end);
  while (text.length > 0 && (text[text.length - 1] ?? "").trim() === "") text.pop();
  files[name] = text.map((line) => `${line}\n`).join("");
  return end - 1;
}

/** The visible examples of an exercise of this kind, or null for kinds the browser does not run. */
export function runExamples(kind: string, readme: string): RunExamples | null {
  if (kind === "function") return { kind, doctests: doctestBlocks(readme), doctestLines: sessions(readme).map((block) => block.line) };
  if (kind === "program") return { kind, examples: programExamples(readme) };
  return null;
}

/**
 * What Run offers for this exercise: its README's examples, or null when the browser cannot
 * run it (a kind it does not run, or a reference that needs what Run's Python lacks).
 */
export function runExamplesOf(exercise: { config: { kind: string }; readme: string; solution: string }): RunExamples | null {
  if (missingInRun(exercise.solution).length > 0) return null;
  return runExamples(exercise.config.kind, exercise.readme);
}

/**
 * Functions of the standard library that Pyodide builds without (they need OpenSSL): a
 * reference that calls one cannot run in the browser either.
 */
const RUN_LACKS = ["hashlib.pbkdf2_hmac", "hashlib.scrypt"];

/** What this code imports or calls that Run's Python does not have, by name ("flask", "hashlib.pbkdf2_hmac"). */
export function missingInRun(source: string): string[] {
  const missing = new Set<string>();
  for (const match of source.matchAll(/^[ \t]*(?:import[ \t]+([\w., \t]+?)|from[ \t]+([\w.]+)[ \t]+import\b.*?)[ \t]*(?:#.*)?$/gm)) {
    const names = match[1] === undefined ? [match[2] ?? ""] : match[1].split(",").map((part) => part.trim().split(/\s+/)[0] ?? "");
    for (const name of names) {
      const top = name.split(".")[0] ?? "";
      if (top !== "" && !RUN_MODULES.has(top)) missing.add(top);
    }
  }
  for (const call of RUN_LACKS) if (new RegExp(`\\b${call.split(".")[1] ?? ""}\\b`).test(source)) missing.add(call);
  return [...missing];
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
