/**
 * The activity calendar: one square per day of the last 26 weeks, a column per week and a row
 * per weekday, darker with more attempts, ringed on a day with a pass. A table, so a screen
 * reader can walk it by week and weekday; each active day says what happened in words; and a
 * sentence above it, with the list of active days below, tells the same without the grid.
 */
import { h } from "./dom.js";

export interface ActivityDay { date: string; attempts: number; passed: number }
export interface Activity { from: string; to: string; days: ActivityDay[] }

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Weeks a month's name needs above the grid: "Sep" at .72rem is about three 13 px columns wide. */
const MONTH_NAME_WEEKS = 3;

/** 0 for no attempt, then 1 to 4 by how many: one, two or three, up to six, more. */
function level(attempts: number): number {
  return attempts === 0 ? 0 : attempts === 1 ? 1 : attempts <= 3 ? 2 : attempts <= 6 ? 3 : 4;
}

function dayText(day: ActivityDay): string {
  const attempts = `${day.attempts} attempt${day.attempts === 1 ? "" : "s"}`;
  return day.passed === 0 ? attempts : `${attempts}, ${day.passed} passed`;
}

function label(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${MONTHS[d.getUTCMonth()] ?? ""} ${d.getUTCDate()}`;
}

export function activityCalendar(activity: Activity): HTMLElement {
  const byDate = new Map(activity.days.map((day) => [day.date, day]));
  const start = Date.parse(`${activity.from}T00:00:00Z`);
  const end = Date.parse(`${activity.to}T00:00:00Z`);
  const weeks = Math.floor((end - start) / DAY_MS / 7) + 1;
  const dateOf = (week: number, weekday: number) => new Date(start + (week * 7 + weekday) * DAY_MS).toISOString().slice(0, 10);

  // A month's name over the first week that starts in it, where the name fits: it takes about
  // three weeks' width, so a month that starts within the last two weeks, or only two weeks
  // before the next one, goes unnamed (its weeks still say their dates to a screen reader).
  const starts = Array.from({ length: weeks }, (_, week) => week === 0 || dateOf(week, 0).slice(5, 7) !== dateOf(week - 1, 0).slice(5, 7));
  const named = starts.map((first, week) => {
    if (!first) return false;
    const next = starts.findIndex((other, later) => other && later > week);
    return (next < 0 ? weeks : next) - week >= MONTH_NAME_WEEKS;
  });
  const monthHeads = Array.from({ length: weeks }, (_, week) => {
    const monday = dateOf(week, 0);
    return h("th", { scope: "col", class: "month" }, named[week] === true ? h("span", { "aria-hidden": "true" }, MONTHS[Number(monday.slice(5, 7)) - 1] ?? "") : null, h("span", { class: "sr" }, `Week of ${label(monday)}`));
  });
  const rows = WEEKDAYS.map((name, weekday) => h("tr", {},
    h("th", { scope: "row", class: "weekday" }, weekday % 2 === 0 ? name : h("span", { class: "sr" }, name)),
    ...Array.from({ length: weeks }, (_, week) => {
      const date = dateOf(week, weekday);
      if (date > activity.to) return h("td", { class: "future" });
      const day = byDate.get(date);
      if (day === undefined) return h("td", { class: "day l0", title: `${label(date)}: no attempts` });
      return h("td", { class: `day l${level(day.attempts)}${day.passed > 0 ? " passed" : ""}`, title: `${label(date)}: ${dayText(day)}` },
        h("span", { class: "sr" }, `${label(date)}: ${dayText(day)}`));
    })));

  const attempts = activity.days.reduce((sum, day) => sum + day.attempts, 0);
  const passed = activity.days.reduce((sum, day) => sum + day.passed, 0);
  const summary = attempts === 0
    ? `No attempts in the last ${weeks} weeks yet. Each day you submit fills a square.`
    : `In the last ${weeks} weeks: ${attempts} attempt${attempts === 1 ? "" : "s"} on ${activity.days.length} day${activity.days.length === 1 ? "" : "s"}, ${passed} passed.`;
  return h("section", { class: "activity", "aria-labelledby": "activity-title" },
    h("h2", { id: "activity-title" }, "Activity"),
    h("p", { class: "activity-summary" }, summary),
    h("div", { class: "calendar-scroll" },
      h("table", { class: "calendar" },
        h("caption", { class: "sr" }, `Attempts per day from ${label(activity.from)} to ${label(activity.to)}, a column per week, a row per weekday`),
        h("thead", {}, h("tr", {}, h("td", {}), ...monthHeads)),
        h("tbody", {}, ...rows))),
    h("p", { class: "calendar-legend muted", "aria-hidden": "true" },
      "Fewer ", ...[0, 1, 2, 3, 4].map((n) => h("span", { class: `key day l${n}` })), " more attempts · ", h("span", { class: "key day l2 passed" }), " a pass that day"),
    activity.days.length === 0 ? null : h("details", {},
      h("summary", {}, "Days with attempts"),
      h("ul", { class: "activity-days" }, ...[...activity.days].reverse().map((day) => h("li", {}, h("time", { datetime: day.date }, label(day.date)), `: ${dayText(day)}`)))));
}
