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

/**
 * A rejection handler for work that may fail without changing the outcome (a clean-up, a
 * kill, a best-effort query): the error is logged at warn with what was being done and its
 * context (ids, paths), and the caller goes on. `.catch(() => undefined)` is refused by lint.
 */
export function warnOnReject(log: Log, doing: string, context: Record<string, unknown> = {}): (error: unknown) => void {
  return (error) => log.warn({ ...context, err: error }, `${doing} failed`);
}

/**
 * Marks a promise whose rejection is awaited and reported elsewhere (a run's result, read by
 * whoever waits for it), so that a call made only for its effect (a kill) is not taken by
 * Node for an unhandled rejection. Nothing is dropped: the other reader sees the error.
 */
export function observed(promise: Promise<unknown>): void {
  promise.catch(seenElsewhere);
}

function seenElsewhere(): void {
  // The error reaches the promise's other reader (see observed).
}
