/**
 * The submit request of `roadwork submit`, sent again when its answer is lost (the
 * connection broke, a proxy answered while the server restarted, the server was busy) with
 * the same Idempotency-Key, so that the server stores the submission once.
 */
import { randomUUID } from "node:crypto";

/** Answers that mean the request may not have been served. */
const RETRY_STATUSES = new Set([502, 503, 504]);

export interface SendOptions {
  attempts?: number;
  /** Wait before the first retry, doubled after each (a Retry-After answer overrides it). */
  delayMs?: number;
  key?: string;
}

export async function sendSubmit(url: URL, init: RequestInit & { headers: Record<string, string> }, options: SendOptions = {}): Promise<Response> {
  const key = options.key ?? randomUUID();
  const attempts = options.attempts ?? 4;
  let delay = options.delayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined;
    try {
      response = await fetch(url, { ...init, headers: { ...init.headers, "idempotency-key": key } });
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    if (response !== undefined && (!RETRY_STATUSES.has(response.status) || attempt >= attempts)) return response;
    await response?.body?.cancel();
    const retryAfter = Number(response?.headers.get("retry-after"));
    await new Promise((resolve) => setTimeout(resolve, retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : delay));
    delay *= 2;
  }
}
