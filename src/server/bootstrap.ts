/**
 * First start: with no admin in the database, create one with a random password, which is
 * returned once (the CLI prints it) and stored only hashed.
 */
import { randomBytes } from "node:crypto";
import type { Store } from "../store/index.js";
import { hashPassword } from "./auth/passwords.js";

export const FIRST_ADMIN_EMAIL = "admin@localhost";

export async function ensureFirstAdmin(store: Store): Promise<{ email: string; password: string } | null> {
  if ((await store.users.count("admin")) > 0) return null;
  const password = randomBytes(12).toString("base64url");
  // Never promote an existing account: if the address is taken, the admin gets another one.
  let email = FIRST_ADMIN_EMAIL;
  for (let n = 2; (await store.users.byEmail(email)) !== undefined; n++) email = `admin${n}@localhost`;
  await store.users.create({ email, name: "Administrator", passwordHash: await hashPassword(password), role: "admin" });
  return { email, password };
}
