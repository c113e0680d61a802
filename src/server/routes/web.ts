/**
 * The front end: the built Vite app from src/web/dist (index.html for every non-API page,
 * so client-side routes survive a reload, and its assets), or a plain page saying how to
 * build it. The server renders nothing else: everything else is the JSON API.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply } from "fastify";
import fastifyStatic from "@fastify/static";
import { sendError } from "../errors.js";
import type { RouteContext } from "../deps.js";

// src/server/routes and dist/server/routes are both three levels below the package root.
const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>roadwork</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>roadwork</h1>
<p>The server is running, but the web front end has not been built yet, so there is nothing to show here.</p>
<p>Build it with <code>npx vite build src/web</code> (it lands in <code>src/web/dist</code>) and reload this page.
The JSON API works already: see <code>docs/api.md</code>, and <a href="/healthz">/healthz</a>.</p>
</body></html>
`;

const HTML_HEADERS = {
  "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  // The shell names the hashed assets of the current build: revalidate it on every visit, so
  // a deploy is seen at once, while the assets themselves are cached for a year.
  "cache-control": "no-cache",
};

/** Vite puts a content hash in every asset's name, so an asset's bytes never change under it. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/** The front end's routes (src/web/main.ts), with ids checked against the loaded tracks. */
export function isAppPage(path: string, catalog: Pick<RouteContext["catalog"], "step" | "exercise" | "project">): boolean {
  if (["/", "/login", "/signup", "/progress", "/account", "/cohort", "/cohorts"].includes(path)) return true;
  // Community pages: a cohort, a learner of it, an invite link (the page says what is wrong
  // with an unknown id), and an exercise's solutions.
  if (/^\/cohorts\/[A-Za-z0-9_-]+(\/learners\/[A-Za-z0-9_-]+)?$/.test(path) || /^\/join\/[A-Za-z0-9_-]+$/.test(path)) return true;
  const solutions = /^\/exercises\/([a-z0-9-]+)\/solutions$/.exec(path);
  if (solutions) return catalog.exercise(solutions[1] ?? "") !== undefined;
  const match = /^\/(steps|exercises|projects)\/([a-z0-9-]+)$/.exec(path);
  if (match === null) return false;
  const [, kind, id = ""] = match;
  return kind === "steps" ? catalog.step(id) !== undefined : kind === "exercises" ? catalog.exercise(id) !== undefined : catalog.project(id) !== undefined;
}

export default async function webRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const root = ctx.webRoot ?? join(PACKAGE_ROOT, "src", "web", "dist");
  const indexPath = join(root, "index.html");
  const built = existsSync(indexPath);
  const shell = built ? readFileSync(indexPath, "utf8") : NOT_BUILT;

  if (built && existsSync(join(root, "assets"))) {
    // Only dist/assets is served (not dist/.vite's manifest); index.html is the shell below.
    // preCompressed: the .br/.gz that the build wrote beside each asset, by Accept-Encoding,
    // with Vary: Accept-Encoding.
    await app.register(fastifyStatic, {
      root: join(root, "assets"),
      prefix: "/assets/",
      index: false,
      wildcard: false,
      decorateReply: false,
      preCompressed: true,
      maxAge: ASSET_MAX_AGE_MS,
      immutable: true,
    });
  }

  const page = (reply: FastifyReply, status = 200): FastifyReply => reply.status(status).headers(HTML_HEADERS).type("text/html; charset=utf-8").send(shell);
  app.get("/", (_request, reply) => page(reply));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // The app's own pages get the shell with 200; any other address gets the same shell
    // (which shows "Page not found") with a real 404, for crawlers, link checkers and scripts.
    if (request.method === "GET" && !path.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(path)) return page(reply, isAppPage(path, ctx.catalog) ? 200 : 404);
    return sendError(reply, 404, "NOT_FOUND", `no route ${request.method} ${path}`);
  });
}
