/**
 * Community solutions to one exercise: publish or take down one's own passing submissions,
 * read others' (most starred first) and star them. Opens only after one's own pass.
 */
import "../community.css";
import { api, ApiError, type Submission } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import { codeView } from "../ui/code-view.js";
import type { PageContext } from "./context.js";

interface Solution { submissionId: string; author: { id: string; name: string }; mine: boolean; source: string; stars: number; starredByMe: boolean; publishedAt: string }
interface SolutionsResponse { solutionFile: string; language: "python" | "sql"; published: string[]; solutions: Solution[] }

export async function solutionsPage(ctx: PageContext, id: string): Promise<void> {
  const base = `/api/exercises/${encodeURIComponent(id)}`;
  const back = h("p", {}, h("a", { href: `/exercises/${id}` }, "← Back to the exercise"));
  let data: SolutionsResponse;
  try {
    data = await api<SolutionsResponse>("GET", `${base}/solutions`);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === "PASS_FIRST")) throw error;
    mount(ctx.main, back, h("h1", {}, "Community solutions"),
      h("p", { class: "lead locked-note", role: "status" }, "Pass this exercise first to see how others solved it."),
      h("p", {}, "Your own way of solving it is worth finding before you read anyone else's. ", h("a", { href: `/exercises/${id}` }, "Back to the exercise")));
    return;
  }
  const { submissions } = await api<{ submissions: Submission[] }>("GET", `${base}/submissions`);
  const passing = submissions.filter((s) => s.status === "pass" && s.itemKind === "exercise");
  const published = new Set(data.published);

  const mine = h("section", { class: "my-solutions", "aria-label": "Your passing submissions" });
  const renderMine = (): void => {
    mount(mine, h("h2", {}, "Your passing submissions"),
      h("p", { class: "muted" }, "Publish one to let others who passed this exercise read it. You can take it down at any time."),
      h("ul", { class: "items" }, ...passing.map((sub) => {
        const isPublished = published.has(sub.id);
        return h("li", {},
          `${new Date(sub.createdAt).toLocaleString()} `,
          isPublished ? h("span", { class: "badge" }, "published") : null, " ",
          h("button", {
            type: "button",
            class: isPublished ? "secondary" : "primary",
            onclick: act(async () => {
              await api(isPublished ? "DELETE" : "POST", `/api/submissions/${encodeURIComponent(sub.id)}/publish`);
              if (isPublished) published.delete(sub.id);
              else published.add(sub.id);
              await solutionsPage(ctx, id);
            }),
          }, isPublished ? "Unpublish" : "Publish this solution"));
      })));
  };
  renderMine();

  const list = h("ol", { class: "solutions" });
  for (const solution of data.solutions) list.append(solutionCard(ctx, solution, data));
  mount(ctx.main, back, h("h1", {}, "Community solutions"),
    mine,
    h("h2", {}, "How others solved it"),
    data.solutions.length === 0 ? h("p", { class: "muted" }, "Nobody has published a solution yet. Yours could be the first.") : list);
}

function solutionCard(ctx: PageContext, solution: Solution, data: SolutionsResponse): HTMLElement {
  const count = h("span", { class: "stars" }, starText(solution.stars));
  const button = solution.mine
    ? h("span", { class: "muted" }, "Your solution")
    : h("button", { type: "button", class: "secondary star", "aria-pressed": solution.starredByMe ? "true" : "false" }, solution.starredByMe ? "★ Starred" : "☆ Star");
  if (button instanceof HTMLButtonElement) {
    button.addEventListener("click", act(async () => {
      button.disabled = true;
      try {
        const starred = button.getAttribute("aria-pressed") === "true";
        const result = await api<{ starredByMe: boolean; stars: number }>(starred ? "DELETE" : "PUT", `/api/solutions/${encodeURIComponent(solution.submissionId)}/star`);
        button.setAttribute("aria-pressed", result.starredByMe ? "true" : "false");
        button.textContent = result.starredByMe ? "★ Starred" : "☆ Star";
        count.textContent = starText(result.stars);
      } finally {
        button.disabled = false;
      }
    }));
  }
  const code = h("div", { class: "code-view" });
  codeView(code, solution.source, { language: data.language, label: `${solution.author.name}'s ${data.solutionFile}`, signal: ctx.signal });
  return h("li", { class: "solution card" },
    h("div", { class: "solution-head" }, h("strong", {}, solution.author.name), h("span", { class: "muted" }, new Date(solution.publishedAt).toLocaleDateString()), count, button),
    code);
}

function starText(n: number): string {
  return `${n} star${n === 1 ? "" : "s"}`;
}
