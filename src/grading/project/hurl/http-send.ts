/**
 * The default transport for runHurl, on node:http: reaches the app over TCP, over a unix
 * socket (`socketPath`, as the sandbox forwarder offers) or over any stream a
 * `createConnection` returns. It never follows redirects (the test sees the 302), gives up
 * after `timeoutMs`, and keeps at most `maxBodyBytes` of a body (the rest is dropped and the
 * response marked truncated) so that an app cannot flood the grader.
 */
import http from "node:http";
import https from "node:https";
import type { HttpRequestSpec, HttpResponseData, SendFunction } from "./types.js";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpSendOptions {
  /** A unix socket to connect to instead of the URL's host and port. */
  socketPath?: string;
  /** Makes the connection for each request (for example a stream into the sandbox). */
  createConnection?: http.RequestOptions["createConnection"];
  /** Whole request, from connecting to the last body byte. Default 10 s. */
  timeoutMs?: number;
  /** Body bytes kept; default 1 MiB. */
  maxBodyBytes?: number;
}

export type HttpSendErrorCode = "timeout" | "refused" | "reset" | "protocol" | "connection" | "request";

/** Why no response came back, in a sentence a learner can act on. */
export class HttpSendError extends Error {
  override name = "HttpSendError";
  constructor(
    readonly code: HttpSendErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function createHttpSend(options: HttpSendOptions = {}): SendFunction {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (spec) => sendOnce(spec, options, timeoutMs, maxBodyBytes);
}

function sendOnce(spec: HttpRequestSpec, options: HttpSendOptions, timeoutMs: number, maxBodyBytes: number): Promise<HttpResponseData> {
  return new Promise((resolve, reject) => {
    const url = new URL(spec.url);
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === "content-length")) headers["Content-Length"] = String(spec.body.length);
    const requestOptions: http.RequestOptions = {
      method: spec.method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: `${url.pathname}${url.search}`,
      headers,
    };
    if (url.port !== "") requestOptions.port = Number(url.port);
    if (options.socketPath !== undefined) requestOptions.socketPath = options.socketPath;
    // A fresh connection per request, so nothing of one test leaks into the next: either our
    // createConnection (Node uses it only when no agent is given) or a throwaway agent.
    if (options.createConnection !== undefined) requestOptions.createConnection = options.createConnection;
    else requestOptions.agent = false;

    let settled = false;
    let request: http.ClientRequest | undefined;
    // Settle first: destroying a request mid-body would otherwise surface as "aborted".
    const timer = setTimeout(() => {
      fail(new HttpSendError("timeout", `no complete response within ${formatSeconds(timeoutMs)}`));
      request?.destroy();
    }, timeoutMs);
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const fail = (error: unknown): void => settle(() => reject(toSendError(error, timeoutMs)));

    try {
      request = (url.protocol === "https:" ? https : http).request(requestOptions);
    } catch (error) {
      // Header values Node refuses (a newline from a variable) end up here.
      fail(new HttpSendError("request", `the request could not be built: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      return;
    }
    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = (): void =>
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            httpVersion: response.httpVersion,
            headers: headerPairs(response.rawHeaders),
            body: Buffer.concat(chunks),
            truncated,
          }),
        );
      response.on("data", (chunk: Buffer) => {
        if (truncated) return;
        const room = maxBodyBytes - size;
        if (chunk.length <= room) {
          chunks.push(chunk);
          size += chunk.length;
          return;
        }
        chunks.push(chunk.subarray(0, room));
        size += room;
        truncated = true;
        done();
        // The rest is not wanted: close the connection rather than read it.
        response.destroy();
      });
      response.on("end", done);
      response.on("error", fail);
      response.on("aborted", () => fail(new HttpSendError("reset", "the app closed the connection before the response was complete")));
    });
    request.end(spec.body);
  });
}

function headerPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return pairs;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function toSendError(error: unknown, timeoutMs: number): HttpSendError {
  if (error instanceof HttpSendError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED") return new HttpSendError("refused", "connection refused (is the app running and listening?)", { cause: error });
  if (code === "ECONNRESET" || message === "socket hang up" || message === "aborted")
    return new HttpSendError("reset", "the app closed the connection without a complete response", { cause: error });
  if (code === "ETIMEDOUT") return new HttpSendError("timeout", `no complete response within ${formatSeconds(timeoutMs)}`, { cause: error });
  if (code.startsWith("HPE_")) return new HttpSendError("protocol", `the app answered something that is not valid HTTP (${message})`, { cause: error });
  return new HttpSendError("connection", `the connection failed: ${message}`, { cause: error });
}
