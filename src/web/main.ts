/** The single-page front end: a small History-API router over the JSON API. */
import "./styles.css";
import { api, ApiError, setCsrf, type User } from "./api.js";
import { h, mount, act } from "./ui/dom.js";
import { authPage } from "./pages/auth.js";
import { landingPage } from "./pages/landing.js";
import { roadmapPage } from "./pages/roadmap.js";
import type { PageContext } from "./pages/context.js";

type Render = (ctx: PageContext, ...params: string[]) => Promise<void>;
type Route = { pattern: RegExp; render: Render; role?: "mentor" };

/**
 * A page loaded on first visit: its own chunk, so the shell, sign-up/log-in and the roadmap
 * never download CodeMirror (the exercise and solutions pages' editor) or pages not opened.
 */
function lazy<M>(load: () => Promise<M>, pick: (module: M) => Render): Render {
  return async (ctx, ...params) => pick(await load())(ctx, ...params);
}

const routes: Route[] = [
  // The roadmap is the page after signing in: kept in the entry chunk, no second round trip.
  { pattern: /^\/$/, render: roadmapPage },
  { pattern: /^\/steps\/([a-z0-9-]+)$/, render: lazy(() => import("./pages/step.js"), (m) => m.stepPage) },
  { pattern: /^\/exercises\/([a-z0-9-]+)$/, render: lazy(() => import("./pages/exercise.js"), (m) => m.exercisePage) },
  { pattern: /^\/projects\/([a-z0-9-]+)$/, render: lazy(() => import("./pages/project.js"), (m) => m.projectPage) },
  { pattern: /^\/progress$/, render: lazy(() => import("./pages/progress.js"), (m) => m.progressPage) },
  { pattern: /^\/account$/, render: lazy(() => import("./pages/account.js"), (m) => m.accountPage) },
  { pattern: /^\/cohort$/, render: lazy(() => import("./pages/cohort.js"), (m) => m.cohortPage), role: "mentor" },
  { pattern: /^\/exercises\/([a-z0-9-]+)\/solutions$/, render: lazy(() => import("./pages/solutions.js"), (m) => m.solutionsPage) },
  { pattern: /^\/cohorts$/, render: lazy(() => import("./pages/cohorts.js"), (m) => m.cohortsPage) },
  { pattern: /^\/cohorts\/([A-Za-z0-9_-]+)$/, render: lazy(() => import("./pages/cohort-dashboard.js"), (m) => m.cohortDashboardPage) },
  { pattern: /^\/cohorts\/([A-Za-z0-9_-]+)\/learners\/([A-Za-z0-9_-]+)$/, render: lazy(() => import("./pages/cohort-dashboard.js"), (m) => m.cohortLearnerPage) },
  { pattern: /^\/reviews$/, render: lazy(() => import("./pages/reviews.js"), (m) => m.reviewsPage) },
  { pattern: /^\/reviews\/([A-Za-z0-9_-]+)$/, render: lazy(() => import("./pages/review.js"), (m) => m.reviewPage) },
  { pattern: /^\/join\/([A-Za-z0-9_-]+)$/, render: lazy(() => import("./pages/cohorts.js"), (m) => m.joinPage) },
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
    // Every learner on this server, for mentors and admins: not one of the cohorts beside it.
    user.role === "learner" ? null : link("/cohort", "Learners"),
    link("/cohorts", "Cohorts"),
    reviewsLink(link("/reviews", "Reviews")),
    h("a", { href: "/account", class: "who" }, user.name),
    h("button", {
      class: "link",
      type: "button",
      onclick: act(async () => {
        await api("POST", "/api/auth/logout");
        user = null;
        setCsrf(null);
        localStorage.setItem(RETURNING_KEY, "1");
        navigate("/login");
      }),
    }, "Log out"),
  );
}

