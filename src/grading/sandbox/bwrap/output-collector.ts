/**
 * Keeps at most `limit` bytes of one output stream, as bytes (non-UTF-8 and NUL survive),
 * and mirrors what it keeps into a live view. Past the limit it drops the rest and tells
 * its owner once, so that the run can be killed: the host never holds more than the bound.
 * The view exists from spawn(); the process's stream is attached when the process starts.
 */
import { PassThrough } from "node:stream";
import type { Readable } from "node:stream";

export class OutputCollector {
  /** What callers read live; ends when the source ends. Carries only the kept bytes. */
  readonly view = new PassThrough();
  /** Resolves once the source has closed (or the process never started). */
  readonly done: Promise<void>;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private overflowed = false;
  private markDone: () => void = () => undefined;

  constructor(
    private readonly limit: number,
    private readonly onOverflow: () => void,
  ) {
    this.done = new Promise<void>((resolve) => {
      this.markDone = resolve;
    });
  }

  /** Starts collecting from the process's stream. */
  attach(source: Readable): void {
    source.on("data", (chunk: Buffer) => this.take(chunk));
    source.once("close", () => this.end());
    source.once("error", () => undefined);
  }

  /** Ends the view (the process never started, or its stream is gone). */
  end(): void {
    this.view.end();
    this.markDone();
  }

  get truncated(): boolean {
    return this.overflowed;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  private take(chunk: Buffer): void {
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
      this.onOverflow();
    }
  }
}
