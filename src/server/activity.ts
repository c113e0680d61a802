/**
 * The activity calendar of the progress page: a learner's attempts and passes per day over
 * the last 26 weeks (about six months), in whole weeks from a Monday, so the page can lay
 * them out as a grid of weeks by weekday. Days are UTC days: the server does not know the
 * learner's time zone, and one rule for everyone keeps the calendar and the CSV export agreeing.
 */

export const ACTIVITY_WEEKS = 26;
const DAY_MS = 86_400_000;

export interface ActivityDay { date: string; attempts: number; passed: number }
export interface Activity {
  /** The Monday the calendar starts on, and today (its last day). */
  from: string;
  to: string;
  /** Only the days with an attempt, oldest first. */
  days: ActivityDay[];
}

/** The first millisecond the calendar covers: the Monday ACTIVITY_WEEKS - 1 weeks before this week's. */
export function activityStart(now: number): number {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  return today - (sinceMonday + (ACTIVITY_WEEKS - 1) * 7) * DAY_MS;
}

export function activityCalendar(submissions: ReadonlyArray<{ created_at: number; status: string }>, now: number): Activity {
  const start = activityStart(now);
  const byDay = new Map<string, ActivityDay>();
  for (const submission of submissions) {
    if (submission.created_at < start || submission.created_at > now) continue;
    const date = new Date(submission.created_at).toISOString().slice(0, 10);
    const day = byDay.get(date) ?? { date, attempts: 0, passed: 0 };
    day.attempts += 1;
    if (submission.status === "pass") day.passed += 1;
    byDay.set(date, day);
  }
  return {
    from: new Date(start).toISOString().slice(0, 10),
    to: new Date(now).toISOString().slice(0, 10),
    days: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
