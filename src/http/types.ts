/** One HTTP exchange as the transport (transport.ts) sends it and brings it back; Hurl runs and TypeScript stages both speak it. */
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What the runner asks the transport to send. The URL is absolute (http://host/path?query). */
export interface HttpRequestSpec {
  method: HttpMethod;
  url: string;
  /** Header names as written; one value per name. */
  headers: Record<string, string>;
  body?: Buffer;
  /**
   * Sends the headers and the first half of the body, then the rest once this resolves: a
   * request kept in flight on purpose (a slow upload while the app is told to stop).
   */
  holdBody?: Promise<void>;
  /**
   * Called when the app answers `100 Continue` before its response (to a request that sent
   * `Expect: 100-continue`): the server has read the headers and waits for the body.
   */
  onContinue?: () => void;
}

/** What the transport brings back. */
export interface HttpResponseData {
  status: number;
  /** "1.0", "1.1", "2"... when the transport knows it. */
  httpVersion?: string;
  /** Every header line in order, names as received; repeated names (Set-Cookie) kept apart. */
  headers: Array<[string, string]>;
  /** The body, at most the transport's cap. */
  body: Buffer;
  /** True when the body was longer than the cap and was cut. */
  truncated?: boolean;
}

export type SendFunction = (request: HttpRequestSpec) => Promise<HttpResponseData>;
