/**
 * Sends one HTTP/1.1 request to the app over a connection the sandbox opened for us
 * (SandboxProcess.connect): node:http does the protocol, the sandbox does the reaching.
 * Used by Hurl stages and TypeScript stages alike, so both see the app the same way.
 */
import { request as httpRequest, type ClientRequest } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { HttpRequestSpec, HttpResponseData } from "./hurl/types.js";

export type Connect = () => Promise<Duplex>;

export interface TransportOptions {
  /** How long the app may take to answer one request. */
  timeoutMs: number;
  /** Bodies past this are cut (and marked truncated): a stage never needs more. */
  maxBodyBytes: number;
}

export const DEFAULT_TRANSPORT: TransportOptions = { timeoutMs: 10_000, maxBodyBytes: 4 * 1024 * 1024 };

/** Why a request got no HTTP answer, in words for the learner. */
export class NoAnswerError extends Error {
  override readonly name = "NoAnswerError";
}

export function sendOver(connect: Connect, spec: HttpRequestSpec, options: TransportOptions = DEFAULT_TRANSPORT): Promise<HttpResponseData> {
  const url = new URL(spec.url);
  const headers: Record<string, string> = { ...spec.headers };
  if (!hasHeader(headers, "host")) headers["Host"] = url.host;
  if (spec.body !== undefined && !hasHeader(headers, "content-length")) headers["Content-Length"] = String(spec.body.length);

  return new Promise<HttpResponseData>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, value?: HttpResponseData): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        req.destroy();
        reject(error);
      } else if (value) {
        resolve(value);
      }
    };
    const timer = setTimeout(() => {
      finish(new NoAnswerError(`the app did not answer within ${Math.round(options.timeoutMs / 1000)} s`));
    }, options.timeoutMs);

    const req: ClientRequest = httpRequest({
      method: spec.method,
      path: `${url.pathname}${url.search}`,
      headers,
      // node:http accepts the callback form, so the connection can be opened asynchronously.
      createConnection: ((_opts: unknown, callback: (err: Error | null, socket?: Socket) => void) => {
        connect().then(
          (socket) => callback(null, socket as Socket),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
        return undefined;
      }) as unknown as undefined,
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      const text =
        error.code === "ECONNRESET" || error.message === "socket hang up"
          ? "the app closed the connection without answering"
          : error.code === "ECONNREFUSED"
            ? "nothing is listening on the app's port any more"
            : `the app could not be reached: ${error.message}`;
      finish(new NoAnswerError(text));
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on("data", (chunk: Buffer) => {
        if (size + chunk.length > options.maxBodyBytes) {
          truncated = true;
          chunks.push(chunk.subarray(0, Math.max(0, options.maxBodyBytes - size)));
          size = options.maxBodyBytes;
          res.destroy();
          done();
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      const done = (): void => {
        const list: Array<[string, string]> = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) list.push([res.rawHeaders[i] ?? "", res.rawHeaders[i + 1] ?? ""]);
        finish(undefined, { status: res.statusCode ?? 0, httpVersion: res.httpVersion, headers: list, body: Buffer.concat(chunks), truncated });
      };
      res.on("end", done);
      res.on("error", () => done());
    });
    req.end(spec.body);
  });
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
