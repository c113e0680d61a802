/**
 * The code of one version under review: a file tree (projects), then the chosen file as
 * numbered, highlighted lines, each with a button to comment on it; threads on a line sit
 * right under it. And the diff between two versions, file by file.
 */
import { api } from "../api.js";
import { h, mount } from "../ui/dom.js";
import { highlightLines, lineElement } from "../ui/code-lines.js";
import { commentForm, threadElement, type ThreadActions } from "./threads.js";
import type { FileDiff, ReviewFile, Thread } from "./types.js";

export interface CodeContext extends ThreadActions {
  submissionId: string;
  threads: Thread[];
  canComment: boolean;
}

/** The files of a version with a tree to pick one; the first file (or the one asked for) is open. */
export function filesView(files: ReviewFile[], ctx: CodeContext, openPath?: string): HTMLElement {
  const box = h("div", { class: "file-pane" });
  const tree = h("nav", { class: "file-tree", "aria-label": "Files" });
  const show = (path: string): void => {
    const file = files.find((f) => f.path === path) ?? files[0];
    if (file === undefined) {
      mount(box, h("p", { class: "muted" }, "This version has no files to show."));
      return;
    }
    for (const button of tree.querySelectorAll("button")) button.setAttribute("aria-current", button.dataset.path === file.path ? "true" : "false");
    mount(box, fileView(file, ctx));
  };
  if (files.length > 1) {
    mount(tree, h("ul", {}, ...files.map((f) => {
      const depth = f.path.split("/").length - 1;
      const name = f.path.split("/").pop() ?? f.path;
      const count = ctx.threads.filter((t) => t.submissionId === ctx.submissionId && t.file === f.path).length;
      return h("li", { style: `padding-left: ${depth}rem` },
        h("button", { type: "button", class: "link", "data-path": f.path, title: f.path, onclick: () => show(f.path) }, depth > 0 ? `${f.path.split("/").slice(0, -1).join("/")}/${name}` : name),
        count > 0 ? h("span", { class: "badge" }, `${count}`) : null);
    })));
  }
  show(openPath ?? files[0]?.path ?? "");
  return h("div", { class: files.length > 1 ? "code-review with-tree" : "code-review" }, files.length > 1 ? tree : null, box);
}

function fileView(file: ReviewFile, ctx: CodeContext): HTMLElement {
  const head = h("p", { class: "file-bar" }, h("span", { class: "file" }, file.path));
  if (file.text === null) return h("section", { class: "file-view", "aria-label": file.path }, head, h("p", { class: "muted" }, file.note ?? "not shown"));
  const threads = ctx.threads.filter((t) => t.submissionId === ctx.submissionId && t.file === file.path);
  const rows = h("div", { class: "code-lines" });
  highlightLines(file.text, file.language).forEach((pieces, i) => {
    const n = i + 1;
    const here = threads.filter((t) => t.line === n);
    const slot = h("div", { class: "line-extra" });
    const button = h("button", { type: "button", class: "ln", "aria-label": `Comment on line ${n}`, title: ctx.canComment ? `Comment on line ${n}` : undefined, disabled: !ctx.canComment }, String(n));
    button.addEventListener("click", () => {
      if (slot.querySelector(".comment-form.new") !== null) return;
      const form = commentForm("Comment", async (body) => {
        await api("POST", `/api/reviews/${encodeURIComponent(ctx.reviewId)}/comments`, { submissionId: ctx.submissionId, file: file.path, line: n, body });
        await ctx.refresh();
      }, `Your comment on line ${n} (Markdown)`);
      form.classList.add("new");
      slot.append(form);
      form.querySelector("textarea")?.focus();
    });
    rows.append(h("div", { class: `line${here.length > 0 ? " has-thread" : ""}`, id: `L${n}` }, button, lineElement(pieces)));
    for (const thread of here) slot.append(threadElement(thread, ctx));
    rows.append(slot);
  });
  const general = threads.filter((t) => t.line === null);
  return h("section", { class: "file-view", "aria-label": file.path }, head, rows, ...general.map((t) => threadElement(t, ctx, `${file.path} (whole file)`)));
}

export function diffView(diff: FileDiff[]): HTMLElement {
  if (diff.length === 0) return h("p", { class: "muted" }, "No file changed between these versions.");
  return h("div", { class: "diff" }, ...diff.map((file) =>
    h("section", { class: "diff-file", "aria-label": `Changes in ${file.path}` },
      h("p", { class: "file-bar" }, h("span", { class: "file" }, file.path), h("span", { class: "muted" }, file.change)),
      h("div", { class: "code-lines" }, ...file.hunks.flatMap((hunk) => [
        h("div", { class: "hunk muted" }, `@@ line ${hunk.newStart} @@`),
        ...hunk.lines.map((line) => {
          const sign = line[0] ?? " ";
          const kind = sign === "+" ? "added" : sign === "-" ? "removed" : "same";
          return h("div", { class: `line ${kind}` }, h("span", { class: "sign" }, h("span", { "aria-hidden": "true" }, sign === " " ? "" : sign), kind === "same" ? null : h("span", { class: "sr" }, `${kind}: `)), h("code", {}, line.slice(1) || "\u200b"));
        }),
      ])))));
}
