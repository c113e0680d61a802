/** Account: personal tokens for `roadwork submit` (shown once), and revoking them. */
import { api } from "../api.js";
import { h, mount, act } from "../ui/dom.js";
import type { PageContext } from "./context.js";

interface TokenInfo { id: string; name: string; createdAt: string; lastUsedAt: string | null }

export async function accountPage(ctx: PageContext): Promise<void> {
  const { tokens } = await api<{ tokens: TokenInfo[] }>("GET", "/api/tokens");
  const fresh = h("div", { "aria-live": "polite" });
  const name = h("input", { id: "token-name", name: "name", required: true, maxlength: 100, placeholder: "for example: laptop" });
  const form = h("form", { class: "upload" }, h("label", { for: "token-name", class: "above" }, "Token name"), name, h("button", { type: "submit", class: "primary" }, "Create a token"));
  form.addEventListener("submit", act(async (event) => {
    event.preventDefault();
    const created = await api<{ token: string }>("POST", "/api/tokens", { name: name.value });
    await accountPage(ctx);
    ctx.main.querySelector("[aria-live]")?.replaceChildren(
      h("p", {}, "Copy this token now; it will not be shown again:"),
      h("pre", { class: "code" }, created.token),
      h("pre", { class: "code" }, `roadwork submit running-total solution.py --server ${location.origin} --token ${created.token}`));
  }));
  mount(
    ctx.main,
    h("h1", {}, "Your account"),
    h("p", {}, `${ctx.user.name} · ${ctx.user.email} · ${ctx.user.role}`),
    emailSettings(),
    h("h2", {}, "Tokens for the command line"),
    h("p", { class: "muted" }, "A token lets ", h("code", {}, "roadwork submit"), " send work from your own editor and terminal, as you."),
    form,
    fresh,
    tokens.length === 0
      ? h("p", { class: "muted" }, "No tokens yet.")
      : h("table", {},
        h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Created"), h("th", {}, "Last used"), h("th", {}, ""))),
        h("tbody", {}, ...tokens.map((t) => h("tr", {},
          h("td", {}, t.name),
          h("td", {}, new Date(t.createdAt).toLocaleDateString()),
          h("td", {}, t.lastUsedAt === null ? "never" : new Date(t.lastUsedAt).toLocaleString()),
          h("td", {}, h("button", { type: "button", class: "link", onclick: act(async () => { await api("DELETE", `/api/tokens/${t.id}`); await accountPage(ctx); }) }, "Revoke")))))),
  );
}

/** Review notifications by email: on unless turned off here; the app shows them either way. */
function emailSettings(): HTMLElement {
  const box = h("section", { "aria-labelledby": "email-heading" }, h("h2", { id: "email-heading" }, "Email notifications"));
  void api<{ email: boolean; emailConfigured: boolean }>("GET", "/api/notifications/settings").then((settings) => {
    const check = h("input", { type: "checkbox", id: "email-notifications", checked: settings.email });
    const saved = h("span", { class: "muted", role: "status" });
    check.addEventListener("change", act(async () => {
      const result = await api<{ email: boolean }>("PUT", "/api/notifications/settings", { email: check.checked });
      saved.textContent = result.email ? "Saved: you will get email." : "Saved: notifications stay in the app.";
    }));
    box.append(
      h("p", {}, check, " ", h("label", { for: "email-notifications" }, "Email me when someone comments on, decides on or updates a review I am part of"), " ", saved),
      ...(settings.emailConfigured ? [] : [h("p", { class: "muted" }, "This server sends no email yet (its operator has not set --smtp-url); you see every notification under Reviews.")]));
  });
  return box;
}
