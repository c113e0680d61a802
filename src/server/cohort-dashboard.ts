/**
 * The cohort dashboard: learners x roadmap items, each cell what the learner did on the item,
 * and who is stuck. Built in memory from one aggregated query, so 500 learners x 120 items
 * stays well inside a request's time (bench/cohort.mjs).
 */
import type { CohortCell, CohortMember, ItemKind } from "../store/index.js";
import type { Catalog, CatalogTrack } from "./catalog.js";

const DAY_MS = 86_400_000;
/** Failing attempts on an item not passed that make a learner "stuck" there. */
export const STUCK_FAILS = 3;
/** Days without a new pass that make a learner "stuck". */
export const STUCK_IDLE_DAYS = 7;

/**
 * A cell's state as one character, so 60,000 cells are three small values per learner
 * (a string and two arrays) rather than 60,000 objects: p passed, s stuck (not passed after
 * STUCK_FAILS failing attempts), f failing (attempted, not passed), - not started.
 */
export type CellState = "p" | "s" | "f" | "-";

export interface DashboardItem {
  kind: ItemKind;
  id: string;
  title: string;
  stepId: string;
}

export interface DashboardLearner {
  id: string;
  name: string;
  email: string;
  joinedAt: string;
  passed: number;
  /** Items attempted and not passed. */
  failing: number;
  lastActivityAt: string | null;
  daysSinceActivity: number | null;
  stuck: boolean;
  /** Why, in words a mentor can act on. */
  stuckReasons: string[];
  /** One CellState character per item, in the items' order. */
  cells: string;
  /** Failing attempts per item. */
  fails: number[];
  /** Days since the last attempt per item; null when never attempted. */
  days: Array<number | null>;
}

export function trackItems(catalog: Catalog, track: CatalogTrack): DashboardItem[] {
  const items: DashboardItem[] = [];
  for (const step of track.steps) {
    for (const id of step.exercises) items.push({ kind: "exercise", id, title: catalog.exercise(id)?.title ?? id, stepId: step.id });
    for (const id of step.projects) items.push({ kind: "project", id, title: catalog.project(id)?.title ?? id, stepId: step.id });
  }
  return items;
}

export function buildDashboard(items: readonly DashboardItem[], learners: readonly CohortMember[], cells: readonly CohortCell[], now: number): DashboardLearner[] {
  const columns = { exercise: new Map<string, number>(), project: new Map<string, number>() };
  items.forEach((item, i) => columns[item.kind].set(item.id, i));
  const byLearner = new Map<string, CohortCell[]>();
  for (const cell of cells) {
    const list = byLearner.get(cell.user_id);
    if (list === undefined) byLearner.set(cell.user_id, [cell]);
    else list.push(cell);
  }
  const days = (at: number): number => Math.max(0, Math.floor((now - at) / DAY_MS));
  return learners.map((learner) => {
    const states: CellState[] = new Array<CellState>(items.length).fill("-");
    const fails: number[] = new Array<number>(items.length).fill(0);
    const since: Array<number | null> = new Array<number | null>(items.length).fill(null);
    let passed = 0;
    let failing = 0;
    let lastActivity: number | null = null;
    let lastProgress = learner.joined_at;
    const stuckOn: string[] = [];
    for (const cell of byLearner.get(learner.user_id) ?? []) {
      lastActivity = Math.max(lastActivity ?? 0, cell.last_attempt_at);
      const i = columns[cell.item_kind].get(cell.item_id);
      if (i === undefined) continue; // work outside this cohort's track counts as activity only
      const isPassed = cell.first_passed_at !== null;
      if (isPassed) {
        passed += 1;
        lastProgress = Math.max(lastProgress, cell.first_passed_at ?? 0);
      } else failing += 1;
      const stuck = !isPassed && cell.fails >= STUCK_FAILS;
      if (stuck) stuckOn.push(items[i]?.title ?? cell.item_id);
      states[i] = isPassed ? "p" : stuck ? "s" : "f";
      fails[i] = cell.fails;
      since[i] = days(cell.last_attempt_at);
    }
    const reasons = stuckOn.map((title) => `${STUCK_FAILS}+ failing attempts on ${title}`);
    const idle = days(lastProgress);
    if (passed < items.length && idle >= STUCK_IDLE_DAYS) reasons.push(`no new pass for ${idle} days`);
    return {
      id: learner.user_id,
      name: learner.name,
      email: learner.email,
      joinedAt: new Date(learner.joined_at).toISOString(),
      passed,
      failing,
      lastActivityAt: lastActivity === null ? null : new Date(lastActivity).toISOString(),
      daysSinceActivity: lastActivity === null ? null : days(lastActivity),
      stuck: reasons.length > 0,
      stuckReasons: reasons,
      cells: states.join(""),
      fails,
      days: since,
    };
  });
}
