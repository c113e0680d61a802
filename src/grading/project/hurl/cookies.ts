/**
 * Set-Cookie parsing and the cookie jar a Hurl run keeps between entries. The app under
 * test is a single origin, so the jar matches on name and path only (no domains).
 */

export interface SetCookie {
  name: string;
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
  return { name: pair.slice(0, eq).trim(), value: stripQuotes(pair.slice(eq + 1).trim()), attributes };
}

function stripQuotes(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

export function cookieAttribute(cookie: SetCookie, name: string): string | undefined {
  const lower = name.toLowerCase();
  return cookie.attributes.find(([key]) => key.toLowerCase() === lower)?.[1];
}

interface StoredCookie {
  value: string;
  path: string;
}

export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  /** Applies every Set-Cookie of a response: stores, replaces or (when expired) removes. */
  update(headers: Array<[string, string]>, now = Date.now()): void {
    for (const [name, value] of headers) {
      if (name.toLowerCase() !== "set-cookie") continue;
      const cookie = parseSetCookie(value);
      if (!cookie) continue;
      const maxAge = cookieAttribute(cookie, "Max-Age");
      const expires = cookieAttribute(cookie, "Expires");
      const expired = maxAge !== undefined ? Number(maxAge) <= 0 : expires !== undefined && Date.parse(expires) <= now;
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, { value: cookie.value, path: cookieAttribute(cookie, "Path") || "/" });
    }
  }

  /** name=value pairs that go with a request to this path. */
  forPath(path: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [name, cookie] of this.cookies) {
      const p = cookie.path;
      if (path === p || path.startsWith(p.endsWith("/") ? p : `${p}/`)) out.push([name, cookie.value]);
    }
    return out;
  }

  get size(): number {
    return this.cookies.size;
  }
}
