import type { Kysely, Selectable } from "kysely";
import { RoadworkError } from "../../errors.js";
import { isUniqueViolation } from "../errors.js";
import { newId } from "../ids.js";
import type { Database, Role, UsersTable } from "../schema.js";

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
}

export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Emails are compared lower-cased: "Ada@x.org" and "ada@x.org" are one account. */
  async create(user: NewUser, now = Date.now()): Promise<UserRow> {
    const row: UserRow = { id: newId(), email: normalizeEmail(user.email), name: user.name, password_hash: user.passwordHash, role: user.role, created_at: now };
    try {
      await this.db.insertInto("users").values(row).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new RoadworkError("CONFLICT", "an account with this email already exists");
      throw error;
    }
    return row;
  }

  async byId(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async byEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("email", "=", normalizeEmail(email)).executeTakeFirst();
  }

  async list(options: { limit: number; offset: number; role?: Role }): Promise<UserRow[]> {
    let query = this.db.selectFrom("users").selectAll().orderBy("created_at").orderBy("id").limit(options.limit).offset(options.offset);
    if (options.role !== undefined) query = query.where("role", "=", options.role);
    return query.execute();
  }

  async count(role?: Role): Promise<number> {
    let query = this.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n"));
    if (role !== undefined) query = query.where("role", "=", role);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setRole(id: string, role: Role): Promise<boolean> {
    const result = await this.db.updateTable("users").set({ role }).where("id", "=", id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", id).execute();
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
