/**
 * One client's cookies. The app is the only host we talk to, so domain and path do not
 * matter; what matters is that a session cookie is sent back and that a logout that clears
 * it (Max-Age=0 or an Expires in the past) really clears it.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes every Set-Cookie header of a response. */
  store(setCookieValues: readonly string[]): void {
    for (const header of setCookieValues) {
      const [pair = "", ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (isExpired(attributes)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie header to send, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

function isExpired(attributes: readonly string[]): boolean {
  for (const attribute of attributes) {
    const eq = attribute.indexOf("=");
    const key = (eq === -1 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? "" : attribute.slice(eq + 1).trim();
    if (key === "max-age" && Number(value) <= 0) return true;
    if (key === "expires") {
      const when = Date.parse(value);
      if (!Number.isNaN(when) && when <= Date.now()) return true;
    }
  }
  return false;
}
