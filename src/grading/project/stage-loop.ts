/**
 * Stages 1..N in order, stopping at the first one that does not pass (or, with keepGoing,
 * running every stage and reporting each, as `hurl --test` does with several files: for an
 * educator checking a suite; an app that stopped is started again before the next stage). Hurl stages borrow
 * the captures of the project's sign-in file; signing in costs the app a password hash or
 * two, so it runs once and again only after a restart (an app may keep its tokens in
 * memory) or while it does not succeed yet.
 */
import type { Project, ProjectStage } from "../../content/project.js";
import type { TestResult } from "../report.js";
import type { JsonValue } from "../../hurl/index.js";
import { runHurlStage, runSignIn, signInNames } from "./hurl-stage.js";
import type { StageFunction } from "./load-stage.js";
import type { StageRuntime } from "./stage-context.js";
import { runTsStage } from "./ts-stage.js";
import { isStageFailure } from "./stage-context.js";

export interface StageLoopOptions {
  project: Project;
  stages: readonly ProjectStage[];
  runtime: StageRuntime;
  runId: string;
  /** TypeScript stages already loading, by stage number. */
  preloaded: ReadonlyMap<number, Promise<StageFunction>>;
  /** How many times each stage starts the app again, by stage number (warm-start.ts, startsIn). */
  starts?: ReadonlyMap<number, number>;
  signIn: SignInCache;
  keepGoing?: boolean;
  onStageStart?: (stage: ProjectStage) => void;
  onStageEnd?: (stage: ProjectStage, passed: boolean, tests: TestResult[]) => void;
}

export interface StageLoopOutcome {
  tests: TestResult[];
  /** The last stage that ran. */
  ranStage: number;
  /** The first stage that failed. */
  failedStage?: number;
  /** Every stage that failed (with keepGoing, possibly more than one). */
  failedStages: number[];
}

export async function runStages(options: StageLoopOptions): Promise<StageLoopOutcome> {
  const names = options.project.signIn === undefined ? [] : signInNames(options.project.signIn);
  const tests: TestResult[] = [];
  const failedStages: number[] = [];
  let ranStage = 0;
  for (const [index, stage] of options.stages.entries()) {
    // Processes wait, ready to become the app, for the next stage that starts it.
    options.runtime.app?.expectStarts(startsByStage(options.stages.slice(index), options.starts));
    options.onStageStart?.(stage);
    ranStage = stage.n;
    const stageTests =
      stage.kind === "hurl"
        ? await runHurlStage(stage, options.runtime, { runId: options.runId, signIn: () => options.signIn.variables(), signInNames: names })
        : await runTsStage(stage, options.runtime, options.preloaded.get(stage.n));
    tests.push(...stageTests);
    const passed = stageTests.every((test) => test.status === "pass");
    options.onStageEnd?.(stage, passed, stageTests);
    if (passed) continue;
    failedStages.push(stage.n);
    if (options.keepGoing !== true) break;
    // A failed stage may leave the app mid-way (a request held open): the next stage's ensureApp starts it afresh.
    options.runtime.app?.distrust();
    if (options.runtime.appExited() !== undefined) await restartQuietly(options.runtime);
  }
  const outcome: StageLoopOutcome = { tests, ranStage, failedStages };
  if (failedStages[0] !== undefined) outcome.failedStage = failedStages[0];
  return outcome;
}

/** Before the next stage of a keep-going run: an app that does not come back fails that stage by itself. */
async function restartQuietly(runtime: StageRuntime): Promise<void> {
  try {
    await runtime.restartApp();
  } catch (error) {
    if (!isStageFailure(error)) throw error;
  }
}

export class SignInCache {
  private cached: Record<string, JsonValue> | undefined;

  constructor(
    private readonly signIn: Project["signIn"],
    private readonly runtime: StageRuntime,
    private readonly runId: string,
    private readonly onSignedIn?: (ms: number, signedIn: boolean) => void,
  ) {}

  async variables(): Promise<Record<string, JsonValue>> {
    if (this.signIn === undefined) return {};
    if (this.cached !== undefined) return this.cached;
    const started = Date.now();
    const outcome = await runSignIn(this.signIn, this.runtime, this.runId);
    this.onSignedIn?.(Date.now() - started, outcome.signedIn);
    if (outcome.signedIn) this.cached = outcome.variables;
    return outcome.variables;
  }

  /** After a restart: the next stage signs in again. */
  invalidate(): void {
    this.cached = undefined;
  }
}

/** How many times each of `stages` starts the app again, as far as their sources show. */
export function startsByStage(stages: readonly ProjectStage[], starts: ReadonlyMap<number, number> | undefined): number[] {
  return stages.map((stage) => starts?.get(stage.n) ?? 0);
}
