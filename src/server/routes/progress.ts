/** GET /api/progress: steps done, attempts per item, passes over time (for a chart), and activity per day (a calendar). */
import type { FastifyInstance } from "fastify";
import { iso, requireUser } from "../http.js";
import { passedSets, trackProgress } from "../progress.js";
import { activityCalendar, activityStart, dayIn, knownTimeZone } from "../activity.js";
import type { RouteContext } from "../deps.js";

export default function progressRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // ?tz=America/Los_Angeles: the browser's time zone, so that days are the learner's days.
  app.get<{ Querystring: { tz?: string } }>("/api/progress", async (request) => progressOf(ctx, requireUser(request).id, knownTimeZone(request.query.tz)));
}

/** A learner's progress report (also what mentors see in GET /api/admin/users/:id/progress); days in `timeZone`. */
export async function progressOf(ctx: RouteContext, userId: string, timeZone = "UTC"): Promise<Record<string, unknown>> {
  const now = ctx.now();
  const [passedItems, attempts, recent] = await Promise.all([
    ctx.store.submissions.passedItems(userId),
    ctx.store.submissions.attempts(userId),
    ctx.store.submissions.attemptTimes(userId, activityStart(now, timeZone)),
  ]);
  const passed = passedSets(passedItems);
  const tracks = ctx.catalog.tracks.map((track) => {
    const progress = trackProgress(track, passed);
    return {
      id: track.id,
      title: track.title,
      stepsDone: progress.steps.filter((s) => s.status === "done").map((s) => s.step.id),
      stepsTotal: track.steps.length,
      // Per step: a passed capstone shows here even while the step's exercises are still open.
      steps: progress.steps.map(({ step, status, passed: stepPassed }) => ({
        id: step.id,
        title: step.title,
        status,
        verified: stepPassed.exercises.size + stepPassed.projects.size,
        total: step.exercises.length + step.projects.length,
        projectsPassed: [...stepPassed.projects],
      })),
      next: progress.next,
    };
  });
  // Cumulative count of items passed, one point per day with a first pass.
  const byDay = new Map<string, number>();
  for (const item of passedItems) {
    const day = dayIn(item.first_passed_at, timeZone);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  let total = 0;
  const series = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, passed: (total += count) }));
  return {
    tracks,
    items: attempts.map((a) => ({
      kind: a.item_kind,
      id: a.item_id,
      attempts: a.attempts,
      passed: a.passed,
      lastStatus: a.last_status,
      firstPassedAt: iso(passedItems.find((p) => p.item_id === a.item_id && p.item_kind === a.item_kind)?.first_passed_at ?? null),
    })),
    series,
    activity: activityCalendar(recent, now, timeZone),
  };
}
