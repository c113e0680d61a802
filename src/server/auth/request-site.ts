/**
 * Which site a state-changing request comes from. A session cookie rides along on a form
 * another site posts (SameSite=Lax allows top-level POSTs), and the CSRF token cannot guard
 * log-in and sign-up, which come before any session: so every POST, PUT, PATCH and DELETE,
 * those two included, must come from roadwork's own pages when a browser says where it
 * comes from. Browsers say it in two headers:
 *
 * - Sec-Fetch-Site (every current browser): "same-origin" passes, and "none" (the user
 *   themselves, never a page); "same-site" (a sibling subdomain, which may be someone
 *   else's) and "cross-site" are refused.
 * - Origin, when Sec-Fetch-Site is absent (older browsers send it on cross-origin POSTs):
 *   its host must be the host the request was sent to; "null" (sandboxed frames, some
 *   redirects) is refused.
 *
 * A request with neither header passes: that is not a browser acting for a page
 * (`roadwork submit` with its Bearer token, curl, scripts), and a page cannot make a browser
 * leave both out. docs/security.md has the table.
 */
import type { FastifyRequest } from "fastify";
import { RoadworkError } from "../../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ALLOWED_FETCH_SITES = new Set(["same-origin", "none"]);

export function checkRequestSite(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = header(request, "sec-fetch-site");
  if (site !== undefined) {
    if (!ALLOWED_FETCH_SITES.has(site.toLowerCase())) refuse(`the browser says it comes from another site (Sec-Fetch-Site: ${site})`);
    return;
  }
  const origin = header(request, "origin");
  if (origin === undefined) return;
  if (!sameHost(origin, request.host)) refuse(`it comes from ${origin}, not from this server's pages`);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Compared as URL hosts, so a default port written out or left away is the same. */
function sameHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    if (from.protocol !== "http:" && from.protocol !== "https:") return false;
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

function refuse(why: string): never {
  throw new RoadworkError("FORBIDDEN", `this request was refused: ${why}. roadwork accepts changes only from its own pages, or from programs that send no Origin (roadwork submit, curl)`);
}
