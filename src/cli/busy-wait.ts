/**
 * `roadwork submit` when grading is busy: the server answers 503 QUEUE_FULL with
 * Retry-After before it stores anything, so the same request is sent again after the wait,
 * saying so, instead of failing the learner's command.
 */

export interface BusyWaitOptions {
  /** Prints one line about the wait. */
  say(line: string): void;
  sleep(ms: number): Promise<void>;
  /** Sends at most this many times (default 30). */
  maxAttempts?: number;
}

const DEFAULT_WAIT_SECONDS = 5;
/** Never wait longer than this at once, whatever a server says. */
const MAX_WAIT_SECONDS = 120;

async function queueFullWait(response: Response): Promise<number | undefined> {
  if (response.status !== 503) return undefined;
  const body = (await response.clone().json().catch(() => ({}))) as { error?: { code?: string } };
  if (body.error?.code !== "QUEUE_FULL") return undefined;
  const header = Number(response.headers.get("retry-after"));
  return Math.min(MAX_WAIT_SECONDS, Number.isFinite(header) && header > 0 ? Math.ceil(header) : DEFAULT_WAIT_SECONDS);
}

/** Sends until the answer is anything but QUEUE_FULL (or the attempts run out); returns that answer. */
export async function sendWhenNotBusy(send: () => Promise<Response>, options: BusyWaitOptions): Promise<Response> {
  const maxAttempts = options.maxAttempts ?? 30;
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    const wait = await queueFullWait(response);
    if (wait === undefined || attempt >= maxAttempts) return response;
    options.say(`grading is busy on the server; your work is not lost: trying again in ${wait} s (attempt ${attempt + 1} of ${maxAttempts})`);
    await options.sleep(wait * 1000);
  }
}
