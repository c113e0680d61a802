/**
 * Exercise and project ids are global on a server (a URL names one by its id alone), so a
 * server refuses to start when two of the tracks it loads share one. Content check runs the
 * same test against the tracks a server would load beside the one being checked, and names
 * the other track, so an educator learns of a clash before the server refuses to start.
 */
import { relative, resolve } from "node:path";
import { RoadworkError } from "../errors.js";
import type { Track } from "../content/track.js";

interface Owner { kind: "exercise" | "project"; track: Track; dir: string }

/** One problem per exercise or project of the selection whose id another track already uses. */
export function idCollisions(selection: Pick<Track, "exercises" | "projects">, others: readonly Track[]): RoadworkError[] {
  const owners = new Map<string, Owner>();
  for (const track of others) {
    for (const exercise of track.exercises) owners.set(exercise.config.id, { kind: "exercise", track, dir: exercise.dir });
    for (const project of track.projects) owners.set(project.id, { kind: "project", track, dir: project.dir });
  }
  const problems: RoadworkError[] = [];
  const report = (kind: Owner["kind"], id: string, dir: string, file: string): void => {
    const owner = owners.get(id);
    if (owner === undefined || resolve(owner.dir) === resolve(dir)) return;
    const where = relative(process.cwd(), owner.dir) || owner.dir;
    problems.push(new RoadworkError("CONTENT_INVALID", `the ${kind} id "${id}" is also the id of ${owner.kind === "exercise" ? "an" : "a"} ${owner.kind} of track "${owner.track.config.id}" (${where}): a server that loads both tracks refuses to start; choose another id`, { file, line: 1 }));
  };
  for (const exercise of selection.exercises) report("exercise", exercise.config.id, exercise.dir, `${exercise.dir}/exercise.yaml`);
  for (const project of selection.projects) report("project", project.id, project.dir, project.file);
  return problems;
}
