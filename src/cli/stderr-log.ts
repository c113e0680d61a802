/**
 * The Log a command-line tool passes down: warnings and errors as one plain line each on
 * standard error ("warning: the sandbox spawner ended (SIGKILL) (run=..., err=...)"), what
 * was being done first and its context after; debug and info are left out. The server logs
 * JSON lines with pino; a person at a terminal reads these.
 */
import type { Log } from "../log.js";
import { terminalText } from "./terminal-text.js";

export function stderrLog(bindings: Record<string, unknown> = {}, write: (line: string) => void = (line) => void process.stderr.write(line)): Log {
  const at =
    (label: string) =>
    (obj: object, msg?: string): void => {
      const context = Object.entries({ ...bindings, ...obj })
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${describe(value)}`);
      write(`${terminalText(`${label}: ${msg ?? ""}${context.length > 0 ? ` (${context.join(", ")})` : ""}`)}\n`);
    };
  const quiet = (): void => undefined;
  return { debug: quiet, info: quiet, warn: at("warning"), error: at("error"), child: (more) => stderrLog({ ...bindings, ...more }, write) };
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}
