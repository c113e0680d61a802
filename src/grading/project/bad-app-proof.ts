/**
 * Whether a bad app's report proves what it should: that stage `fails_at`'s checks catch a
 * mistake a learner could make. Failing at the right stage is not enough when the only failure
 * is that the app never started (or stopped on its own): any broken app fails that way, so it
 * says nothing about the stage's checks. Such an app counts only when project.yaml says
 * `expect: crash`. A bad app may also name the check it must fail (`fails:`), so that a later
 * change that makes it fail elsewhere, for another reason, is noticed.
 * The same rules as bad solutions of exercises (src/authoring/bad-intent.ts).
 */
import type { BadApp } from "../../content/project.js";
import type { GradeReport, TestResult } from "../report.js";
import { APP_STARTS_CHECK } from "./test-project.js";

/** Why this bad app's report does not prove what it should, or undefined when it does. */
export function badAppProblem(report: GradeReport, bad: Pick<BadApp, "failsAt" | "expectCrash" | "fails">): string | undefined {
  const mustFail = `it must fail exactly at stage ${bad.failsAt}`;
  if (report.status === "pass") return `this bad app passes every stage up to ${report.stage ?? "?"}, but ${mustFail}`;
  if (report.status === "error") return `this bad app could not be tested (${report.message ?? "error"}), but ${mustFail}`;
  if (report.failed_stage !== bad.failsAt) {
    const failed = report.tests.find((test) => test.status !== "pass");
    return `this bad app fails at stage ${report.failed_stage ?? "?"}${failed ? ` ("${failed.name}")` : ""}, but ${mustFail}`;
  }
  const atStage = report.tests.filter((test) => test.stage === bad.failsAt);
  const failing = atStage.filter((test) => test.status !== "pass");
  if (bad.fails !== undefined) {
    const name = `stage ${bad.failsAt}: ${bad.fails}`;
    if (!failing.some((test) => test.name === name)) {
      const passed = atStage.some((test) => test.name === name);
      return passed
        ? `this bad app passes "${name}", the check its fails: names`
        : `this bad app does not fail "${name}", the check its fails: names (at stage ${bad.failsAt} it fails ${failing.map((test) => `"${test.name}"`).join(", ") || "nothing"})`;
    }
  }
  if (bad.expectCrash === true) return undefined;
  const reachedALimit = (report.limits_hit?.length ?? 0) > 0;
  if (reachedALimit || failing.some((test) => !onlyNotRunning(test))) return undefined;
  return `this bad app fails at stage ${bad.failsAt} only because the app never started or stopped on its own, which proves nothing about the stage's checks: make it fail a check, or say expect: crash`;
}

/** The failure is the app not running: it never started, or it had stopped when the check ran. */
function onlyNotRunning(test: TestResult): boolean {
  if (test.name === `stage ${test.stage ?? "?"}: ${APP_STARTS_CHECK}`) return true;
  return /the app has stopped/i.test(test.message ?? "");
}
