/**
 * Reads a file the host opened itself (no-follow, checked with fstat) to the end, through
 * that descriptor: reopening it by path could follow a link the sandbox swapped in.
 */
import { readSync } from "node:fs";

export function readOpenFile(fd: number, size: number): Buffer {
  const data = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, data, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return data.subarray(0, read);
}
