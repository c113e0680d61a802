/**
 * Helpers shared by the TypeScript stages of event-tickets (not a stage itself). Each turns
 * a wrong answer into a t.fail() with what was sent, what was expected and what came back.
 */
import type { PytestReport, StageContext, StageRequest } from "../../../../../src/grading/project/stage-api.js";

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sends req and fails the check unless the app answers `status` with a JSON object, which it returns. */
export async function expectJson(t: StageContext, req: StageRequest, status: number): Promise<Json> {
  const res = await t.request(req);
  if (res.status !== status) t.fail(`${req.method} ${req.path} answered ${res.status}; expected ${status}.`, { request: req, response: res, expected: `status ${status}` });
  if (!isObject(res.json)) t.fail(`${req.method} ${req.path} answered ${status}, but its body is not a JSON object.`, { request: req, response: res, expected: "a JSON object" });
  return res.json;
}

/** The failing tests of a pytest run, each with the first lines of pytest's message, for a learner. */
export function describeFailures(report: PytestReport): string {
  if (report.problem !== undefined) return report.problem;
  return report.tests
    .filter((test) => test.outcome === "failed" || test.outcome === "error")
    .slice(0, 5)
    .map((test) => `- ${test.name}\n${(test.message ?? "").split("\n").slice(-12).join("\n")}`)
    .join("\n");
}
