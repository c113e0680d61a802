/**
 * Set-Cookie parsing and the one cookie jar, for Hurl runs and TypeScript stage clients
 * alike. The app under test is a single origin, so domains do not matter; paths do
 * (RFC 6265: a cookie without a Path attribute belongs to the folder of the request that set
 * it), and a value is sent back exactly as it came, quotes included, as browsers and curl do.
 */

export interface SetCookie {
  name: string;
  /** As the app wrote it (a quoted value keeps its quotes). */
  value: string;
  /** Attribute names as the app wrote them, values ("" for flags such as HttpOnly). */
  attributes: Array<[string, string]>;
}

export function parseSetCookie(header: string): SetCookie | undefined {
  const [pair = "", ...rest] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return undefined;
  const attributes: Array<[string, string]> = [];
  for (const item of rest) {
    const trimmed = item.trim();
    if (trimmed === "") continue;
    const i = trimmed.indexOf("=");
    attributes.push(i < 0 ? [trimmed, ""] : [trimmed.slice(0, i).trim(), trimmed.slice(i + 1).trim()]);
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

export function cookieAttribute(cookie: SetCookie, name: string): string | undefined {
  const lower = name.toLowerCase();
  return cookie.attributes.find(([key]) => key.toLowerCase() === lower)?.[1];
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export class CookieJar {
  /** By name and path: a cookie of the same name on another path is another cookie. */
  private readonly cookies = new Map<string, StoredCookie>();

  /** Applies every Set-Cookie of a response to `requestPath`: stores, replaces or (when expired) removes. */
  update(headers: ReadonlyArray<readonly [string, string]>, requestPath: string, now = Date.now()): void {
    for (const [name, value] of headers) {
      if (name.toLowerCase() !== "set-cookie") continue;
      const cookie = parseSetCookie(value);
      if (!cookie) continue;
      const pathAttribute = cookieAttribute(cookie, "Path");
      const path = pathAttribute?.startsWith("/") === true ? pathAttribute : defaultPath(requestPath);
      const key = `${cookie.name}\u0000${path}`;
      if (isExpired(cookie, now)) this.cookies.delete(key);
      else this.cookies.set(key, { name: cookie.name, value: cookie.value, path });
    }
  }

  /** name=value pairs that go with a request to this path, most specific path first. */
  forPath(requestPath: string): Array<[string, string]> {
    return [...this.cookies.values()]
      .filter((cookie) => pathMatches(requestPath, cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => [cookie.name, cookie.value]);
  }

  /** The Cookie header for a request to this path, or undefined when none applies. */
  header(requestPath: string): string | undefined {
    const pairs = this.forPath(requestPath);
    return pairs.length === 0 ? undefined : pairs.map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get size(): number {
    return this.cookies.size;
  }
}

/** Max-Age wins over Expires (RFC 6265 5.3); either in the past removes the cookie. */
function isExpired(cookie: SetCookie, now: number): boolean {
  const maxAge = cookieAttribute(cookie, "Max-Age");
  if (maxAge !== undefined && /^-?\d+$/.test(maxAge)) return Number(maxAge) <= 0;
  const expires = cookieAttribute(cookie, "Expires");
  if (expires === undefined) return false;
  const when = Date.parse(expires);
  return !Number.isNaN(when) && when <= now;
}

/** RFC 6265 5.1.4: the folder of the request path. */
function defaultPath(requestPath: string): string {
  const path = requestPath.split("?")[0] ?? "";
  if (!path.startsWith("/")) return "/";
  const last = path.lastIndexOf("/");
  return last <= 0 ? "/" : path.slice(0, last);
}

/** RFC 6265 5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  const path = requestPath.split("?")[0] ?? "/";
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || path.charAt(cookiePath.length) === "/";
}
