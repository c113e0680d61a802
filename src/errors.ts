/**
 * One error class for the whole code base, with a closed set of codes. Outcomes such as a
 * failed grading are data (a GradeReport), not errors: a RoadworkError means the request
 * itself could not be served (bad input, missing protection, broken infrastructure).
 */
export const ERROR_STATUS = {
  BAD_INPUT: 400,
  CONTENT_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** Others' solutions to an exercise open only after one's own pass. */
  PASS_FIRST: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  /** The server is at a bound it keeps for everyone's sake (password hashes, unpacking at once): try again shortly. */
  BUSY: 503,
  SANDBOX_UNAVAILABLE: 503,
  /** Grading is busy: the queue holds as many submissions as it may (limits.queuedMax); submit again after Retry-After. */
  QUEUE_FULL: 503,
  INFRASTRUCTURE: 500,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class RoadworkError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Where the problem is, for content errors: a file and a 1-based line. */
  readonly file?: string;
  readonly line?: number;
  /** For RATE_LIMITED, BUSY and QUEUE_FULL: when to ask again, sent as Retry-After. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; file?: string; line?: number; retryAfterSeconds?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RoadworkError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = Math.max(1, Math.ceil(options.retryAfterSeconds));
  }

  /** "tracks/x/exercise.yaml:12: message" when a place is known. */
  override toString(): string {
    const where = this.file === undefined ? "" : `${this.file}${this.line === undefined ? "" : `:${this.line}`}: `;
    return `${where}${this.message}`;
  }
}

export function isRoadworkError(value: unknown): value is RoadworkError {
  return value instanceof RoadworkError;
}

/**
 * Codes that describe the job or the content, not the machine: another attempt meets the
 * same problem. Everything else (INFRASTRUCTURE, SANDBOX_UNAVAILABLE, a plain Error from
 * deep inside) is the machine's, and trying again may help.
 */
const NOT_RETRIED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["BAD_INPUT", "CONTENT_INVALID", "NOT_FOUND", "PAYLOAD_TOO_LARGE"]);

/** A fault of the machine (retried by the queue, and by `content check` once), not of the input. */
export function isMachineFault(error: unknown): boolean {
  return !isRoadworkError(error) || !NOT_RETRIED.has(error.code);
}
