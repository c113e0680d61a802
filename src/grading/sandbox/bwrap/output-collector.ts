/**
 * Keeps at most `limit` bytes of one output stream, as bytes (non-UTF-8 and NUL survive),
 * and mirrors what it keeps into a live view. Past the limit it drops the rest and tells
 * its owner once, so that the run can be killed: the host never holds more than the bound.
 */
import { PassThrough } from "node:stream";
import type { Readable } from "node:stream";

export class OutputCollector {
  /** What callers read live; ends when the source ends. Carries only the kept bytes. */
  readonly view = new PassThrough();
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private overflowed = false;
  readonly done: Promise<void>;

  constructor(
    source: Readable,
    private readonly limit: number,
    onOverflow: () => void,
  ) {
    this.done = new Promise<void>((resolve) => {
      source.on("data", (chunk: Buffer) => {
        if (this.overflowed) return;
        const room = this.limit - this.kept;
        const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
        if (part.length > 0) {
          this.chunks.push(part);
          this.kept += part.length;
          this.view.write(part);
        }
        if (chunk.length > room) {
          this.overflowed = true;
          onOverflow();
        }
      });
      const finish = (): void => {
        this.view.end();
        resolve();
      };
      source.once("close", finish);
      source.once("error", () => undefined);
    });
  }

  get truncated(): boolean {
    return this.overflowed;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}
