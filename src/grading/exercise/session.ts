/**
 * One tamper-proof grading of a function exercise: Node relays frames between the trusted
 * harness (tests.py) and the sandboxed solution process, bounds every message, and decides
 * the verdict from the harness's per-test results alone. Nothing the solution sends is ever
 * read as a result: it is only relayed, as the reply to a request the harness made.
 */
import { observed } from "../../log.js";
import type { GradeReport, LimitHit, TestResult } from "../report.js";
import type { SandboxLimits, SandboxResult } from "../sandbox/types.js";
import { FrameReader, encodeFrame, frameOf } from "./frames.js";
import { formatMiB } from "./limits.js";
import { testResult, verdict, type CollectedTest, type HarnessFrame } from "./harness-verdict.js";
import { harnessTestTimeoutMs, type FunctionProcesses } from "./spawn.js";
import { ownCpuWaitMs, startWallClock } from "../sandbox/wall-clock.js";

/** Both processes of one grading, already started (cold) or waiting (warm). */
export type { FunctionProcesses } from "./spawn.js";

export interface SessionOptions {
  limits: SandboxLimits;
  /** Largest frame the solution may send, in bytes (limit "message-size"). */
  messageLimit: number;
  signal?: AbortSignal;
  onTest?: (test: TestResult) => void;
  /** The exercise's support files (name -> text): each process writes its own copy beside its file. */
  support?: Readonly<Record<string, string>>;
  /** exercise.yaml's unchanged_arguments: a call that changes an argument it was given fails its test. */
  unchangedArguments?: boolean;
}

const HARNESS_FRAME_LIMIT = 16 * 1024 * 1024;

/** Said of a limit reached before the tests could use the solution (the learner's own doing). */
const WHILE_IMPORTING = "solution.py was still being imported, before any test ran";

