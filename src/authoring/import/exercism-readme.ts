/**
 * Builds a roadwork README.md from an Exercism exercise's .docs/: the instructions (with
 * the track's instructions.append.md), then the introduction, each one level below the
 * exercise's title, with Exercism's admonition blocks turned into plain quotes. hints.md
 * becomes one hint in exercise.yaml (learners open it after a first attempt), not a section.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

const PARTS = [
  { file: "instructions.md", heading: "Instructions" },
  { file: "instructions.append.md", heading: undefined },
  { file: "introduction.md", heading: "Introduction" },
] as const;

/** hints.md as one Markdown hint, its headings made bold lines (a hint is shown under the page's own heading). */
export async function buildHint(dir: string): Promise<string | undefined> {
  const text = await readOptional(join(dir, ".docs", "hints.md"));
  if (text === undefined || text.trim() === "") return undefined;
  const body = admonitionsToQuotes(text.trim().replace(/^# Hints\s*\n/i, "").trim());
  return body.replace(/^#{1,6} +(.+)$/gm, "**$1**");
}

export async function buildReadme(dir: string, title: string, label: string): Promise<string | undefined> {
  const sections: string[] = [`# ${title}`];
  let hasInstructions = false;
  for (const part of PARTS) {
    const text = await readOptional(join(dir, ".docs", part.file));
    if (text === undefined || text.trim() === "") continue;
    if (part.file === "instructions.md") hasInstructions = true;
    sections.push(section(text, part.heading));
  }
  if (!hasInstructions) return undefined;
  sections.push(`---\n\n_Adapted from Exercism's Python track (${label}), MIT License._`);
  return `${sections.join("\n\n")}\n`;
}

/** One part, its headings demoted under the title; a part without a heading gets one. */
function section(text: string, heading: string | undefined): string {
  // instructions.append.md continues the instructions; its own title adds nothing.
  const trimmed = heading === undefined ? text.trim().replace(/^# Instructions append\s*\n/i, "").trim() : text.trim();
  const body = admonitionsToQuotes(demoteHeadings(trimmed));
  if (heading === undefined || /^#{2} /.test(body)) return body;
  return `## ${heading}\n\n${body}`;
}

function demoteHeadings(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split("\n")
    .map((line) => {
      const opening = /^(`{3,}|~{3,})/.exec(line)?.[1];
      if (opening !== undefined) {
        if (fence === undefined) fence = opening;
        else if (line.trim() === fence) fence = undefined;
        return line;
      }
      return fence === undefined && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join("\n");
}

/** ~~~~exercism/note ... ~~~~ becomes "> **Note**" followed by the quoted lines. */
function admonitionsToQuotes(markdown: string): string {
  return markdown.replace(/^(~{3,}|`{3,})exercism\/(\w+)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm, (_all, _fence: string, kind: string, body: string) => {
    const label = kind.charAt(0).toUpperCase() + kind.slice(1);
    const quoted = body.replace(/\n$/, "").split("\n").map((line) => (line === "" ? ">" : `> ${line}`));
    return [`> **${label}**`, ">", ...quoted].join("\n");
  });
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return undefined;
  }
}
