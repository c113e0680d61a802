/**
 * Renames (docs/tracks.md, "Renaming an exercise, a project or a track"): an item's
 * `formerly:` lists the ids it had before, and learners' progress stored under them counts
 * under the current id. Here: the renames the loaded tracks declare, and the problems that
 * would make one ambiguous, each at the file and line of the `formerly:` entry.
 */
import { join } from "node:path";
import { RoadworkError } from "../errors.js";
import type { Exercise } from "./exercise.js";
import type { Project } from "./project.js";
import { lineInFile } from "./yaml-file.js";

export type RenamedKind = "track" | "exercise" | "project";

/** Progress stored under `from` belongs to the `kind` whose id is now `to`. */
export interface Rename {
  kind: RenamedKind;
  from: string;
  to: string;
}

/** Something that has an id and may list former ones: a track, an exercise or a project. */
interface Owner {
  kind: RenamedKind;
  id: string;
  formerly: readonly string[];
  /** Its YAML file, absolute. */
  file: string;
}

/** A loaded track (track.ts's Track; named by shape so that track.ts can import this file). */
interface Track {
  dir: string;
  config: { id: string; formerly?: string[] | undefined };
  exercises: readonly Exercise[];
  projects: readonly Project[];
}

type Items = Pick<Track, "exercises" | "projects">;

function itemOwners({ exercises, projects }: Items): Owner[] {
  return [
    ...exercises.map((e: Exercise): Owner => ({ kind: "exercise", id: e.config.id, formerly: e.config.formerly ?? [], file: join(e.dir, "exercise.yaml") })),
    ...projects.map((p: Project): Owner => ({ kind: "project", id: p.id, formerly: p.formerly ?? [], file: p.file })),
  ];
}

function trackOwners(tracks: readonly Track[]): Owner[] {
  return tracks.map((t) => ({ kind: "track", id: t.config.id, formerly: t.config.formerly ?? [], file: join(t.dir, "track.yaml") }));
}

/** Every rename the tracks declare, tracks first. Checked tracks (renameProblems) make each `from` unique. */
export function renamesOf(tracks: readonly Track[]): Rename[] {
  return [...trackOwners(tracks), ...tracks.flatMap(itemOwners)].flatMap((owner) => [...new Set(owner.formerly)].map((from) => ({ kind: owner.kind, from, to: owner.id })));
}

/**
 * Problems of the `formerly:` lists of `tracks` and of `extra` items (a selection outside any
 * track): an item naming itself, a former id that is some item's current id, and one former
 * id claimed twice. Exercise and project ids share one namespace (a URL names either); track
 * ids have their own.
 */
export function renameProblems(tracks: readonly Track[], extra: Items = { exercises: [], projects: [] }): RoadworkError[] {
  const items = [...tracks.flatMap(itemOwners), ...itemOwners(extra)];
  return [...checkNamespace(trackOwners(tracks)), ...checkNamespace(dedupe(items))];
}

/** The same item may be listed twice (a track, and a selection inside it). */
function dedupe(owners: readonly Owner[]): Owner[] {
  const seen = new Set<string>();
  return owners.filter((owner) => {
    const key = `${owner.kind}:${owner.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const article = (kind: RenamedKind): string => (kind === "exercise" ? "an" : "a");

function checkNamespace(owners: readonly Owner[]): RoadworkError[] {
  const current = new Map<string, Owner>();
  for (const owner of owners) if (!current.has(owner.id)) current.set(owner.id, owner);
  const claimedBy = new Map<string, Owner>();
  const problems: RoadworkError[] = [];
  for (const owner of owners) {
    owner.formerly.forEach((from, i) => {
      // The file is read again for the line only when there is a problem to report.
      const problem = (message: string): void => {
        problems.push(new RoadworkError("CONTENT_INVALID", `formerly: "${from}" ${message}`, { file: owner.file, line: lineInFile(owner.file, ["formerly", i]) }));
      };
      const claimed = claimedBy.get(from);
      const holder = current.get(from);
      if (from === owner.id) problem(`is this ${owner.kind}'s own id; list only the ids it had before`);
      else if (holder !== undefined) problem(`is the current id of ${article(holder.kind)} ${holder.kind} (${holder.file}); an id is either current or former: remove it here, or rename that ${holder.kind}`);
      else if (claimed === owner) problem("is listed twice");
      else if (claimed !== undefined) problem(`is also claimed by ${article(claimed.kind)} ${claimed.kind} "${claimed.id}" (${claimed.file}); the progress under an old id can go to one ${owner.kind === "track" ? "track" : "item"} only`);
      else claimedBy.set(from, owner);
    });
  }
  return problems;
}