export async function runFunctionSession(tests: string, source: string, procs: FunctionProcesses, opts: SessionOptions): Promise<GradeReport> {
  const started = performance.now();
  const { solution, harness } = procs;
  const solutionChannel = solution.channels[0];
  const harnessChannel = harness.channels[0];
  if (solutionChannel === undefined || harnessChannel === undefined) throw new Error("both processes need channel fd 3");

  const limitsHit: LimitHit[] = [];
  const addLimit = (hit: LimitHit): void => {
    if (!limitsHit.some((h) => h.limit === hit.limit)) limitsHit.push(hit);
  };

  let collected: CollectedTest[] | undefined;
  const results: TestResult[] = [];
  let current: string | undefined;
  let problem: string | undefined; // a reason the verdict cannot be pass, beyond the tests
  let contentError: string | undefined;
  let loadFailure: string | undefined;
  let done = false;

  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  // Relay state. `owed` counts replies the solution owes (the load, then each request).
  let owed = 1;
  let loadReply: Buffer | undefined;
  let harnessWaiting = false;
  let loadAnswered = false;
  let gone: string | undefined;

  const toHarness = (frame: Buffer): void => {
    if (!harnessChannel.destroyed) harnessChannel.write(frame);
  };
  const sendGone = (): void => {
    if (harnessWaiting && gone !== undefined) {
      harnessWaiting = false;
      toHarness(encodeFrame({ t: "gone", message: gone }, true));
    }
  };

  // The sandbox itself failed (not the submission): graded by nobody, so thrown after cleanup.
  let infrastructureError: unknown;

  // The solution ended or was stopped: work out why, in words for the learner. The verdict
  // waits for its processes to be gone and its counters read (ended), not for the sandbox's
  // clean-up after them (result), which goes on off the verdict's path.
  const solutionEnded = (solution.ended ?? solution.result).then(
    (result) => {
      for (const hit of result.limitsHit) addLimit(hit);
      if (gone === undefined) {
        gone = whyEnded(result, limitsHit, loadAnswered);
        if (!loadAnswered) loadFailure ??= gone;
      } else if (result.limitsHit.length > 0 && !gone.includes(result.limitsHit[0]!.message)) {
        gone = `${result.limitsHit.map((h) => h.message).join("; ")} (${gone})`;
      }
      sendGone();
      return result;
    },
    (error: unknown) => {
      infrastructureError ??= error;
      gone ??= "the sandbox could not run the solution";
      sendGone();
      finish();
      return undefined;
    },
  );

  const stopSolution = (reason: string, hit?: LimitHit): void => {
    if (gone !== undefined) return;
    if (hit) addLimit(hit);
    gone = hit ? `${hit.message}: ${reason}` : reason;
    solutionReader.stop();
    observed(solution.kill(hit)); // solutionEnded reads the same result
    sendGone();
  };

  // Node-side wall clock on the solution: the same bound cold and warm (a warm process was
  // started earlier). It counts only while the solution owes an answer (its load, then each
  // call), not while it waits for the tests to ask: the tests' own work, and the relay through
  // Node and the harness on a busy machine, are not the solution's time. Nor is the time it
  // waited for a CPU, or Node did, which delays every answer (wall-clock.ts).
  const nodeWaitAtStart = ownCpuWaitMs();
  const solutionClock = startWallClock(opts.limits.wallTimeMs, () => solution.cpuWaitMs() + ownCpuWaitMs() - nodeWaitAtStart, () => {
    stopSolution(loadAnswered ? "the solution was still running" : WHILE_IMPORTING, wallTimeHit(opts.limits));
  });

  const solutionReader = new FrameReader(opts.messageLimit, {
    frame(body, control) {
      if (gone !== undefined) return;
      if (control || owed === 0) {
        stopSolution("the solution process sent a message nobody asked for, so it was stopped");
        return;
      }
      owed -= 1;
      if (owed === 0) solutionClock.pause();
      const relayed = frameOf(body);
      if (!loadAnswered) {
        loadAnswered = true;
        if (harnessWaiting) {
          harnessWaiting = false;
          toHarness(relayed);
        } else loadReply = relayed;
        return;
      }
      harnessWaiting = false;
      toHarness(relayed);
    },
    tooLarge(size) {
      stopSolution(
        `the solution sent a message of ${formatMiB(size)}, more than ${formatMiB(opts.messageLimit)}`,
        { limit: "message-size", message: `message size limit ${formatMiB(opts.messageLimit)} reached` },
      );
    },
  });
  solutionReader.attach(solutionChannel);
  // A channel breaks (EPIPE, reset) when its process ends: how it ended is its result, read below.
  solutionChannel.on("error", () => undefined);
  harnessChannel.on("error", () => undefined);

  const onHarnessFrame = (frame: HarnessFrame): void => {
    switch (frame.t) {
      case "collected":
        if (collected !== undefined) problem = "the harness collected twice";
        collected = frame.tests;
        return;
      case "collect_error":
        contentError = frame.message;
        return;
      case "loaded?":
        if (collected === undefined) {
          problem = "the harness asked for the solution before collecting the tests";
          return;
        }
        harnessWaiting = true;
        if (loadReply !== undefined) {
          harnessWaiting = false;
          toHarness(loadReply);
          loadReply = undefined;
        } else sendGone();
        return;
      case "req":
        harnessWaiting = true;
        if (gone !== undefined) {
          sendGone();
          return;
        }
        owed += 1;
        solutionClock.resume();
        if (!solutionChannel.destroyed) solutionChannel.write(encodeFrame(frame));
        return;
      case "begin":
        current = frame.name;
        return;
      case "result": {
        const expected = collected?.[results.length];
        if (expected === undefined || expected.name !== frame.name) {
          problem = `the harness reported "${frame.name}" out of order`;
          return;
        }
        const test = testResult(frame, expected);
        results.push(test);
        current = undefined;
        opts.onTest?.(test);
        return;
      }
      case "load_failed":
        loadFailure = frame.message;
        return;
      case "abandon":
        // The harness gives up on the solution when its own timer ran out (a time limit) or
        // when the solution broke the protocol (no limit: naming one would misname the cause).
        if (frame.limit === "wall-time") stopSolution(frame.message, wallTimeHit(opts.limits));
        else stopSolution(frame.message);
        return;
      case "done":
        done = true;
        finish();
        return;
      case "importing":
      case "imported":
        return; // compatible mode only
    }
  };

  const harnessReader = new FrameReader(HARNESS_FRAME_LIMIT, {
    frame(body) {
      let frame: HarnessFrame;
      try {
        frame = JSON.parse(body.toString("utf8")) as HarnessFrame;
      } catch {
        problem = "the harness sent a frame that is not JSON";
        return;
      }
      onHarnessFrame(frame);
    },
    tooLarge() {
      problem = "the harness sent a frame that is too large";
      finish();
    },
  });
  harnessReader.attach(harnessChannel);

  const harnessEnded = (harness.ended ?? harness.result).then(
    (result) => {
      for (const hit of result.limitsHit) addLimit(hit);
      if (!done) {
        // The harness is trusted code: its error output helps whoever maintains the exercise.
        const tail = result.stderr.toString("utf8").trim().split("\n").slice(-8).join("\n");
        problem ??= `the test harness stopped before finishing (${describeExit(result)})${tail ? `:\n${tail}` : ""}`;
      }
      finish();
      return result;
    },
    (error: unknown) => {
      infrastructureError ??= error;
      finish();
      return undefined;
    },
  );

  const onAbort = (): void => {
    problem ??= "the grading was cancelled";
    finish();
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();

  const support = opts.support ?? {};
  toHarness(encodeFrame({ t: "tests", source: tests, support, timeout_ms: harnessTestTimeoutMs(opts.limits), ...(opts.unchangedArguments === true ? { unchanged_arguments: true } : {}) }, true));
  solutionChannel.write(encodeFrame({ t: "load", source, support, max_frame: opts.messageLimit }));

  await finished;
  solutionClock.stop();
  opts.signal?.removeEventListener("abort", onAbort);
  if (gone === undefined) {
    gone = "grading finished";
    solutionReader.stop();
    observed(solution.kill());
  }
  if (!done) observed(harness.kill());
  // solutionEnded settles once the stopped solution's processes are gone (the kill's own
  // promise waits for the clean-up too).
  await Promise.all([solutionEnded, harnessEnded]);
  if (infrastructureError !== undefined) throw infrastructureError;

  const report = verdict({
    collected, results, current, problem, contentError, loadFailure, limitsHit, done,
    durationMs: performance.now() - started,
  });
  // A cancelled grading says nothing about the submission.
  if (opts.signal?.aborted && report.status !== "pass") report.status = "error";
  return report;
}

function whyEnded(result: SandboxResult, limitsHit: LimitHit[], loaded: boolean): string {
  if (limitsHit.length > 0) {
    const limits = limitsHit.map((h) => h.message).join("; ");
    return loaded ? limits : `${limits}: ${WHILE_IMPORTING}`;
  }
  const when = loaded ? "while the tests were running" : "while solution.py was being imported, before any test ran";
  const tail = result.stderr.toString("utf8").trim().split("\n").slice(-5).join("\n");
  const how = result.signal !== null ? `was killed by ${result.signal}${signalHint(result.signal)}` : `exited with status ${result.exitCode}`;
  const hint = !loaded && result.signal === null ? ": solution.py must define its functions and not exit (sys.exit, os._exit) while it is imported" : "";
  return `your code ${how} ${when}${hint}${tail ? `\n${tail.slice(-1000)}` : ""}`;
}

/** Why the kernel may have sent a signal nobody on the host sent: the learner can act on it. */
function signalHint(signal: string): string {
  if (signal === "SIGSEGV" || signal === "SIGBUS") return " (a crash of the Python interpreter itself, for example through ctypes)";
  if (signal === "SIGABRT") return " (the Python interpreter aborted)";
  return "";
}

function describeExit(result: SandboxResult): string {
  return result.signal !== null ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
}

function wallTimeHit(limits: SandboxLimits): LimitHit {
  return { limit: "wall-time", message: `time limit ${seconds(limits.wallTimeMs)} reached` };
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
