/**
 * Runs one TypeScript stage: load it, hand it a StageContext, and turn what happened into
 * tests. Each t.check is a test; a stage with no checks that returns is one passed test.
 *
 * Who is to blame decides what a throw becomes. A StageFailure (a check that does not hold,
 * an app that never answered, the stage time limit) is the app's: a failed test. A
 * RoadworkError is the machine's or the content's and goes up as it is. Anything else was
 * thrown by the stage's own code (a TypeError in it, say): the project is broken, and that
 * is CONTENT_INVALID naming the stage file, never a verdict on the learner's app.
 */
import type { ProjectStage } from "../../content/project.js";
import { isRoadworkError, RoadworkError } from "../../errors.js";
import type { TestResult } from "../report.js";
import { loadStageFunction, type StageFunction } from "./load-stage.js";
import { StageFailure } from "./stage-api.js";
import { createStageContext, failedTest, isStageFailure, StageRecorder, type StageRuntime } from "./stage-context.js";

/** A stage that runs longer than this is stopped; the app is the usual reason. */
export const STAGE_TIME_LIMIT_MS = 180_000;

/** `loaded`: the stage function when it was loaded ahead of time (while the app booted). */
export async function runTsStage(stage: ProjectStage, runtime: StageRuntime, loaded?: Promise<StageFunction>, timeLimitMs = STAGE_TIME_LIMIT_MS): Promise<TestResult[]> {
  const recorder = new StageRecorder({ n: stage.n, title: stage.title });
  const fn = await (loaded ?? loadStageFunction(stage.testsPath));
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StageFailure(`stage time limit ${formatSeconds(timeLimitMs)} reached: the stage did not finish (the app answers too slowly, or not at all)`)), timeLimitMs);
    });
    await Promise.race([fn(createStageContext(runtime, recorder)), timeout]);
    if (recorder.tests.length === 0) {
      recorder.tests.push({ name: `stage ${stage.n}: ${stage.title}`, status: "pass", stage: stage.n, duration_ms: Date.now() - started });
    }
  } catch (error) {
    if (isRoadworkError(error)) throw error;
    if (!isStageFailure(error)) throw stageCodeError(stage, error);
    if (!recorder.reported.has(error)) recorder.tests.push(failedTest(recorder.stage, stage.title, error, runtime.logTail(), Date.now() - started));
  } finally {
    clearTimeout(timer);
  }
  return recorder.tests;
}

function stageCodeError(stage: ProjectStage, error: unknown): RoadworkError {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const where = error instanceof Error ? stackLineIn(error, stage.testsPath) : undefined;
  return new RoadworkError("CONTENT_INVALID", `stage ${stage.n}'s own code threw ${what}; a stage reports a wrong app with t.fail or a failed check, never with an exception`, {
    file: stage.testsPath,
    ...(where === undefined ? {} : { line: where }),
    cause: error,
  });
}

/** The line of the stage file in the error's stack, when the stack names it. */
function stackLineIn(error: Error, path: string): number | undefined {
  const name = path.split("/").pop() ?? path;
  for (const line of (error.stack ?? "").split("\n")) {
    const match = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):\\d+`).exec(line);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
