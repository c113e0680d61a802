/**
 * Lists imported exercises under a step of track.yaml. The file is edited as text at the
 * one place that changes, so the author's comments, folded descriptions and spacing stay
 * exactly as written (re-serialising the YAML would rewrap and respace them).
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from "yaml";
import { RoadworkError } from "../../errors.js";

/** The track.yaml that owns an exercises folder (TRACK/exercises), if any. */
export function trackFileFor(exercisesDir: string): string | undefined {
  const file = join(dirname(exercisesDir), "track.yaml");
  return basename(exercisesDir) === "exercises" && existsSync(file) ? file : undefined;
}

/** Throws BAD_INPUT unless track.yaml has a step with this id. */
export async function requireStep(trackFile: string, stepId: string): Promise<void> {
  const { step } = await findStep(trackFile, stepId);
  if (step === undefined) throw new RoadworkError("BAD_INPUT", `${trackFile} has no step "${stepId}"`);
}

/** Adds the slugs not yet listed under the step; returns the ones it added. */
export async function listUnderStep(trackFile: string, stepId: string, slugs: readonly string[]): Promise<string[]> {
  const { source, step, lineCounter } = await findStep(trackFile, stepId);
  if (step === undefined) throw new RoadworkError("BAD_INPUT", `${trackFile} has no step "${stepId}"`);
  const listed = step.get("exercises", true);
  const existing = isSeq(listed) ? listed.items.map((item) => (isScalar(item) ? String(item.value) : "")) : [];
  const added = [...new Set(slugs)].filter((slug) => !existing.includes(slug));
  if (added.length === 0) return [];

  let edited: string;
  if (isSeq(listed) && listed.flow === true && listed.range) {
    // range[1] ends the list itself; range[2] would take a trailing comment along.
    const [start, end] = listed.range;
    edited = `${source.slice(0, start)}[${[...existing, ...added].join(", ")}]${source.slice(end)}`;
  } else if (isSeq(listed) && listed.items.length > 0) {
    const last = listed.items[listed.items.length - 1] as Node;
    const at = endOfLine(source, last.range?.[1] ?? 0);
    const indent = leadingSpace(source, lineStart(source, last.range?.[0] ?? 0));
    edited = `${source.slice(0, at)}${added.map((slug) => `\n${indent}- ${slug}`).join("")}${source.slice(at)}`;
  } else {
    // No exercises yet (or `exercises: []`): write the key anew after the step's last line.
    const keyNode = step.items[0]?.key as Node | undefined;
    const column = keyNode?.range ? lineCounter.linePos(keyNode.range[0]).col - 1 : 4;
    const keyIndent = " ".repeat(column);
    const block = `${keyIndent}exercises:${added.map((slug) => `\n${keyIndent}  - ${slug}`).join("")}`;
    if (isSeq(listed) && listed.range) {
      const keyLine = lineStart(source, listed.range[0]);
      const at = endOfLine(source, listed.range[1]);
      edited = `${source.slice(0, keyLine)}${block}${source.slice(at)}`;
    } else {
      const at = endOfLine(source, lastValueEnd(step));
      edited = `${source.slice(0, at)}\n${block}${source.slice(at)}`;
    }
  }
  await writeFile(trackFile, edited);
  return added;
}

async function findStep(trackFile: string, stepId: string): Promise<{ source: string; step: YAMLMap | undefined; lineCounter: LineCounter }> {
  const source = await readFile(trackFile, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  if (doc.errors.length > 0) throw new RoadworkError("CONTENT_INVALID", "not valid YAML; fix it before importing into this track", { file: trackFile });
  const steps = doc.get("steps", true);
  const step = isSeq(steps) ? steps.items.find((item): item is YAMLMap => isMap(item) && item.get("id") === stepId) : undefined;
  return { source, step, lineCounter };
}

function lastValueEnd(map: YAMLMap): number {
  const pair = map.items[map.items.length - 1];
  const node = (pair?.value ?? pair?.key) as Node | undefined;
  return node?.range?.[1] ?? map.range?.[1] ?? 0;
}

function lineStart(source: string, offset: number): number {
  return source.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset of the newline ending the line that holds `offset` (or the end of the text). */
function endOfLine(source: string, offset: number): number {
  // A node's end may sit just past its own newline; step back onto its line.
  let at = offset;
  while (at > 0 && (source[at - 1] === "\n" || source[at - 1] === " ")) at -= 1;
  const newline = source.indexOf("\n", at);
  return newline === -1 ? source.length : newline;
}

function leadingSpace(source: string, start: number): string {
  return /^[ \t]*/.exec(source.slice(start))?.[0] ?? "";
}
