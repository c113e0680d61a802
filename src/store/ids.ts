import { createHash, randomBytes } from "node:crypto";

/** A random id for a row: 128 bits, URL-safe, the same on both dialects (no sequences). */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}

/** A random secret handed to a client once (session cookie, API token, CSRF token). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** What we store instead of a secret: a leaked table hands out nothing usable. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
