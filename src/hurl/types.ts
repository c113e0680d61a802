/**
 * The parsed form of a Hurl file (the subset roadwork accepts, see index.ts); the transport
 * contract the runner sends requests through is ../http/types.ts, re-exported here. Every
 * node keeps its 1-based line so that content errors and failed asserts point at the file.
 */
import type { HurlFloat } from "./number.js";
import type { HttpMethod } from "../http/types.js";

/**
 * A JSON value: what queries return, captures hold and predicates compare. Numbers keep
 * Hurl's kinds (see json.ts): an integer past 2^53 is a bigint, a whole float a HurlFloat.
 */
export type JsonValue = null | boolean | number | bigint | HurlFloat | string | JsonValue[] | { [key: string]: JsonValue };

/** One piece of a string that may contain `{{variable}}` placeholders. */
export type TemplatePart =
  | { kind: "text"; text: string }
  /**
   * `inJsonString`: the placeholder sits inside a string literal of a JSON body, so its
   * value is inserted JSON-escaped (a quote in a captured title must not break the body).
   */
  | { kind: "var"; name: string; inJsonString?: boolean };

export interface Template {
  parts: TemplatePart[];
  /** The text as written in the file, for messages. */
  source: string;
}

export interface KeyValue {
  key: Template;
  value: Template;
  line: number;
}

export type MultipartParam =
  | { kind: "text"; name: Template; value: Template; line: number }
  | {
      kind: "file";
      name: Template;
      /** As written in the file, relative to the Hurl file's folder. */
      filename: string;
      /** Absolute path, resolved against the Hurl file's folder. */
      path: string;
      /** Given after the `;`, or inferred from the extension when absent. */
      contentType: string;
      line: number;
    };

export type HurlBody =
  /** A JSON object or array written directly in the file. */
  | { kind: "json"; text: Template; line: number }
  /** A ``` multiline or `oneline` string; `lang` is the hint after the opening fence. */
  | { kind: "text"; text: Template; lang?: "json" | "xml"; line: number }
  /** base64,...; or hex,...; */
  | { kind: "bytes"; data: Buffer; encoding: "base64" | "hex"; line: number }
  /** file,name; relative to the Hurl file's folder. */
  | { kind: "file"; filename: string; path: string; line: number };

// The HTTP exchange a Hurl run sends and reads: the transport's types (src/http), not Hurl's.
export { HTTP_METHODS, type HttpMethod, type HttpRequestSpec, type HttpResponseData, type SendFunction } from "../http/types.js";

export interface HurlRequest {
  method: HttpMethod;
  url: Template;
  line: number;
  headers: KeyValue[];
  query: KeyValue[];
  form: KeyValue[];
  multipart: MultipartParam[];
  cookies: KeyValue[];
  basicAuth?: { user: Template; password: Template; line: number };
  body?: HurlBody;
}

/** A regex written as "string" (with Hurl escapes and templates) or as a /literal/. */
export type RegexSource = { kind: "literal"; source: string } | { kind: "string"; template: Template };

export type HurlQuery =
  | { kind: "status" }
  | { kind: "header"; name: Template }
  | { kind: "body" }
  | { kind: "jsonpath"; path: Template }
  | { kind: "cookie"; name: Template }
  | { kind: "regex"; pattern: RegexSource }
  | { kind: "xpath"; expression: Template };

export interface HurlFilter {
  kind: "count";
}

export const PREDICATE_NAMES = [
  "==",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "contains",
  "includes",
  "startsWith",
  "endsWith",
  "matches",
  "exists",
  "isString",
  "isInteger",
  "isFloat",
  "isBoolean",
  "isList",
  "isCollection",
  "isEmpty",
] as const;
export type PredicateName = (typeof PREDICATE_NAMES)[number];

export type PredicateValue =
  | { kind: "string"; template: Template }
  | { kind: "number"; value: number; source: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  /** `{{name}}` alone: compared with the variable's typed value. */
  | { kind: "variable"; name: string }
  | { kind: "regex"; source: string };

export interface HurlPredicate {
  not: boolean;
  name: PredicateName;
  value?: PredicateValue;
}

export interface HurlAssert {
  query: HurlQuery;
  filters: HurlFilter[];
  predicate: HurlPredicate;
  line: number;
  /** The assert as written (comment removed), e.g. `jsonpath "$.id" == 3`. */
  source: string;
}

export interface HurlCapture {
  name: string;
  query: HurlQuery;
  filters: HurlFilter[];
  line: number;
  source: string;
}

export type HttpVersionSpec = "HTTP" | "HTTP/1.0" | "HTTP/1.1" | "HTTP/2" | "HTTP/3";

export interface HurlResponse {
  line: number;
  version: HttpVersionSpec;
  /** "*" accepts any status. */
  status: number | "*";
  headers: KeyValue[];
  captures: HurlCapture[];
  asserts: HurlAssert[];
  body?: HurlBody;
}

export interface HurlEntry {
  /** 0-based position in the file. */
  index: number;
  line: number;
  /** The comment just above the request line, as one sentence: what the entry checks, for learners. */
  title?: string;
  /** The entry's own lines (request, response, asserts), without the comments of the next one. */
  source: string;
  request: HurlRequest;
  response?: HurlResponse;
}

export interface HurlFile {
  /** The path the file was parsed from (used in messages and to resolve file, entries). */
  file: string;
  entries: HurlEntry[];
  /** Every {{variable}} the file uses. */
  variables: string[];
}
