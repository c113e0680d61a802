/** The JSON API (docs/api.md), with the session's CSRF token on every state-changing call. */

export interface User { id: string; email: string; name: string; role: "learner" | "mentor" | "admin"; createdAt: string }

export interface TestResult {
  name: string;
  status: "pass" | "fail" | "error";
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
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrf(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
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
    throw new ApiError(response.status, data.error?.code ?? "UNKNOWN", data.error?.message ?? `the server answered ${response.status}`);
  }
  return data as T;
}
