/**
 * `roadwork content check --watch PATH`: checks once, then again on every save, only the
 * exercise or project whose files changed (watch-scope.ts). Never clears the terminal: the
 * previous report stays above the next one, under a line saying what changed and when.
 */
import { existsSync, watch } from "node:fs";
import { join, relative } from "node:path";
import { scopesOf } from "../content/watch-scope.js";

/** Editors save in bursts (write a temp file, rename, touch): wait for the burst to end. */
const DEBOUNCE_MS = 300;

export type CheckOnce = (path: string) => Promise<unknown>;

const isItem = (dir: string): boolean => existsSync(join(dir, "exercise.yaml")) || existsSync(join(dir, "project.yaml"));

/** Runs until interrupted (Ctrl-C). */
export async function watchContent(root: string, check: CheckOnce): Promise<never> {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  await check(root);
  say(`\nWatching ${root} for changes (Ctrl-C to stop).`);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const flush = (): void => {
    const changes = pending;
    pending = new Set();
    const scopes = scopesOf(root, changes, isItem);
    if (scopes.length === 0) return;
    // One check at a time: a save during a check is checked after it, not beside it.
    running = running.then(async () => {
      const time = new Date().toTimeString().slice(0, 8);
      for (const scope of scopes) {
        const target = scope.kind === "all" ? root : scope.dir;
        say(`\n── ${time} changed: ${[...changes].slice(0, 3).join(", ")}${changes.size > 3 ? ", ..." : ""} — checking ${relative(process.cwd(), target) || "."}`);
        await check(target);
      }
    });
  };

  watch(root, { recursive: true }, (_event, name) => {
    if (name === null) return;
    pending.add(name.toString());
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE_MS);
  });
  return new Promise<never>(() => undefined);
}
