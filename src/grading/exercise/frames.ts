/**
 * Length-prefixed frames, the wire format of the harness protocol (python/harness/wire.py):
 * 4 bytes big-endian length, then UTF-8 JSON. Node marks the frames it writes itself with the
 * top bit of the length, so a frame relayed from the solution can never pass for one of Node's.
 */
import type { Duplex } from "node:stream";

export const CONTROL_BIT = 0x80000000;

export function encodeFrame(value: unknown, control = false): Buffer {
  const body = Buffer.from(JSON.stringify(value), "utf8");
  return frameOf(body, control);
}

export function frameOf(body: Buffer, control = false): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE((body.length | (control ? CONTROL_BIT : 0)) >>> 0);
  return Buffer.concat([head, body]);
}

export interface FrameHandlers {
  frame(body: Buffer, control: boolean): void;
  /** A frame longer than the limit was announced; nothing more is read. */
  tooLarge(size: number): void;
}

/** Reads frames from a stream, refusing any frame larger than `limit` bytes. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private stopped = false;

  constructor(
    private readonly limit: number,
    private readonly handlers: FrameHandlers,
  ) {}

  attach(stream: Duplex): void {
    stream.on("data", (chunk: Buffer) => this.push(chunk));
  }

  stop(): void {
    this.stopped = true;
    this.chunks = [];
  }

  push(chunk: Buffer): void {
    if (this.stopped) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < 4) return;
      const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      this.chunks = [data];
      const word = data.readUInt32BE(0);
      const control = (word & CONTROL_BIT) !== 0;
      const size = word & ~CONTROL_BIT;
      if (size > this.limit) {
        this.stop();
        this.handlers.tooLarge(size);
        return;
      }
      if (data.length < 4 + size) return;
      const body = data.subarray(4, 4 + size);
      const rest = data.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
      this.handlers.frame(body, control);
      if (this.stopped) return;
    }
  }
}
