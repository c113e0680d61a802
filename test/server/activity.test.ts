/** The activity calendar's days: 26 whole weeks from a Monday to today, the learner's days (UTC without a time zone), attempts and passes counted. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ACTIVITY_WEEKS, activityCalendar, activityStart, dayIn, knownTimeZone } from "../../src/server/activity.js";

const at = (iso: string) => Date.parse(iso);

void describe("activity calendar", () => {
  void it("should start on the Monday 25 weeks before this week's, whatever the weekday today", () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday.
    for (const [now, from] of [["2026-12-06T23:59:00Z", "2026-06-08"], ["2026-12-07T00:00:00Z", "2026-06-15"], ["2026-12-09T12:00:00Z", "2026-06-15"]] as const) {
      const start = new Date(activityStart(at(now)));
      assert.equal(start.toISOString().slice(0, 10), from, now);
      assert.equal(start.getUTCDay(), 1, `${now}: starts on a Monday`);
      const days = (at(now) - start.getTime()) / 86_400_000;
      assert.ok(days >= (ACTIVITY_WEEKS - 1) * 7 && days < ACTIVITY_WEEKS * 7, `${now}: ${days} days`);
    }
  });

  void it("should count attempts and passes per UTC day, leave out days before the start, and list active days only", () => {
    const now = at("2026-12-06T10:00:00Z");
    const calendar = activityCalendar([
      { created_at: at("2026-06-07T23:59:59Z"), status: "pass" }, // the day before the start
      { created_at: at("2026-06-08T00:00:00Z"), status: "fail" },
      { created_at: at("2026-12-05T23:30:00Z"), status: "fail" },
      { created_at: at("2026-12-05T23:45:00Z"), status: "pass" },
      { created_at: at("2026-12-06T00:10:00Z"), status: "queued" },
    ], now);
    assert.deepEqual(calendar, {
      from: "2026-06-08",
      to: "2026-12-06",
      days: [
        { date: "2026-06-08", attempts: 1, passed: 0 },
        { date: "2026-12-05", attempts: 2, passed: 1 },
        { date: "2026-12-06", attempts: 1, passed: 0 },
      ],
    });
  });

  void it("should count a learner's days in their time zone: 20:00 in UTC-8 is that day, not the next", () => {
    const la = "America/Los_Angeles";
    // Sunday 2026-12-06, 20:00 in Los Angeles (UTC-8 in December) is Monday 04:00 UTC.
    const now = at("2026-12-07T04:30:00Z");
    const work = [{ created_at: at("2026-12-07T04:00:00Z"), status: "pass" }, { created_at: at("2026-06-08T07:00:00Z"), status: "fail" }, { created_at: at("2026-06-08T06:59:00Z"), status: "fail" }];
    const local = activityCalendar(work, now, la);
    // In Los Angeles today is still Sunday: the calendar starts on the Monday 2026-06-08 at midnight there (07:00 UTC, PDT).
    assert.deepEqual(local, { from: "2026-06-08", to: "2026-12-06", days: [{ date: "2026-06-08", attempts: 1, passed: 0 }, { date: "2026-12-06", attempts: 1, passed: 1 }] });
    assert.equal(activityStart(now, la), at("2026-06-08T07:00:00Z"));
    // The same work in UTC days: Monday's attempt, and a calendar that starts a week later.
    assert.deepEqual(activityCalendar(work, now).days, [{ date: "2026-12-07", attempts: 1, passed: 1 }]);
    assert.equal(dayIn(at("2026-12-06T12:00:00Z"), "Asia/Tokyo"), "2026-12-06");
    assert.equal(dayIn(at("2026-12-06T15:00:00Z"), "Asia/Tokyo"), "2026-12-07");
  });

  void it("should take a time zone Intl knows and fall back to UTC for anything else", () => {
    assert.equal(knownTimeZone("Europe/Paris"), "Europe/Paris");
    for (const bad of [undefined, "", "Mars/Olympus_Mons", "x".repeat(100), 7]) assert.equal(knownTimeZone(bad), "UTC", String(bad));
  });
});
