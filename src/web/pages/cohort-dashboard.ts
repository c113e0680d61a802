/**
 * A cohort's dashboard for its mentors: learners x roadmap items as a heatmap (passed,
 * failing attempts, not started, days since the last attempt), sortable, stuck learners
 * highlighted; a learner's timeline of attempts; mentors of the cohort (admins manage them).
 */
import "../community.css";
import { api } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import type { PageContext } from "./context.js";
import { inviteLink, type CohortInfo } from "./cohorts.js";

/** The API's one-character cell states (docs/api.md). */
type CellState = "p" | "s" | "f" | "-";
interface Item { kind: "exercise" | "project"; id: string; title: string; stepId: string }
interface Learner { id: string; name: string; email: string; passed: number; failing: number; lastActivityAt: string | null; daysSinceActivity: number | null; stuck: boolean; stuckReasons: string[]; cells: string; fails: number[]; days: Array<number | null> }
interface Dashboard { cohort: CohortInfo; items: Item[]; learners: Learner[] }
interface Member { id: string; name: string; email: string; role: "learner" | "mentor" }

type SortKey = "stuck" | "name" | "passed" | "activity";
const SORTS: Array<[SortKey, string]> = [["stuck", "Stuck first"], ["name", "Name"], ["passed", "Most passed"], ["activity", "Longest inactive"]];

function sortLearners(learners: Learner[], key: SortKey): Learner[] {
  const byName = (a: Learner, b: Learner): number => a.name.localeCompare(b.name);
  const idle = (l: Learner): number => l.daysSinceActivity ?? Number.MAX_SAFE_INTEGER;
  const compare: Record<SortKey, (a: Learner, b: Learner) => number> = {
    stuck: (a, b) => Number(b.stuck) - Number(a.stuck) || a.passed - b.passed || byName(a, b),
    name: byName,
    passed: (a, b) => b.passed - a.passed || byName(a, b),
    activity: (a, b) => idle(b) - idle(a) || byName(a, b),
  };
  return [...learners].sort(compare[key]);
}

const CELL_CLASS: Record<CellState, string> = { p: "passed", s: "stuck", f: "failing", "-": "none" };
const CELL_TEXT: Record<CellState, string> = { p: "passed", s: "stuck", f: "failing", "-": "not started" };

function cellNode(learner: Learner, i: number, item: Item): HTMLElement {
  const state = (learner.cells[i] ?? "-") as CellState;
  const fails = learner.fails[i] ?? 0;
  const days = learner.days[i] ?? null;
  const detail = `${item.title}: ${CELL_TEXT[state]}${fails > 0 ? `, ${fails} failing attempt${fails === 1 ? "" : "s"}` : ""}${days === null ? "" : `, last attempt ${days} day${days === 1 ? "" : "s"} ago`}`;
  return h("td", { class: `cell ${CELL_CLASS[state]}`, title: detail }, h("span", { "aria-hidden": "true" }, state === "p" ? "✓" : fails > 0 ? fails : ""), h("span", { class: "sr" }, detail));
}

