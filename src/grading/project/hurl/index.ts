/**
 * Hurl subset (doc written with the runner).
 */
export { parseHurl } from "./parse.js";
export { runHurl, type RunHurlOptions } from "./run.js";
export type * from "./results.js";
export type * from "./types.js";
export { createHttpSend, HttpSendError, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, type HttpSendOptions, type HttpSendErrorCode } from "./http-send.js";
