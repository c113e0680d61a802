/** For mentors and admins: learners, what each has submitted, and the grade export. */
import { api, type Submission, type User } from "../api.js";
import { h, mount } from "../ui/dom.js";
import { historyList, testItem, verdictHeader } from "../ui/verdict.js";
import type { PageContext } from "./context.js";

export async function cohortPage(ctx: PageContext): Promise<void> {
  const { users, total } = await api<{ users: User[]; total: number }>("GET", "/api/admin/users?role=learner&limit=500");
  const detail = h("section", { "aria-live": "polite" });
  const show = async (user: User): Promise<void> => {
    const data = await api<{ submissions: Submission[] }>("GET", `/api/admin/users/${user.id}/submissions`);
    const report = h("div");
    mount(detail, h("h2", {}, `${user.name}'s submissions`),
      historyList(data.submissions, (sub) => {
        mount(report,
          h("p", {}, `${sub.itemKind} ${sub.itemId}`),
          sub.report === null ? h("p", { class: "muted" }, sub.status) : verdictHeader(sub.report),
          h("ol", { class: "tests" }, ...(sub.report?.tests ?? []).map(testItem)),
          typeof sub.source === "string" ? h("pre", { class: "code" }, sub.source) : null);
      }),
      report);
  };
  mount(
    ctx.main,
    h("h1", {}, "All learners"),
    h("p", {}, `${total} learner${total === 1 ? "" : "s"}. `, h("a", { href: "/api/admin/grades.csv", download: "roadwork-grades.csv" }, "Download grades (CSV)")),
    h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Email"), h("th", {}, "Joined"))),
      h("tbody", {}, ...users.map((u) => h("tr", {},
        h("td", {}, h("button", { type: "button", class: "link", onclick: () => void show(u) }, u.name)),
        h("td", {}, u.email),
        h("td", {}, new Date(u.createdAt).toLocaleDateString()))))),
    detail,
  );
}