export async function cohortDashboardPage(ctx: PageContext, id: string): Promise<void> {
  const base = `/api/cohorts/${encodeURIComponent(id)}`;
  const data = await api<Dashboard>("GET", `${base}/dashboard`);
  let sort: SortKey = "stuck";
  const tableBox = h("div", { class: "heatmap-box" });
  const renderTable = (): void => {
    const rows = sortLearners(data.learners, sort).map((l) =>
      h("tr", { class: l.stuck ? "stuck-row" : "" },
        h("th", { scope: "row", class: "learner" },
          h("a", { href: `/cohorts/${id}/learners/${l.id}` }, l.name),
          l.stuck ? h("span", { class: "stuck-badge", title: l.stuckReasons.join("; ") }, "stuck") : null,
          l.stuck ? h("span", { class: "sr" }, `: ${l.stuckReasons.join("; ")}`) : null),
        h("td", { class: "num" }, `${l.passed}/${data.items.length}`),
        h("td", { class: "num" }, l.daysSinceActivity === null ? "never" : `${l.daysSinceActivity} d`),
        ...data.items.map((item, i) => cellNode(l, i, item))));
    mount(tableBox, h("table", { class: "heatmap" },
      h("caption", { class: "sr" }, "Learners by roadmap item"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Learner"), h("th", { scope: "col" }, "Passed"), h("th", { scope: "col" }, "Last active"),
        ...data.items.map((item, i) => h("th", { scope: "col", class: "item-head", title: item.title }, h("span", {}, `${i + 1}. ${item.title}`))))),
      h("tbody", {}, ...rows)));
  };
  const sorter = h("select", { "aria-label": "Sort learners" }, ...SORTS.map(([key, label]) => h("option", { value: key }, label)));
  sorter.addEventListener("change", () => {
    sort = sorter.value as SortKey;
    renderTable();
  });
  renderTable();
  const stuck = data.learners.filter((l) => l.stuck).length;
  mount(ctx.main,
    h("p", {}, h("a", { href: "/cohorts" }, "← Cohorts")),
    h("h1", {}, data.cohort.name),
    h("p", { class: "lead" }, `${data.cohort.trackTitle} · ${data.learners.length} learner${data.learners.length === 1 ? "" : "s"} · ${stuck} stuck`),
    inviteLink(data.cohort),
    h("div", { class: "actions" }, h("label", {}, "Sort: ", sorter), h("a", { href: `${base}/grades.csv`, download: "" }, "Download CSV")),
    h("ul", { class: "legend" },
      h("li", {}, h("span", { class: "swatch cell passed" }), "passed"),
      h("li", {}, h("span", { class: "swatch cell failing" }), "failing attempts (number)"),
      h("li", {}, h("span", { class: "swatch cell stuck" }), "stuck: 3+ failing, not passed"),
      h("li", {}, h("span", { class: "swatch cell none" }), "not started")),
    data.learners.length === 0 ? h("p", { class: "muted" }, "No learner has joined yet. Share the invite link.") : tableBox,
    await mentorsSection(ctx, base));
}

async function mentorsSection(ctx: PageContext, base: string): Promise<HTMLElement> {
  const { members } = await api<{ members: Member[] }>("GET", `${base}/members`);
  const box = h("section", { "aria-label": "Mentors" }, h("h2", {}, "Mentors"),
    h("ul", { class: "items" }, ...members.filter((m) => m.role === "mentor").map((m) => h("li", {}, `${m.name} (${m.email}) `,
      ctx.user.role === "admin" && m.id !== ctx.user.id
        ? h("button", { type: "button", class: "link", onclick: act(async () => { await api("PATCH", `${base}/members/${m.id}`, { role: "learner" }); location.reload(); }) }, "Remove mentor role")
        : null))));
  if (ctx.user.role !== "admin") return box;
  const email = h("input", { type: "email", required: true, "aria-label": "Email of the new mentor", placeholder: "mentor@example.org" });
  const note = h("span", { class: "muted", "aria-live": "polite" });
  const form = h("form", { class: "upload" }, email, h("button", { type: "submit", class: "primary" }, "Make mentor of this cohort"), note);
  form.addEventListener("submit", act(async (event) => {
    event.preventDefault();
    try {
      await api("POST", `${base}/mentors`, { email: email.value });
      location.reload();
    } catch (error) {
      note.textContent = error instanceof Error ? error.message : String(error);
    }
  }));
  box.append(form);
  return box;
}

interface Timeline { cohort: CohortInfo; learner: { id: string; name: string; email: string; joinedAt: string }; timeline: Array<{ submissionId: string; itemKind: string; itemId: string; itemTitle: string; status: string; createdAt: string; testsPassed: number; testsTotal: number }> }

export async function cohortLearnerPage(ctx: PageContext, id: string, userId: string): Promise<void> {
  const data = await api<Timeline>("GET", `/api/cohorts/${encodeURIComponent(id)}/learners/${encodeURIComponent(userId)}`);
  mount(ctx.main,
    h("p", {}, h("a", { href: `/cohorts/${id}` }, `← ${data.cohort.name}`)),
    h("h1", {}, data.learner.name),
    h("p", { class: "lead" }, `${data.learner.email} · joined ${new Date(data.learner.joinedAt).toLocaleDateString()} · ${data.timeline.length} attempt${data.timeline.length === 1 ? "" : "s"}`),
    data.timeline.length === 0 ? h("p", { class: "muted" }, "No attempts yet.") : h("ol", { class: "timeline", reversed: true },
      ...data.timeline.map((t) => h("li", { class: t.status },
        h("time", { datetime: t.createdAt }, new Date(t.createdAt).toLocaleString()), " ",
        h("strong", {}, t.itemTitle), " ",
        h("span", { class: `state ${t.status}` }, t.status),
        t.testsTotal > 0 ? h("span", { class: "muted" }, ` (${t.testsPassed}/${t.testsTotal} tests)`) : null))));
}
