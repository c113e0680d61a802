/**
 * Verified progress: a step is done when every exercise and project in it has a passing
 * submission; it is available when every step it requires is done, and upcoming otherwise.
 * Upcoming is advice, not a lock: `requires` is the suggested order, every item stays open,
 * and nothing is credited that did not pass (someone who knows the basics proves it by
 * passing them, not by walking past them). The next suggested step is the first available
 * step (in roadmap order) that is not done yet.
 */
import type { PassedItem } from "../store/index.js";
import type { CatalogStep, CatalogTrack } from "./catalog.js";

export type StepStatus = "done" | "available" | "upcoming";

export interface StepProgress {
  step: CatalogStep;
  status: StepStatus;
  passed: { exercises: Set<string>; projects: Set<string> };
}

export interface TrackProgress {
  steps: StepProgress[];
  next: { stepId: string; item: { kind: "exercise" | "project"; id: string } | null } | null;
}

export function passedSets(items: readonly PassedItem[]): { exercises: Set<string>; projects: Set<string> } {
  const exercises = new Set<string>();
  const projects = new Set<string>();
  for (const item of items) (item.item_kind === "exercise" ? exercises : projects).add(item.item_id);
  return { exercises, projects };
}

export function trackProgress(track: CatalogTrack, passed: { exercises: Set<string>; projects: Set<string> }): TrackProgress {
  const done = new Set<string>();
  for (const step of track.steps) {
    if (step.exercises.every((id) => passed.exercises.has(id)) && step.projects.every((id) => passed.projects.has(id))) done.add(step.id);
  }
  const steps = track.steps.map((step): StepProgress => {
    const status: StepStatus = done.has(step.id) ? "done" : step.requires.every((id) => done.has(id)) ? "available" : "upcoming";
    return {
      step,
      status,
      passed: { exercises: new Set(step.exercises.filter((id) => passed.exercises.has(id))), projects: new Set(step.projects.filter((id) => passed.projects.has(id))) },
    };
  });
  const nextStep = steps.find((s) => s.status === "available");
  let next: TrackProgress["next"] = null;
  if (nextStep !== undefined) {
    const exercise = nextStep.step.exercises.find((id) => !passed.exercises.has(id));
    const project = nextStep.step.projects.find((id) => !passed.projects.has(id));
    next = {
      stepId: nextStep.step.id,
      item: exercise !== undefined ? { kind: "exercise", id: exercise } : project !== undefined ? { kind: "project", id: project } : null,
    };
  }
  return { steps, next };
}
