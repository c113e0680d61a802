/**
 * Wake-ups: a worker sleeping on an empty queue wakes when a job is enqueued, and a
 * live-results stream wakes when its submission changes. Within one process these are
 * plain events; across processes on PostgreSQL they travel over LISTEN/NOTIFY
 * (./pg-notify.ts). Without either, polling still finds every change, only later.
 */
import { EventEmitter } from "node:events";

/** Event names as they travel between processes: "job" or "submission:<id>". */
export type SignalName = "job" | `submission:${string}`;

const SUBMISSION_PREFIX = "submission:";
/** Not a SignalName: never travels between processes, only fans out here. */
const ANY_SUBMISSION = Symbol("any submission");

/** Carries the signals raised in this process to the others (./pg-notify.ts). */
export interface SignalTransport {
  send(name: SignalName): void;
}

export class Signals {
  private readonly emitter = new EventEmitter();
  private transport: SignalTransport | undefined;

  constructor() {
    // Every open live-results stream listens; there may be many.
    this.emitter.setMaxListeners(0);
  }

  jobReady(): void {
    this.raise("job");
  }

  submissionChanged(submissionId: string): void {
    this.raise(`submission:${submissionId}`);
  }

  /**
   * From now on every signal raised here is also handed to `transport`; the returned
   * function stops that. One transport at a time: a second is a mistake, and throws.
   */
  connect(transport: SignalTransport): () => void {
    if (this.transport !== undefined) throw new Error("these signals already have a transport to other processes");
    this.transport = transport;
    return () => {
      if (this.transport === transport) this.transport = undefined;
    };
  }

  /** A signal that arrived from another process: wake listeners here, do not send it back out. */
  receive(name: SignalName): void {
    this.emit(name);
  }

  /** Calls listener with the id on every submission signal, whichever the submission: one listener can serve every live stream. */
  subscribeSubmissions(listener: (submissionId: string) => void): () => void {
    this.emitter.on(ANY_SUBMISSION, listener);
    return () => this.emitter.off(ANY_SUBMISSION, listener);
  }

  /** Calls listener on every `name` signal until the returned function is called. */
  subscribe(name: SignalName, listener: () => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Resolves on the next jobReady(), or after timeoutMs, or when signal aborts. */
  waitForJob(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wait("job", timeoutMs, signal);
  }

  waitForSubmission(submissionId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wait(`submission:${submissionId}`, timeoutMs, signal);
  }

  private raise(name: SignalName): void {
    this.emit(name);
    this.transport?.send(name);
  }

  private emit(name: SignalName): void {
    this.emitter.emit(name);
    if (name.startsWith(SUBMISSION_PREFIX)) this.emitter.emit(ANY_SUBMISSION, name.slice(SUBMISSION_PREFIX.length));
  }

  private wait(name: SignalName, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        this.emitter.off(name, done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.on(name, done);
      signal?.addEventListener("abort", done);
    });
  }
}
