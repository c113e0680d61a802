/**
 * The Web Worker behind Run: loads Pyodide once, from roadwork's own /pyodide/<version>/ (no
 * CDN: Run works offline), and runs the learner's code against the README's examples. It
 * runs in a worker so that the page stays responsive, and so that the page can stop an endless
 * loop by terminating the worker (python-runner.ts); it never talks to roadwork's API.
 */
// The Python side of Run, one file that content check also runs under CPython (python/run/driver.py).
import DRIVER from "../../../python/run/driver.py?raw";
import type { FromWorker, RunExamples, RunResult, ToWorker } from "./protocol.js";

/** The slice of Pyodide's API used here (its own types would pull the package into the build). */
interface Pyodide {
  runPython(code: string): unknown;
  globals: { get(name: string): (...args: string[]) => string };
}
type LoadPyodide = (options: { indexURL: string; fullStdLib?: boolean; stdout?: (line: string) => void; stderr?: (line: string) => void }) => Promise<Pyodide>;

const INDEX_URL = `/pyodide/${__PYODIDE_VERSION__}/`;
let loading: Promise<Pyodide> | null = null;

function load(): Promise<Pyodide> {
  loading ??= (async () => {
    // A runtime URL, not a bundled import: the 13 MB stay out of the page's build.
    const module = (await import(/* @vite-ignore */ `${INDEX_URL}pyodide.mjs`)) as { loadPyodide: LoadPyodide };
    // Print goes to the driver's StringIO; anything else Pyodide prints while starting is dropped.
    const py = await module.loadPyodide({ indexURL: INDEX_URL, stdout: () => undefined, stderr: () => undefined });
    py.runPython(DRIVER);
    cutNetwork();
    return py;
  })();
  return loading;
}

/**
 * Python here can reach JavaScript (`import js`), and the worker shares the page's origin and
 * cookies: code pasted from elsewhere could call roadwork's API as the learner. Once Python is
 * loaded nothing here needs the network, so every way to reach it goes, from the worker's
 * global object and its prototypes (an own property alone would leave the prototype's).
 */
const NETWORK = ["fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "importScripts", "Request", "Worker", "SharedWorker", "BroadcastChannel", "indexedDB", "caches"];
function cutNetwork(): void {
  for (let scope: object | null = globalThis; scope !== null; scope = Object.getPrototypeOf(scope) as object | null) {
    for (const name of NETWORK) if (Object.prototype.hasOwnProperty.call(scope, name)) Reflect.deleteProperty(scope, name);
  }
}

function run(py: Pyodide, source: string, examples: RunExamples): RunResult {
  return JSON.parse(py.globals.get("_rw_run")(source, JSON.stringify(examples))) as RunResult;
}

const post = (message: FromWorker): void => postMessage(message);

addEventListener("message", (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "ping") return post({ type: "pong", id: message.id });
  if (message.type === "load") {
    const started = performance.now();
    load().then(
      () => post({ type: "ready", ms: performance.now() - started }),
      (error: unknown) => post({ type: "load-failed", message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  load().then((py) => {
    const started = performance.now();
    const result = run(py, message.source, message.examples);
    post({ type: "result", id: message.id, ms: performance.now() - started, result });
  }).catch((error: unknown) => post({ type: "run-failed", id: message.id, message: error instanceof Error ? error.message : String(error) }));
});
