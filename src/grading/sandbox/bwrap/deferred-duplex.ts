/**
 * A Duplex handed out before the stream it stands for exists: a run's stdin and channels
 * are given to the caller at spawn(), while the process starts a moment later (after its
 * tmpfs is mounted). Writes made before are queued; reads flow once attached, with
 * backpressure passed through.
 */
import { Duplex, type DuplexOptions } from "node:stream";

type PendingWrite = { chunk: Buffer; callback: (error?: Error | null) => void };

export class DeferredDuplex extends Duplex {
  private target: Duplex | undefined;
  private readonly pending: PendingWrite[] = [];
  private pendingFinal: ((error?: Error | null) => void) | undefined;
  /** Called once, at the first write or end (the run starts watching its counters then). */
  onFirstInput: (() => void) | undefined;

  /** `allowHalfOpen: false`: the stream's end ends our side too, as a pipe's would (spawner.ts). */
  constructor(options?: Pick<DuplexOptions, "allowHalfOpen">) {
    super(options);
  }

  private noteInput(): void {
    const first = this.onFirstInput;
    this.onFirstInput = undefined;
    first?.();
  }

  attach(target: Duplex): void {
    if (this.destroyed) {
      target.destroy();
      return;
    }
    this.target = target;
    target.on("data", (chunk: Buffer) => {
      if (!this.push(chunk)) target.pause();
    });
    target.once("end", () => this.push(null));
    target.once("error", (error) => this.destroy(error));
    target.once("close", () => {
      if (!this.readableEnded) this.push(null);
    });
    for (const { chunk, callback } of this.pending.splice(0)) target.write(chunk, callback);
    if (this.pendingFinal !== undefined) {
      const callback = this.pendingFinal;
      this.pendingFinal = undefined;
      target.end(() => callback());
    }
  }

  /** The stream will never come (the run failed to start). */
  abandon(): void {
    for (const { callback } of this.pending.splice(0)) callback();
    this.pendingFinal?.();
    this.pendingFinal = undefined;
    this.push(null);
  }

  override _read(): void {
    this.target?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.noteInput();
    if (this.target === undefined) this.pending.push({ chunk, callback });
    else this.target.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.noteInput();
    if (this.target === undefined) this.pendingFinal = callback;
    else this.target.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.target?.destroy();
    callback(error);
  }
}
