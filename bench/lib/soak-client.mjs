// HTTP client helpers for bench/soak.mjs: learners with their own (forwarded) client
// address, submits that honour 429/503 + Retry-After, and waiting for a final verdict over
// the live-results stream.
import { randomBytes } from "node:crypto";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FINAL = new Set(["pass", "fail", "error"]);

/** A learner: signs up from its own address (the server runs with --trust-proxy). */
export async function signUp(base, label, address) {
  for (;;) {
    const response = await fetch(new URL("api/auth/signup", base), {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ email: `${label}-${randomBytes(4).toString("hex")}@example.org`, name: label, password: "soak password 1" }),
    });
    // The password-hash gate answers 503 BUSY when many sign up at once: wait as told.
    if (response.status === 503 || response.status === 429) {
      await response.arrayBuffer();
      await sleep(retryAfterMs(response, 1000));
      continue;
    }
    if (response.status !== 201) throw new Error(`sign up of ${label} answered ${response.status}: ${await response.text()}`);
    const { csrfToken } = await response.json();
    const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    return { label, address, cookie, headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json", "x-forwarded-for": address } };
  }
}

export function retryAfterMs(response, fallback) {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : fallback;
}

/** One POST of a submission; resolves with the status, body and Retry-After, never retries. */
export async function postSubmission(base, learner, exercise, source, extraHeaders = {}) {
  const response = await fetch(new URL(`api/exercises/${exercise}/submissions`, base), {
    method: "POST",
    headers: { ...learner.headers, ...extraHeaders },
    body: JSON.stringify({ source }),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body, retryAfter: response.headers.get("retry-after"), replayed: response.headers.get("idempotent-replayed") === "true" };
}

/**
 * Submits until accepted, waiting Retry-After on 429 and 503 (what a well-behaved client
 * does); `refusals` counts each refusal by status and code. Resolves with the accepted id.
 */
export async function submitUntilAccepted(base, learner, exercise, source, refusals, stopAt) {
  for (;;) {
    const answer = await postSubmission(base, learner, exercise, source);
    if (answer.status === 202) return answer.body.id;
    const key = `${answer.status} ${answer.body.error?.code ?? answer.body.code ?? ""}`.trim();
    if (answer.status !== 429 && answer.status !== 503) throw new Error(`submit of ${exercise} answered ${key}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    refusals.set(key, (refusals.get(key) ?? 0) + 1);
    if (answer.retryAfter === null) refusals.set(`${key} without Retry-After`, (refusals.get(`${key} without Retry-After`) ?? 0) + 1);
    if (Date.now() > stopAt) return undefined;
    await sleep(retryAfterMs({ headers: { get: () => answer.retryAfter } }, 2000));
  }
}

/** The final status of a submission: the live-results stream until `done`, then a GET as the truth. */
export async function finalVerdict(base, learner, id, deadline) {
  const remaining = () => Math.max(1, deadline - Date.now());
  try {
    const events = await fetch(new URL(`api/submissions/${id}/events`, base), { headers: { cookie: learner.cookie, accept: "text/event-stream", "x-forwarded-for": learner.address }, signal: AbortSignal.timeout(remaining()) });
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of events.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const done = /event: done\ndata: (.*)\n/.exec(buffer);
      if (done) {
        await events.body.cancel().catch(() => undefined);
        return JSON.parse(done[1]).status;
      }
    }
  } catch {
    // A dropped or timed-out stream: fall back to polling below.
  }
  while (Date.now() < deadline) {
    const response = await fetch(new URL(`api/submissions/${id}`, base), { headers: { cookie: learner.cookie, "x-forwarded-for": learner.address } }).catch(() => undefined);
    if (response?.status === 200) {
      const { status } = await response.json();
      if (FINAL.has(status)) return status;
    }
    await sleep(500);
  }
  return undefined;
}

export const percentile = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

/** Least-squares slope of y over x. */
export function slope(points) {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
