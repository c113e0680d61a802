/** Where to go after a pass: the next item of the roadmap that is not verified yet. */
import { api } from "../api.js";

export interface TrackItem { kind: "exercise" | "project"; id: string; title: string; passed: boolean }
interface TrackSteps { steps: Array<{ exercises: Array<Omit<TrackItem, "kind">>; projects: Array<Omit<TrackItem, "kind">> }> }

/** Items in roadmap order: each step's exercises, then its projects. */
export function roadmapOrder(data: TrackSteps): TrackItem[] {
  return data.steps.flatMap((step) => [
    ...step.exercises.map((e) => ({ kind: "exercise" as const, id: e.id, title: e.title, passed: e.passed })),
    ...step.projects.map((p) => ({ kind: "project" as const, id: p.id, title: p.title, passed: p.passed })),
  ]);
}

/** The first unverified item after `current` in roadmap order, else the first unverified one anywhere. */
export async function nextItemAfter(current: { kind: TrackItem["kind"]; id: string }): Promise<TrackItem | null> {
  const items = roadmapOrder(await api<TrackSteps>("GET", "/api/track"));
  const at = items.findIndex((i) => i.kind === current.kind && i.id === current.id);
  const open = (i: TrackItem): boolean => !i.passed && !(i.kind === current.kind && i.id === current.id);
  return items.slice(at + 1).find(open) ?? items.find(open) ?? null;
}
