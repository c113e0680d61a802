/** Cohorts: the ones you are in, creating one (mentors, admins), and joining by an invite link. */
import "../community.css";
import { api } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import type { PageContext } from "./context.js";

export interface CohortInfo { id: string; name: string; trackId: string; trackTitle: string; createdAt: string; inviteCode?: string; inviteUrl?: string; myRole?: "learner" | "mentor" | null; learners?: number }

export function inviteLink(cohort: CohortInfo): HTMLElement | null {
  if (cohort.inviteUrl === undefined) return null;
  const url = `${location.origin}${cohort.inviteUrl}`;
  return h("p", { class: "invite" }, "Invite link: ", h("code", {}, url), " ",
    h("button", { type: "button", class: "secondary", onclick: () => void navigator.clipboard?.writeText(url) }, "Copy"));
}

export async function cohortsPage(ctx: PageContext): Promise<void> {
  const { cohorts } = await api<{ cohorts: CohortInfo[] }>("GET", "/api/cohorts");
  const educator = ctx.user.role !== "learner";
  const name = h("input", { id: "cohort-name", name: "name", required: true, maxlength: 100, placeholder: "for example: Spring 2026" });
  const form = h("form", { class: "upload" }, h("label", { for: "cohort-name", class: "above" }, "Cohort name"), name, h("button", { type: "submit", class: "primary" }, "Create a cohort"));
  form.addEventListener("submit", act(async (event) => {
    event.preventDefault();
    const { cohort } = await api<{ cohort: CohortInfo }>("POST", "/api/cohorts", { name: name.value });
    ctx.navigate(`/cohorts/${cohort.id}`);
  }));
  mount(ctx.main,
    h("h1", {}, "Cohorts"),
    educator ? h("section", {}, h("h2", {}, "New cohort"), h("p", { class: "muted" }, "A cohort follows one track together. You get an invite link to share with your learners."), form) : null,
    cohorts.length === 0
      ? h("p", { class: "muted" }, educator ? "No cohorts yet." : "You are in no cohort. Your teacher will send you an invite link.")
      : h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, "Cohort"), h("th", {}, "Track"), h("th", {}, "Learners"), h("th", {}, "You are"))),
        h("tbody", {}, ...cohorts.map((c) => {
          const staff = ctx.user.role === "admin" || c.myRole === "mentor";
          return h("tr", {},
            h("td", {}, staff ? h("a", { href: `/cohorts/${c.id}` }, c.name) : c.name),
            h("td", {}, c.trackTitle),
            h("td", {}, c.learners ?? 0),
            h("td", {}, c.myRole ?? (ctx.user.role === "admin" ? "admin" : "")));
        }))));
}

export async function joinPage(ctx: PageContext, code: string): Promise<void> {
  const path = `/api/cohorts/invite/${encodeURIComponent(code)}`;
  const { cohort, myRole } = await api<{ cohort: CohortInfo; myRole: string | null }>("GET", path);
  const status = h("div", { "aria-live": "polite" });
  const join = h("button", { type: "button", class: "primary" }, `Join ${cohort.name}`);
  join.addEventListener("click", act(async () => {
    join.disabled = true;
    await api("POST", `${path}/join`);
    mount(status, h("p", { role: "status" }, `You joined ${cohort.name}. `, h("a", { href: "/" }, "Go to the roadmap")));
    join.hidden = true;
  }));
  mount(ctx.main,
    h("h1", {}, `Join ${cohort.name}`),
    h("p", { class: "lead" }, `A cohort following the track “${cohort.trackTitle}”. Its mentors will see your progress on that track and help where you are stuck.`),
    myRole === null ? join : h("p", {}, `You are already in this cohort (as ${myRole}). `, h("a", { href: "/" }, "Go to the roadmap")),
    status);
}
