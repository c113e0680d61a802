/**
 * The activity calendar of the progress page: a learner's attempts and passes per day over
 * the last 26 weeks (about six months), in whole weeks from a Monday, so the page can lay
 * them out as a grid of weeks by weekday. Days are the learner's own days: the progress page
 * sends the browser's time zone (an IANA name such as America/Los_Angeles), so work at 20:00
 * in UTC-8 counts on that day, not on the next. Without one (or with one Intl does not know)
 * days are UTC days.
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

const formats = new Map<string, Intl.DateTimeFormat>();

/** `timeZone` when Intl knows it, else UTC (a time zone comes from the browser: any text at all). */
export function knownTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 64) return "UTC";
  try {
    clockOf(timeZone);
    return timeZone;
  } catch {
    return "UTC"; // RangeError: not a time zone Intl knows
  }
}

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at `ms`, as if it were UTC (so its ms minus `ms` is the zone's offset). */
function wallClock(ms: number, timeZone: string): number {
  const part = Object.fromEntries(clockOf(timeZone).formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
}

/** The day (YYYY-MM-DD) that `ms` falls on in `timeZone`. */
export function dayIn(ms: number, timeZone = "UTC"): string {
  return new Date(timeZone === "UTC" ? ms : wallClock(ms, timeZone)).toISOString().slice(0, 10);
}

/** The first millisecond the calendar covers: the Monday ACTIVITY_WEEKS - 1 weeks before this week's, at midnight in `timeZone`. */
export function activityStart(now: number, timeZone = "UTC"): number {
  const today = Date.parse(`${dayIn(now, timeZone)}T00:00:00Z`);
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  const monday = today - (sinceMonday + (ACTIVITY_WEEKS - 1) * 7) * DAY_MS;
  // That Monday's midnight in the zone: its wall clock is `monday` when read there.
  return timeZone === "UTC" ? monday : monday - (wallClock(monday, timeZone) - Math.floor(monday / 1000) * 1000);
}

export function activityCalendar(submissions: ReadonlyArray<{ created_at: number; status: string }>, now: number, timeZone = "UTC"): Activity {
  const start = activityStart(now, timeZone);
  const byDay = new Map<string, ActivityDay>();
  for (const submission of submissions) {
    if (submission.created_at < start || submission.created_at > now) continue;
    const date = dayIn(submission.created_at, timeZone);
    const day = byDay.get(date) ?? { date, attempts: 0, passed: 0 };
    day.attempts += 1;
    if (submission.status === "pass") day.passed += 1;
    byDay.set(date, day);
  }
  return {
    from: dayIn(start, timeZone),
    to: dayIn(now, timeZone),
    days: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)),
  };
}
