/**
 * Hurl subset (doc written with the runner).
 */
export { parseHurl } from "./parse.js";
export type * from "./types.js";
