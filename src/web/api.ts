/** The JSON API (docs/api.md), with the session's CSRF token on every state-changing call. */

export interface User { id: string; email: string; name: string; role: "learner" | "mentor" | "admin"; createdAt: string }

export interface TestResult {
  name: string;
  status: "pass" | "fail" | "error" | "skip";
  message?: string;
  output?: string;
  test_code?: string;
  duration_ms?: number;
  stage?: number;
  /** plain-language explanation of a common error or limit (docs/api.md) */
  explanation?: Explanation;
}

export interface Explanation { title: string; text: string; file?: string; line?: number; code?: string }

export interface GradeReport {
  version: 3;
  status: "pass" | "fail" | "error";
  message?: string;
  tests: TestResult[];
  duration_ms?: number;
  limits_hit?: Array<{ limit: string; message: string }>;
  tamper_proof?: boolean;
  failed_stage?: number;
}

export interface Submission {
  id: string;
  itemKind: "exercise" | "project";
  itemId: string;
  status: "queued" | "running" | "pass" | "fail" | "error";
  report: GradeReport | null;
  createdAt: string;
  durationMs: number | null;
  source?: string | null;
  /** The pushed commit this submission graded (`git push`), else null. */
  commitId?: string | null;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrf(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (method !== "GET" && csrfToken !== null) headers["x-csrf-token"] = csrfToken;
  const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } };
  if (!response.ok) {
    const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
    throw new ApiError(response.status, data.error?.code ?? "UNKNOWN", data.error?.message ?? `the server answered ${response.status}`, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  return data as T;
}

/** Answers that mean the request may not have been served (a proxy while the server restarts, a busy server). */
const RETRY_STATUSES = new Set([502, 503, 504]);

/** 128 random bits; crypto.randomUUID exists only on https pages, getRandomValues everywhere. */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A submit that survives a lost answer: one Idempotency-Key per click, sent again with each
 * retry, so the server stores the submission once however often the request arrives.
 */
export async function submitWork<T>(path: string, body: unknown): Promise<T> {
  const key = newIdempotencyKey();
  for (let attempt = 1; ; attempt++) {
    try {
      return await api<T>("POST", path, body, { "idempotency-key": key });
    } catch (error) {
      // fetch rejects with a TypeError when the connection failed: the answer is unknown.
      // A full queue stored nothing and says when to come back: busy-retry.ts waits for it.
      const retryable = error instanceof ApiError ? RETRY_STATUSES.has(error.status) && error.code !== "QUEUE_FULL" : error instanceof TypeError;
      if (!retryable || attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** (attempt - 1)));
    }
  }
}
