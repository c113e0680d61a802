/** A project: upload first, then the verdict, the stages and their state, and how to test locally. */
import { api, submitWork, type GradeReport, type Submission } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import { sendWhenNotBusy, sleep } from "../busy-retry.js";
import { busyNotice, followSubmission, historyList, testItem, verdictHeader } from "../ui/verdict.js";
import { celebration } from "../ui/celebrate.js";
import type { PageContext } from "./context.js";
import { reviewAsk } from "../ui/review-ask.js";

interface ProjectResponse {
  id: string;
  title: string;
  summary: string | null;
  frameworks: string[] | Record<string, unknown>;
  /** Frameworks the project hands out starter code for (a codebase to join); none for most. */
  starters?: string[];
  stages: Array<{ n: number; slug: string; title: string; instructionsHtml?: string }>;
}

export async function projectPage(ctx: PageContext, id: string): Promise<void> {
  const path = `/api/projects/${encodeURIComponent(id)}`;
  const [project, history] = await Promise.all([
    api<ProjectResponse>("GET", path),
    api<{ submissions: Submission[] }>("GET", `${path}/submissions`),
  ]);
  const frameworks = Array.isArray(project.frameworks) ? project.frameworks : Object.keys(project.frameworks);
  const verdict = h("section", { class: "verdict", "aria-label": "Verdict", tabindex: -1 });
  const stages = h("ol", { class: "stages" });
  const local = h("pre", { class: "code" });
  const historyBox = h("section", {});

  // Everything that depends on the submissions is drawn here, again after each upload.
  const refresh = (submissions: Submission[]): void => {
    const last = submissions.find((sub) => sub.report !== null)?.report ?? null;
    const reached = stagesReached(last, project.stages.length);
    if (last !== null && verdict.childElementCount === 0) showReport(verdict, last, false);
    mount(stages, ...project.stages.map((stage) => {
      const state = stage.n <= reached ? "passed" : stage.n === reached + 1 ? "current" : "later";
      const body = h("div", { class: "prose" });
      // instructionsHtml comes from the server's Markdown renderer, which escapes raw HTML.
      if (stage.instructionsHtml !== undefined) body.innerHTML = stage.instructionsHtml;
      return h("li", { class: `stage ${state}` },
        h("details", { open: state === "current" },
          h("summary", {}, `${stage.n <= reached ? "✓ " : ""}Stage ${stage.n}: ${stage.title}`), body));
    }));
    local.textContent = `npx roadwork test --dir ~/my-${project.id} --project ${project.id} --stage ${Math.min(reached + 1, project.stages.length)}`;
    mount(historyBox, h("h2", {}, "Your submissions"), historyList(submissions, (sub) => {
      if (sub.report !== null) showReport(verdict, sub.report, true);
    }));
  };
  refresh(history.submissions);

  const file = h("input", { type: "file", name: "archive", accept: ".zip,.tar.gz,.tgz", required: true, id: "archive" });
  const send = h("button", { type: "submit", class: "primary" }, "Submit project");
  const upload = h("form", { class: "upload" }, h("label", { for: "archive", class: "sr" }, "Project archive (.zip or .tar.gz)"), file, send);
  upload.addEventListener("submit", act(async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (chosen === undefined) return;
    const form = new FormData();
    form.append("archive", chosen);
    send.disabled = true;
    try {
      const created = await sendWhenNotBusy(() => submitWork<{ id: string }>(`${path}/submissions`, form), { signal: ctx.signal, sleep, onWait: (left) => mount(verdict, busyNotice(left)) });
      const report = await followSubmission(verdict, created.id, ctx.signal);
      if (report !== null) showReport(verdict, report, true);
      if (report?.status === "pass") verdict.prepend(await celebration({ kind: "project", id: project.id }));
      refresh((await api<{ submissions: Submission[] }>("GET", `${path}/submissions`)).submissions);
      verdict.focus();
    } catch (error) {
      mount(verdict, h("p", { class: "error", role: "alert" }, error instanceof Error ? error.message : String(error)));
    } finally {
      send.disabled = false;
    }
  }));

  mount(
    ctx.main,
    h("p", {}, h("a", { href: "/" }, "← Roadmap")),
    h("h1", {}, project.title),
    project.summary === null ? null : h("p", { class: "lead" }, project.summary),
    h("p", {}, `Build it with ${frameworks.join(", ")}. Each stage is tested over real HTTP against your running app; read the stages below, build, then submit.`),
    (project.starters ?? []).length === 0
      ? null
      : h("p", {}, "This project starts from code you are given: ",
        ...(project.starters ?? []).map((fw) => h("a", { href: `/api/projects/${project.id}/starter/${fw}.tar.gz`, download: "" }, `download the ${fw} starter`)),
        ` (or run `, h("code", {}, `roadwork start ${project.id}`), ")."),
    h("section", { class: "upload-box", "aria-labelledby": "submit-heading" },
      h("h2", { id: "submit-heading" }, "Submit your project"),
      h("p", {}, "Upload your project folder as a .zip or .tar.gz (leave out virtual environments and databases). The stages are tested in order; the first failing test is shown here."),
      upload,
      verdict),
    h("h2", {}, `Stages (${project.stages.length})`),
    stages,
    h("h2", {}, "Test on your machine (optional)"),
    h("p", {}, "The same tests run on your own Debian machine from a checkout of roadwork (after ", h("code", {}, "npm install"),
      " there; see the README). Run this in the checkout, with the path to your project folder:"),
    local,
    h("p", {}, "To submit from the command line instead of uploading, create a token on ", h("a", { href: "/account" }, "your account page"), " and run, in the checkout:"),
    h("pre", { class: "code" }, `npx roadwork submit ${project.id} ~/my-${project.id} --server ${location.origin} --token YOUR_TOKEN`),
    h("p", {}, "Or push it with git: every push of a branch is graded, and the stages show in git's output. Once, in your project's repository (git asks for a password: give the token):"),
    h("pre", { class: "code" }, `git remote add roadwork ${location.origin}/git/${project.id}.git\ngit push roadwork main`),
    historyBox,
    reviewAsk("project", project.id, ctx.navigate),
  );
}

/** Stages passed: all of them on a pass, those before the failed stage otherwise. */
function stagesReached(last: GradeReport | null, count: number): number {
  if (last === null) return 0;
  return last.status === "pass" ? count : Math.max(0, (last.failed_stage ?? 1) - 1);
}

/** The report of a submission: the header, then every test (or only the failing ones for an old one). */
function showReport(box: HTMLElement, report: GradeReport, allTests: boolean): void {
  mount(box, verdictHeader(report), h("ol", { class: "tests" }, ...report.tests.filter((t) => allTests || t.status !== "pass").map(testItem)));
}
