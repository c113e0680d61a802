/**
 * Stage 12: safe to merge. The team's contract tests (contract/test_contract.py, added to
 * the app's copy) pass on the learner's code, so the modules others import keep their names
 * and behaviour; and the learner's whole suite passes with every test it came with still in it.
 */
import type { StageContext } from "../../../../../src/grading/project/stage-api.js";
import { describeFailures } from "./support.js";

/** The tests of the framework-free modules the codebase was handed over with, by file. */
const HANDED_OVER: Record<string, string[]> = {
  "tests/test_timeutil.py": ["test_a_utc_time_comes_back_as_it_was", "test_seconds_may_be_left_out", "test_a_time_without_offset_is_refused", "test_what_is_not_a_time_is_refused"],
  "tests/test_events.py": ["test_a_new_event_has_every_ticket_left", "test_the_name_is_trimmed", "test_a_bad_field_is_named", "test_an_unknown_event_is_not_found", "test_events_come_soonest_first_one_page_at_a_time", "test_page_parameters_are_checked"],
  "tests/test_orders.py": ["test_an_order_costs_the_price_times_the_tickets", "test_more_tickets_than_are_left_is_a_conflict", "test_cancelling_frees_the_tickets_once", "test_a_bad_order_field_is_named", "test_orders_of_an_event_oldest_first"],
};

export default async function stage(t: StageContext): Promise<void> {
  await t.check("the team's contract tests pass on your code: tickets.* keeps its functions and what they do", async () => {
    const report = await t.pytest({ tests: ["tests/test_roadwork_contract.py"], add: { "tests/test_roadwork_contract.py": "contract/test_contract.py" } });
    if (!report.passed) {
      t.fail(`Other code imports the tickets package: its functions must keep their names, arguments and results. The team's contract tests fail on your code:\n${describeFailures(report)}`);
    }
  });

  await t.check("every test the codebase came with is still there", async () => {
    const report = await t.pytest({ tests: Object.keys(HANDED_OVER) });
    const ran = new Set(report.tests.map((test) => test.name.replace(/\[.*\]$/, "")));
    const missing = Object.entries(HANDED_OVER).flatMap(([file, names]) => names.filter((name) => !ran.has(`${file}::${name}`)).map((name) => `${file}::${name}`));
    if (missing.length > 0) {
      t.fail(`These tests came with the codebase and are gone (a reviewer would ask why): ${missing.join(", ")}. Keep them; change one only when the behaviour it checks was meant to change, and say so.`);
    }
  });

  await t.check("your whole test suite (tests/) passes", async () => {
    const report = await t.pytest({ tests: ["tests"] });
    if (!report.passed) t.fail(`Run \`python3 -m pytest tests\` in your app's folder: it must pass before you hand in.\n${describeFailures(report)}`);
  });
}
