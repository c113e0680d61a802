/**
 * The one HTTP transport between the grader and the app, used by Hurl stages and TypeScript
 * stages alike, so both see the app the same way. It reaches the app over a connection the
 * sandbox opens (`connect`, as SandboxProcess.connect offers), a unix socket (`socketPath`),
 * `createConnection`, or plain TCP. A fresh connection per request, so nothing of one test
 * leaks into the next. It never follows redirects (the test sees the 302), gives up after
 * `timeoutMs`, and keeps at most `maxBodyBytes` of a body (the rest is dropped and the
 * response marked truncated) so that an app cannot flood the grader.
 */
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { HttpRequestSpec, HttpResponseData, SendFunction } from "./types.js";

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpSendOptions {
  /** Opens the connection for each request (a stream into the sandbox). */
  connect?: () => Promise<Duplex>;
  /** A unix socket to connect to instead of the URL's host and port. */
  socketPath?: string;
  /** Makes the connection for each request, synchronously. */
  createConnection?: http.RequestOptions["createConnection"];
  /** Whole request, from connecting to the last body byte. Default 10 s. */
  timeoutMs?: number;
  /** Body bytes kept; default 4 MiB. */
  maxBodyBytes?: number;
}

export type NoAnswerCode = "timeout" | "refused" | "reset" | "protocol" | "connection" | "request";

/** Why a request got no complete HTTP answer, in a sentence a learner can act on. */
export class NoAnswerError extends Error {
  override readonly name = "NoAnswerError";
  constructor(
    readonly code: NoAnswerCode,
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
    if (!hasHeader(headers, "host")) headers["Host"] = url.host;
    if (spec.body !== undefined && !hasHeader(headers, "content-length")) headers["Content-Length"] = String(spec.body.length);
    const requestOptions: http.RequestOptions = { method: spec.method, protocol: url.protocol, hostname: url.hostname, path: `${url.pathname}${url.search}`, headers };
    if (url.port !== "") requestOptions.port = Number(url.port);
    if (options.socketPath !== undefined) requestOptions.socketPath = options.socketPath;
    // Node uses createConnection only when no agent is given; otherwise a throwaway agent.
    if (options.connect !== undefined) requestOptions.createConnection = viaConnect(options.connect);
    else if (options.createConnection !== undefined) requestOptions.createConnection = options.createConnection;
    else requestOptions.agent = false;

    let settled = false;
    let answered = false;
    let request: http.ClientRequest | undefined;
    // Settle first: destroying a request mid-body would otherwise surface as "aborted".
    const timer = setTimeout(() => {
      fail(new NoAnswerError("timeout", answered ? `the app did not finish its answer within ${formatSeconds(timeoutMs)}` : `the app did not answer within ${formatSeconds(timeoutMs)}`));
      request?.destroy();
    }, timeoutMs);
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const fail = (error: unknown): void => settle(() => reject(toNoAnswer(error, answered)));

    try {
      request = (url.protocol === "https:" ? https : http).request(requestOptions);
    } catch (error) {
      // Header values Node refuses (a newline from a variable) end up here.
      fail(new NoAnswerError("request", `the request could not be built: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      return;
    }
    request.on("error", fail);
    const onContinue = spec.onContinue;
    if (onContinue !== undefined) request.once("continue", () => void (settled || onContinue()));
    request.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = (): void =>
        settle(() => resolve({ status: response.statusCode ?? 0, httpVersion: response.httpVersion, headers: headerPairs(response.rawHeaders), body: Buffer.concat(chunks), truncated }));
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
      response.on("aborted", () => fail(new NoAnswerError("reset", "the app closed the connection before its answer was complete")));
    });
    if (spec.holdBody === undefined) {
      request.end(spec.body);
      return;
    }
    const body = spec.body ?? Buffer.alloc(0);
    const half = Math.floor(body.length / 2);
    request.write(body.subarray(0, half));
    const held = request;
    spec.holdBody.then(
      () => void (settled || held.end(body.subarray(half))),
      (error: unknown) => fail(error),
    );
  });
}

/** node:http accepts the callback form of createConnection, so the connection can be opened asynchronously. */
function viaConnect(connect: () => Promise<Duplex>): http.RequestOptions["createConnection"] {
  return ((_options: unknown, callback: (error: Error | null, socket?: Socket) => void) => {
    connect().then(
      (socket) => callback(null, socket as Socket),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
    return undefined;
  }) as unknown as http.RequestOptions["createConnection"];
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function headerPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i] ?? "", raw[i + 1] ?? ""]);
  return pairs;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function toNoAnswer(error: unknown, answered: boolean): NoAnswerError {
  if (error instanceof NoAnswerError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED" || code === "ENOENT") return new NoAnswerError("refused", "nothing is listening on the app's port (connection refused)", { cause: error });
  if (code === "ECONNRESET" || code === "EPIPE" || message === "socket hang up" || message === "aborted") {
    return new NoAnswerError("reset", answered ? "the app closed the connection before its answer was complete" : "the app closed the connection without answering", { cause: error });
  }
  if (code.startsWith("HPE_")) return new NoAnswerError("protocol", `the app answered something that is not valid HTTP (${message})`, { cause: error });
  return new NoAnswerError("connection", `the app could not be reached: ${message}`, { cause: error });
}
