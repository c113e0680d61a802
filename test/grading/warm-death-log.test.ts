/**
 * Issue 9: a warm process pair that died while waiting for its submission (machine trouble:
 * the sandbox failed under it) was replaced with nothing said of why. The warm grader now
 * takes a Log, and the server's pino logger, passed down through the sandbox backend, gets
 * the error at warn with its context. No real sandbox is needed: a fake one fails the
 * first pair's harness.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import type { Exercise } from "../../src/content/exercise.js";
import { createWarmGrader } from "../../src/grading/exercise/warm.js";
import type { Sandbox, SandboxProcess, SandboxResult } from "../../src/grading/sandbox/types.js";
import { sandboxBackend } from "../../src/worker/backend.js";
import { discardResults } from "../../src/worker/sink.js";

/** A pino logger whose JSON lines are kept, as a server's would be written. */
function capturedPino(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const written: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void written.push(line) });
  return { logger, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const ended: SandboxResult = { exitCode: null, signal: "SIGKILL", stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), outputTruncated: false, limitsHit: [], wallTimeMs: 1, cpuTimeMs: 0 };

/** A process that waits until killed, or whose result fails after a moment with `failure`. */
function fakeProcess(failure?: Error): SandboxProcess {
  let settle!: (result: SandboxResult) => void;
  const result = failure === undefined ? new Promise<SandboxResult>((resolve) => (settle = resolve)) : sleep(20).then(() => Promise.reject(failure));
  return {
    stdin: null,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    channels: [new PassThrough()],
    result,
    connect: () => Promise.reject(new Error("no loopback")),
    expose: () => Promise.reject(new Error("no loopback")),
    kill: () => {
      settle?.(ended);
      return result;
    },
    cpuWaitMs: () => 0,
  };
}

/** Every spawn gets a process that waits, except the first pair's harness (the second spawn), which fails. */
function sandboxFailingOnce(failure: Error): Sandbox {
  let spawns = 0;
  return {
    name: "fake",
    protections: () => Promise.resolve([]),
    spawn: () => fakeProcess(++spawns === 2 ? failure : undefined),
    acquireIdentity: () => Promise.reject(new Error("not used")),
    run: () => Promise.reject(new Error("not used")),
    close: () => Promise.resolve(),
  };
}

void describe("a warm pair that dies while waiting", () => {
  void it("is logged at warn through the logger passed down, with the error, and replaced", async () => {
    const { logger, lines } = capturedPino();
    const failure = new Error("the run's cgroup vanished");
    const warm = createWarmGrader({ sandbox: sandboxFailingOnce(failure), size: 1, log: logger.child({ component: "grading" }), preforkedHarness: false });
    try {
      for (let i = 0; i < 100 && !lines().some((line) => line.level === 40); i++) await sleep(10);
      const died = lines().find((line) => line.level === 40 && /waiting warm process pair ended/.test(String(line.msg)));
      assert.ok(died, `no warning about the dead pair; logged: ${JSON.stringify(lines())}`);
      assert.equal(died.component, "grading");
      assert.match(String((died.err as { message?: unknown } | undefined)?.message), /cgroup vanished/);
    } finally {
      await warm.close();
    }
  });
});

void describe("the sandbox backend", () => {
  void it("hands grading a child of its logger that names the exercise", async () => {
    const { logger, lines } = capturedPino();
    const exercise = { kind: "function", dir: "/tracks/t/exercises/double" } as unknown as Exercise;
    const backend = sandboxBackend({
      sandbox: sandboxFailingOnce(new Error("not used")),
      log: logger,
      gradeExercise: (_exercise, _source, opts) => {
        opts.log?.warn({ step: "test" }, "said from inside grading");
        return Promise.resolve({ version: 3, status: "pass", tests: [] });
      },
    });
    await backend.gradeExercise(exercise, "x = 1\n", { signal: new AbortController().signal, sink: discardResults });
    const said = lines().find((line) => line.msg === "said from inside grading");
    assert.ok(said, `grading got no logger; logged: ${JSON.stringify(lines())}`);
    assert.equal(said.exercise, "/tracks/t/exercises/double");
    assert.equal(said.level, 40);
  });
});
