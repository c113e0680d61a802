/** Sign up and log in: one page, two forms, errors in words. */
import { api, ApiError } from "../api.js";
import { h, mount, act } from "../ui/dom.js";

export async function authPage(opts: { main: HTMLElement; mode: "login" | "signup"; onSignedIn: () => Promise<void> }): Promise<void> {
  let mode = opts.mode;
  const draw = (): void => {
    const error = h("p", { class: "error", role: "alert" });
    const field = (label: string, name: string, type: string, autocomplete: string) =>
      h("label", {}, label, h("input", { name, type, required: true, autocomplete }));
    const form = h(
      "form",
      { class: "card auth", "aria-label": mode === "signup" ? "Sign up" : "Log in" },
      h("h1", {}, mode === "signup" ? "Start the roadmap" : "Log in to roadwork"),
      h("p", { class: "muted" }, "Become a Python back-end developer on verified work: every step completes when your code passes its tests."),
      mode === "signup" ? field("Name", "name", "text", "name") : null,
      field("Email", "email", "email", "email"),
      field("Password", "password", "password", mode === "signup" ? "new-password" : "current-password"),
      error,
      h("button", { type: "submit", class: "primary" }, mode === "signup" ? "Sign up" : "Log in"),
      h("p", {}, mode === "signup" ? "Already have an account? " : "New here? ",
        h("button", { type: "button", class: "link", onclick: () => { mode = mode === "signup" ? "login" : "signup"; draw(); } }, mode === "signup" ? "Log in" : "Sign up")),
    );
    form.addEventListener("submit", act(async (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form).entries());
      try {
        await api("POST", mode === "signup" ? "/api/auth/signup" : "/api/auth/login", data);
        await opts.onSignedIn();
      } catch (e) {
        error.textContent = e instanceof ApiError ? e.message : "The server could not be reached. Try again in a moment.";
      }
    }));
    mount(opts.main, form);
    document.title = `${mode === "signup" ? "Sign up" : "Log in"} · roadwork`;
    form.querySelector("input")?.focus();
  };
  draw();
}
