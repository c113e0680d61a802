/**
 * Runs one TypeScript stage: load it, hand it a StageContext, and turn what happened into
 * tests. Each t.check is a test; a stage that throws outside a check is one failed test named
 * after the stage; a stage with no checks that returns is one passed test.
 */
import type { ProjectStage } from "../../content/project.js";
import type { TestResult } from "../report.js";
import { loadStageFunction, type StageFunction } from "./load-stage.js";
import { createStageContext, failedTest, StageRecorder, type StageRuntime } from "./stage-context.js";

/** A stage that runs longer than this is stopped; the app is the usual reason. */
const STAGE_TIME_LIMIT_MS = 180_000;

/** `loaded`: the stage function when it was loaded ahead of time (while the app booted). */
export async function runTsStage(stage: ProjectStage, runtime: StageRuntime, loaded?: Promise<StageFunction>): Promise<TestResult[]> {
  const recorder = new StageRecorder({ n: stage.n, title: stage.title });
  const fn = await (loaded ?? loadStageFunction(stage.testsPath));
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the stage did not finish within ${STAGE_TIME_LIMIT_MS / 1000} s`)), STAGE_TIME_LIMIT_MS);
    });
    await Promise.race([fn(createStageContext(runtime, recorder)), timeout]);
    if (recorder.tests.length === 0) {
      recorder.tests.push({ name: `stage ${stage.n}: ${stage.title}`, status: "pass", stage: stage.n, duration_ms: Date.now() - started });
    }
  } catch (error) {
    const alreadyReported = error !== null && typeof error === "object" && recorder.reported.has(error);
    if (!alreadyReported) recorder.tests.push(failedTest(recorder.stage, stage.title, error, runtime.logTail(), Date.now() - started));
  } finally {
    clearTimeout(timer);
  }
  return recorder.tests;
}
