/** A project: its stages and their state, how to test locally, and how to submit. */
import { api, submitWork, type Submission } from "../api.js";
import { h, mount } from "../ui/dom.js";
import { sendWhenNotBusy, sleep } from "../busy-retry.js";
import { busyNotice, followSubmission, historyList, testItem, verdictHeader } from "../ui/verdict.js";
import type { PageContext } from "../main.js";

interface ProjectResponse {
  id: string;
  title: string;
  summary: string | null;
  frameworks: string[] | Record<string, unknown>;
  stages: Array<{ n: number; slug: string; title: string; instructionsHtml?: string }>;
}

export async function projectPage(ctx: PageContext, id: string): Promise<void> {
  const path = `/api/projects/${encodeURIComponent(id)}`;
  const [project, history] = await Promise.all([
    api<ProjectResponse>("GET", path),
    api<{ submissions: Submission[] }>("GET", `${path}/submissions`),
  ]);
  const frameworks = Array.isArray(project.frameworks) ? project.frameworks : Object.keys(project.frameworks);
  const last = history.submissions.find((s) => s.report !== null)?.report ?? null;
  const reached = last === null ? 0 : last.status === "pass" ? project.stages.length : (last.failed_stage ?? 1) - 1;

  const verdict = h("section", { class: "verdict", "aria-label": "Verdict" });
  if (last !== null) mount(verdict, verdictHeader(last), h("ol", { class: "tests" }, ...last.tests.filter((t) => t.status !== "pass").map(testItem)));
  const historyBox = h("section", {}, h("h2", {}, "Your submissions"), historyList(history.submissions, (sub) => {
    if (sub.report !== null) mount(verdict, verdictHeader(sub.report), h("ol", { class: "tests" }, ...sub.report.tests.map(testItem)));
  }));

  const file = h("input", { type: "file", name: "archive", accept: ".zip,.tar.gz,.tgz", required: true, "aria-label": "Project archive (.zip or .tar.gz)" });
  const upload = h("form", { class: "upload" }, file, h("button", { type: "submit", class: "primary" }, "Submit project"));
  upload.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (chosen === undefined) return;
    const form = new FormData();
    form.append("archive", chosen);
    try {
      const created = await sendWhenNotBusy(() => submitWork<{ id: string }>(`${path}/submissions`, form), { signal: ctx.signal, sleep, onWait: (left) => mount(verdict, busyNotice(left)) });
      await followSubmission(verdict, created.id, ctx.signal);
    } catch (error) {
      mount(verdict, h("p", { class: "error", role: "alert" }, error instanceof Error ? error.message : String(error)));
    }
  });

  mount(
    ctx.main,
    h("p", {}, h("a", { href: "/" }, "← Roadmap")),
    h("h1", {}, project.title),
    project.summary === null ? null : h("p", { class: "lead" }, project.summary),
    h("p", {}, `Build it with ${frameworks.join(", ")}. Each stage is tested over real HTTP against your running app.`),
    h("ol", { class: "stages" },
      ...project.stages.map((stage) => {
        const state = stage.n <= reached ? "passed" : stage.n === reached + 1 ? "current" : "later";
        const body = h("div", { class: "prose" });
        // instructionsHtml comes from the server's Markdown renderer, which escapes raw HTML.
        if (stage.instructionsHtml !== undefined) body.innerHTML = stage.instructionsHtml;
        return h("li", { class: `stage ${state}` },
          h("details", { open: state === "current" },
            h("summary", {}, `${stage.n <= reached ? "✓ " : ""}Stage ${stage.n}: ${stage.title}`), body));
      })),
    h("h2", {}, "Test on your machine"),
    h("pre", { class: "code" }, `cd my-${project.id}\nnpx roadwork test --project ${project.id} --stage ${Math.min(reached + 1, project.stages.length)}`),
    h("h2", {}, "Submit"),
    h("p", {}, "Upload your project folder as a .zip or .tar.gz (leave out virtual environments and databases), or from the command line: ",
      h("code", {}, `roadwork submit ${project.id} . --server ${location.origin} --token YOUR_TOKEN`)),
    upload,
    verdict,
    historyBox,
  );
}
