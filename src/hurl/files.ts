/**
 * The files a Hurl file refers to (multipart `file,` fields and `file,` bodies) are read
 * only when an entry runs. Content checks call this to find a missing one up front.
 */
import { accessSync, constants } from "node:fs";
import { RoadworkError } from "../errors.js";
import type { HurlBody, HurlFile } from "./types.js";

export function referencedFiles(file: HurlFile): Array<{ filename: string; path: string; line: number }> {
  const out: Array<{ filename: string; path: string; line: number }> = [];
  const body = (b: HurlBody | undefined): void => {
    if (b?.kind === "file") out.push({ filename: b.filename, path: b.path, line: b.line });
  };
  for (const entry of file.entries) {
    for (const param of entry.request.multipart) if (param.kind === "file") out.push({ filename: param.filename, path: param.path, line: param.line });
    body(entry.request.body);
    body(entry.response?.body);
  }
  return out;
}

/** Throws CONTENT_INVALID (with file and line) for the first referenced file that cannot be read. */
export function assertHurlFilesReadable(file: HurlFile): void {
  for (const ref of referencedFiles(file)) {
    try {
      accessSync(ref.path, constants.R_OK);
    } catch {
      throw new RoadworkError("CONTENT_INVALID", `${ref.filename} does not exist next to the Hurl file`, { file: file.file, line: ref.line });
    }
  }
}
