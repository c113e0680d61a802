/** The messages between the exercise page and the Python worker (python-worker.ts). */

/** `files`: the files the README shows (`$ cat NAME`), written next to the program before it runs. */
export interface ProgramExample { command: string; args: string[]; stdin: string; files: Record<string, string>; output: string; exitCode: number | null }
/** What GET /api/exercises/:id says Run may try: the README's examples. */
export type RunExamples = { kind: "function"; doctests: string[] } | { kind: "program"; examples: ProgramExample[] };

export type ToWorker =
  | { type: "ping"; id: number }
  | { type: "load" }
  | { type: "run"; id: number; source: string; examples: RunExamples };

/** One doctest line of the README: what it ran, what the README shows, what came back. */
/** `block` and `line`: which session, and which line of it (from 0) the example starts on. */
export interface DoctestResult { source: string; want: string; got: string; ok: boolean; block: number; line: number }
/** One example run of a program. */
export interface ProgramResult { example: ProgramExample; stdout: string; stderr: string; exitCode: number; ok: boolean }

export type RunResult =
  | { kind: "function"; error: string | null; examples: DoctestResult[] }
  | { kind: "program"; runs: ProgramResult[] };

export type FromWorker =
  | { type: "pong"; id: number }
  | { type: "ready"; ms: number }
  | { type: "load-failed"; message: string }
  | { type: "result"; id: number; ms: number; result: RunResult }
  | { type: "run-failed"; id: number; message: string };
