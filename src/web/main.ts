/** The single-page front end: a small History-API router over the JSON API. */
import "./styles.css";
import { api, ApiError, setCsrf, type User } from "./api.js";
import { h, mount } from "./ui/dom.js";
import { authPage } from "./pages/auth.js";
import { roadmapPage } from "./pages/roadmap.js";
import { exercisePage } from "./pages/exercise.js";
import { projectPage } from "./pages/project.js";
import { progressPage } from "./pages/progress.js";
import { stepPage } from "./pages/step.js";
import { accountPage } from "./pages/account.js";
import { cohortPage } from "./pages/cohort.js";
import { solutionsPage } from "./pages/solutions.js";
import { cohortsPage, joinPage } from "./pages/cohorts.js";
import { cohortDashboardPage, cohortLearnerPage } from "./pages/cohort-dashboard.js";

export interface PageContext {
  user: User;
  main: HTMLElement;
  navigate: (path: string) => void;
  /** Aborted when the learner leaves the page: close streams and timers with it. */
  signal: AbortSignal;
}

type Route = { pattern: RegExp; render: (ctx: PageContext, ...params: string[]) => Promise<void> };

const routes: Route[] = [
  { pattern: /^\/$/, render: roadmapPage },
  { pattern: /^\/steps\/([a-z0-9-]+)$/, render: stepPage },
  { pattern: /^\/exercises\/([a-z0-9-]+)$/, render: exercisePage },
  { pattern: /^\/projects\/([a-z0-9-]+)$/, render: projectPage },
  { pattern: /^\/progress$/, render: progressPage },
  { pattern: /^\/account$/, render: accountPage },
  { pattern: /^\/cohort$/, render: cohortPage },
  { pattern: /^\/exercises\/([a-z0-9-]+)\/solutions$/, render: solutionsPage },
  { pattern: /^\/cohorts$/, render: cohortsPage },
  { pattern: /^\/cohorts\/([A-Za-z0-9_-]+)$/, render: cohortDashboardPage },
  { pattern: /^\/cohorts\/([A-Za-z0-9_-]+)\/learners\/([A-Za-z0-9_-]+)$/, render: cohortLearnerPage },
  { pattern: /^\/join\/([A-Za-z0-9_-]+)$/, render: joinPage },
];

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("nav") as HTMLElement;
let user: User | null = null;
let leave = new AbortController();

function navigate(path: string): void {
  history.pushState(null, "", path);
  void render();
}

async function loadUser(): Promise<void> {
  try {
    const me = await api<{ user: User; csrfToken: string | null }>("GET", "/api/auth/me");
    user = me.user;
    setCsrf(me.csrfToken);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    user = null;
    setCsrf(null);
  }
}

function renderNav(): void {
  if (user === null) {
    mount(nav);
    return;
  }
  const link = (href: string, text: string) => h("a", { href, "aria-current": location.pathname === href ? "page" : undefined }, text);
  mount(
    nav,
    link("/", "Roadmap"),
    link("/progress", "Progress"),
    user.role === "learner" ? null : link("/cohort", "Cohort"),
    link("/cohorts", "Cohorts"),
    h("a", { href: "/account", class: "who" }, user.name),
    h("button", {
      class: "link",
      type: "button",
      onclick: async () => {
        await api("POST", "/api/auth/logout");
        user = null;
        setCsrf(null);
        navigate("/");
      },
    }, "Log out"),
  );
}

async function render(): Promise<void> {
  leave.abort();
  leave = new AbortController();
  renderNav();
  if (user === null) {
    await authPage({ main, onSignedIn: async () => { await loadUser(); await render(); } });
    return;
  }
  const path = location.pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (match === null) continue;
    mount(main, h("p", { class: "muted" }, "Loading…"));
    try {
      await route.render({ user, main, navigate, signal: leave.signal }, ...match.slice(1));
    } catch (error) {
      mount(main, h("h1", {}, "Something went wrong"), h("p", { class: "error" }, error instanceof Error ? error.message : String(error)), h("p", {}, h("a", { href: "/" }, "Back to the roadmap")));
    }
    main.focus({ preventScroll: true });
    return;
  }
  mount(main, h("h1", {}, "Not found"), h("p", {}, "There is no page here. ", h("a", { href: "/" }, "Back to the roadmap")));
}

// Same-origin links navigate inside the app; modified clicks open tabs as usual.
document.addEventListener("click", (event) => {
  const anchor = (event.target as Element | null)?.closest?.("a");
  if (!anchor || anchor.target || anchor.hasAttribute("download") || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  const url = new URL(anchor.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener("popstate", () => void render());

await loadUser();
await render();
