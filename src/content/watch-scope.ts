/**
 * `roadwork content check --watch`: which item a changed file belongs to, so that a save
 * re-checks that exercise or project alone instead of the whole track. Pure (the file system
 * is asked through `isItem`), so that the decision is tested as a unit.
 */
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/** What to re-check: one item folder, or the whole watched path (track.yaml, a lesson...). */
export type WatchScope = { kind: "item"; dir: string } | { kind: "all" };

/** Files editors and Python write next to the content, whose change means nothing. */
const NOISE = [/(^|[/\\])__pycache__([/\\]|$)/, /(^|[/\\])\.git([/\\]|$)/, /\.py[co]$/, /~$/, /\.sw[a-p]$/, /(^|[/\\])\.#/, /(^|[/\\])4913$/];

/**
 * `root` is the watched path; `changed` a path fs.watch reported, relative to root or absolute.
 * `isItem(dir)` says whether dir holds an exercise.yaml or a project.yaml. Returns undefined
 * for noise and for paths outside root.
 */
export function scopeOfChange(root: string, changed: string, isItem: (dir: string) => boolean): WatchScope | undefined {
  const rel = isAbsolute(changed) ? relative(root, changed) : changed;
  if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
  if (NOISE.some((pattern) => pattern.test(rel))) return undefined;
  // The nearest folder, from the file up to root, that is an item: a file in bad/ or stages/
  // belongs to the exercise or project above it.
  let dir = rel === "" ? "" : dirname(rel);
  for (;;) {
    const full = dir === "." || dir === "" ? root : join(root, dir);
    if (isItem(full)) return { kind: "item", dir: full };
    if (dir === "." || dir === "" || dir === sep) return { kind: "all" };
    dir = dirname(dir);
  }
}

/** The distinct scopes of a burst of changes; "all" absorbs every item. */
export function scopesOf(root: string, changes: Iterable<string>, isItem: (dir: string) => boolean): WatchScope[] {
  const dirs = new Set<string>();
  for (const changed of changes) {
    const scope = scopeOfChange(root, changed, isItem);
    if (scope === undefined) continue;
    if (scope.kind === "all") return [{ kind: "all" }];
    dirs.add(scope.dir);
  }
  return [...dirs].sort().map((dir) => ({ kind: "item", dir }));
}
