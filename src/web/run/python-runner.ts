/**
 * The page's side of Run: starts the Python worker on the first Run (Pyodide is 13 MB, so a
 * page that never runs never loads it), reports how long Python took to load, and stops a run
 * that goes past its time limit by terminating the worker: an endless loop cannot hang the tab.
 * A stop loads a fresh worker at once, ready for the next Run (the files come from the cache).
 */
import type { FromWorker, RunExamples, RunResult, ToWorker } from "./protocol.js";

/** How long one Run may take once Python is loaded. */
export const RUN_LIMIT_S = 5;
/** Loading is bounded too: a network that never answers must not leave Run spinning. */
const LOAD_LIMIT_S = 120;

export type RunOutcome =
  | { type: "done"; result: RunResult; ms: number; loadedMs: number | null }
  | { type: "stopped"; afterS: number; loadedMs: number | null }
  | { type: "failed"; message: string };

export class PythonRunner {
  private worker: Worker | null = null;
  private ready: Promise<number> | null = null;
  private nextId = 1;
  /** Whether the load time of the current worker was shown yet: it is shown once, with the first result. */
  private loadShown = false;

  /** Starts loading Python (once); resolves with the load time in ms. */
  load(): Promise<number> {
    if (this.ready !== null) return this.ready;
    const worker = new Worker(new URL("./python-worker.ts", import.meta.url), { type: "module", name: "python" });
    this.worker = worker;
    this.loadShown = false;
    const started = performance.now();
    this.ready = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Python did not load within ${LOAD_LIMIT_S} s. Check your connection and press Run again.`)), LOAD_LIMIT_S * 1000);
      worker.addEventListener("message", function onReady(event: MessageEvent<FromWorker>) {
        if (event.data.type !== "ready" && event.data.type !== "load-failed") return;
        clearTimeout(timer);
        worker.removeEventListener("message", onReady);
        if (event.data.type === "ready") resolve(performance.now() - started);
        else reject(new Error(`Python could not be loaded: ${event.data.message}`));
      });
      worker.addEventListener("error", (event) => {
        clearTimeout(timer);
        reject(new Error(`Python could not be loaded: ${event.message || "the worker failed to start"}`));
      });
    });
    // A failed load starts from scratch next time (unless a newer worker has taken its place).
    this.ready.catch(() => {
      if (this.worker === worker) this.stop();
    });
    this.send({ type: "load" });
    return this.ready;
  }

  /** Runs the code against the examples; a run over RUN_LIMIT_S is stopped, never awaited. */
  async run(source: string, examples: RunExamples): Promise<RunOutcome> {
    let loadedMs: number;
    try {
      loadedMs = await this.load();
    } catch (error) {
      return { type: "failed", message: error instanceof Error ? error.message : String(error) };
    }
    const worker = this.worker;
    if (worker === null) return { type: "failed", message: "Python stopped while loading. Press Run again." };
    const id = this.nextId++;
    const shownMs = this.loadShown ? null : loadedMs;
    this.loadShown = true;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        worker.removeEventListener("message", onMessage);
        this.stop();
        // Load a fresh Python now, while the learner reads the message and fixes the loop.
        // A failed preload starts again at the next Run, which shows the learner why.
        this.load().catch((error: unknown) => console.warn("preloading Python failed; the next Run tries again", error));
        resolve({ type: "stopped", afterS: RUN_LIMIT_S, loadedMs: shownMs });
      }, RUN_LIMIT_S * 1000);
      const onMessage = (event: MessageEvent<FromWorker>): void => {
        const data = event.data;
        if ((data.type !== "result" && data.type !== "run-failed") || data.id !== id) return;
        clearTimeout(timer);
        worker.removeEventListener("message", onMessage);
        resolve(data.type === "result" ? { type: "done", result: data.result, ms: data.ms, loadedMs: shownMs } : { type: "failed", message: data.message });
      };
      worker.addEventListener("message", onMessage);
      this.send({ type: "run", id, source, examples });
    });
  }

  /** Ends the worker; the next run loads Python again. */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }
}
