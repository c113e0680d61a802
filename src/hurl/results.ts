/** What running a Hurl file reports, entry by entry. */
import type { HttpMethod, JsonValue } from "./types.js";

/** The request as it went out (after templates, sections and cookies were applied). */
export interface SentRequest {
  method: HttpMethod;
  url: string;
  /** Path and query, as shown to learners: "/tasks?done=1". */
  target: string;
  headers: Record<string, string>;
  /** A one-line excerpt of the body ("" when there is none). */
  bodyExcerpt: string;
}

export interface ReceivedResponse {
  status: number;
  headers: Array<[string, string]>;
  bodyExcerpt: string;
  bodyBytes: number;
  truncated: boolean;
}

export type AssertKind = "version" | "status" | "header" | "capture" | "assert" | "body";

export interface HurlAssertResult {
  kind: AssertKind;
  /** Line of the assert (the HTTP line for version and status) in the Hurl file. */
  line: number;
  /** The check as written: `HTTP 201`, `Content-Type: application/json`, `jsonpath "$.id" == 3`. */
  source: string;
  /** What was expected, in words: `status 201`, `jsonpath "$.title" == "Milk"`. */
  expected: string;
  /** What came back, formatted for a learner: `201`, `"milk"`, `no value`. */
  actual: string;
  pass: boolean;
  /** For failures: the "expected ... / got ..." lines of the learner message. */
  message?: string;
}

export interface HurlCaptureResult {
  name: string;
  line: number;
  value: JsonValue;
}

export interface HurlEntryResult {
  /** 0-based position of the entry in the file. */
  index: number;
  /** Line of the entry's request line. */
  line: number;
  status: "pass" | "fail";
  request: SentRequest;
  /** Absent when no response came back (refused, timed out, cut). */
  response?: ReceivedResponse;
  /** Every check of the entry in order: version, status, headers, captures, asserts, body. */
  asserts: HurlAssertResult[];
  captures: HurlCaptureResult[];
  /** For learners: what was sent, what was expected, what came back. "" when it passed. */
  message: string;
  durationMs: number;
}