/** "Reviews" with the unread notification count beside it, refreshed on each page and when a page reads them. */
const unreadCount = h("span", { class: "nav-count" });
function reviewsLink(anchor: HTMLAnchorElement): HTMLAnchorElement {
  anchor.append(unreadCount);
  void refreshUnread();
  return anchor;
}
async function refreshUnread(): Promise<void> {
  try {
    const { unread } = await api<{ unread: number }>("GET", "/api/notifications/unread");
    if (unread === 0) unreadCount.replaceChildren();
    else unreadCount.replaceChildren(String(unread), h("span", { class: "sr" }, " unread"));
  } catch {
    // The count is a convenience: the Reviews page lists the notifications either way.
  }
}
document.addEventListener("roadwork:notifications", () => void refreshUnread());

async function render(): Promise<void> {
  leave.abort();
  leave = new AbortController();
  renderNav();
  let path = location.pathname;
  const authMode = AUTH_PATHS[path];
  if (authMode !== undefined && user !== null) {
    // Already signed in: the sign-up and log-in addresses lead to the roadmap.
    history.replaceState(null, "", "/");
    path = "/";
  }
  const route = routes.find((r) => r.pattern.test(path));
  if (user === null && authMode !== undefined) {
    await showAuth(authMode);
    return;
  } else if (user === null && path === "/") {
    // Visitors see what roadwork is and the roadmap before being asked for an account.
    await landingPage({ main, returning: returning(), onChoose: (mode) => navigate(mode === "login" ? "/login" : "/signup") });
    document.title = "roadwork · learn Python back-end development";
    return;
  } else if (route === undefined) {
    // The server answered this URL with status 404 too; signed in or not, say so.
    notFound();
  } else if (user === null) {
    // The form titles the page itself, as it switches between sign up and log in.
    await showAuth(returning() ? "login" : "signup");
    return;
  } else if (route.role === "mentor" && user.role === "learner") {
    forbidden();
  } else {
    mount(main, h("p", { class: "muted" }, "Loading…"));
    try {
      await route.render({ user, main, navigate, signal: leave.signal }, ...(route.pattern.exec(path) ?? []).slice(1));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) notFound();
      else if (error instanceof ApiError && error.status === 403) forbidden();
      else mount(main, h("h1", {}, "Something went wrong"), h("p", { class: "error" }, error instanceof Error ? error.message : String(error)), h("p", {}, h("a", { href: "/" }, "Back to the roadmap")));
    }
    main.focus({ preventScroll: true });
  }
  // Each page is titled by its own heading, so tabs, history and screen readers tell them apart.
  const heading = main.querySelector("h1")?.textContent?.trim();
  document.title = heading ? `${heading} · roadwork` : "roadwork";
}

const AUTH_PATHS: Partial<Record<string, "login" | "signup">> = { "/login": "login", "/signup": "signup" };

async function showAuth(mode: "login" | "signup"): Promise<void> {
  await authPage({ main, mode, onSignedIn: async () => {
    localStorage.setItem(RETURNING_KEY, "1");
    await loadUser();
    // Signed in from the landing page's forms: on to the roadmap; from any other page: stay there.
    if (AUTH_PATHS[location.pathname] !== undefined) history.replaceState(null, "", "/");
    await render();
  } });
}

// Someone who has signed in on this browser before (or just logged out) is shown the log-in form first.
const RETURNING_KEY = "roadwork:returning";
function returning(): boolean {
  return localStorage.getItem(RETURNING_KEY) !== null;
}

function notFound(): void {
  mount(main, h("h1", {}, "Page not found"), h("p", {}, "There is no page at this address. It may have moved, or the link may have a typo."),
    h("p", {}, h("a", { href: "/" }, user === null ? "Go to the start page" : "Back to the roadmap")));
}

function forbidden(): void {
  mount(main, h("h1", {}, "Not for your account"), h("p", {}, "This page is for mentors and admins. You are signed in as a learner, so it is not open to you."),
    h("p", {}, "If you teach this cohort, ask an admin to give your account the mentor role. ", h("a", { href: "/" }, "Back to the roadmap")));
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
