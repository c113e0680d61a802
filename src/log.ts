/**
 * The slice of a pino logger that code below the CLI receives. The CLI and the server make
 * the real logger and pass a child of it down; library code never creates one, and tests
 * pass `silentLog` or a recorder. Declaring only this slice keeps pino at the edge.
 */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A logger whose lines carry `bindings` too (pino's child). */
  child(bindings: Record<string, unknown>): Log;
}

const noop = (): void => undefined;

/** Logs nothing: the default where no logger was passed. */
export const silentLog: Log = { debug: noop, info: noop, warn: noop, error: noop, child: () => silentLog };

/** One recorded line, as tests read them. */
export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  msg: string | undefined;
  fields: Record<string, unknown>;
}

/** A Log that keeps every line in `lines`, for tests that assert an error was not swallowed. */
export function recordingLog(bindings: Record<string, unknown> = {}, lines: LogLine[] = []): Log & { lines: LogLine[] } {
  const at =
    (level: LogLine["level"]) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, msg, fields: { ...bindings, ...obj } });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), child: (more) => recordingLog({ ...bindings, ...more }, lines) };
}
