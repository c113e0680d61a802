/**
 * What a stage may do to the app's process beyond requests (see stage-api.ts): restart it
 * served as in production or with its environment changed, or only when it is not already
 * running so (ensure), start it expecting a refusal, signal it as a platform stops it, wait
 * for its end, read its output. The app still only ever runs in its sandbox, with the run's
 * identity and data.
 */
import { isRoadworkError, RoadworkError } from "../../errors.js";
import { AppNotReady, type AppProcess, type StartOverride } from "./app-process.js";
import { StageFailure, type AppEnd, type AppStart, type StartOutcome } from "./stage-api.js";

export interface AppControl {
  restart(start?: AppStart): Promise<void>;
  /** Restarts the app unless it already runs as `start` asks, started since the last distrust(). */
  ensure(start?: AppStart): Promise<void>;
  /** After a stage that failed: whatever state it left the app in, the next ensure() restarts it. */
  distrust(): void;
  /** Before a stage: the starts of the app still to come, one entry per stage, this one first (warm-start.ts). */
  expectStarts(startsByStage: readonly number[]): void;
  tryRestart(start?: AppStart): Promise<StartOutcome>;
  signal(name: "SIGTERM" | "SIGINT"): Promise<void>;
  waitForExit(ms: number): Promise<AppEnd | undefined>;
  output(): { stdout: string; stderr: string };
}

export interface AppControlOptions {
  /** The production command of the app's framework, when the project has one. */
  production: readonly string[] | undefined;
  /** Called before every restart (the sign-in captures are stale after it). */
  onRestart(): void;
  /** Called once the app answers again. */
  onRestarted(ms: number): void;
}

export function appControl(app: AppProcess, options: AppControlOptions): AppControl {
  const override = (start: AppStart): StartOverride => {
    const result: StartOverride = {};
    if (start.production === true) {
      if (options.production === undefined) throw new RoadworkError("CONTENT_INVALID", "a stage asks for the production server, but project.yaml gives no `production:` command for this framework");
      result.argv = options.production;
    }
    if (start.env !== undefined) result.env = start.env;
    return result;
  };
  let distrusted = false;
  const tryRestart = async (start: AppStart = {}): Promise<StartOutcome> => {
    options.onRestart();
    distrusted = false;
    const started = Date.now();
    try {
      await app.restart(override(start));
    } catch (error) {
      if (!(error instanceof AppNotReady)) throw machineFault(error);
      const end = app.exitStatus();
      return end === undefined ? { started: false, why: error.message } : { started: false, why: error.message, end };
    }
    options.onRestarted(Date.now() - started);
    return { started: true };
  };
  const restart = async (start: AppStart = {}): Promise<void> => {
    const outcome = await tryRestart(start);
    if (!outcome.started) throw new StageFailure(`After the restart: ${outcome.why}`);
  };
  return {
    restart,
    async ensure(start = {}) {
      if (!distrusted && app.runningAs(override(start))) return;
      await restart(start);
    },
    distrust() {
      distrusted = true;
    },
    expectStarts: (startsByStage) => app.expectStarts(startsByStage),
    tryRestart,
    async signal(name) {
      await app.signal(name).catch((error: unknown) => Promise.reject(machineFault(error)));
    },
    async waitForExit(ms) {
      await app.settleExit(ms);
      return app.exitStatus();
    },
    output: () => app.outputSinceStart(),
  };
}

export function machineFault(error: unknown): RoadworkError {
  if (isRoadworkError(error)) return error;
  return new RoadworkError("INFRASTRUCTURE", `project grading failed on this machine: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
