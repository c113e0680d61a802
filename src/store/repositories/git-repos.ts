/**
 * Pushed repositories (see GitReposTable). A push is kept with a compare-and-swap on the
 * row's version: of two pushes that read the same version, in one process or in two servers
 * on one database, exactly one is kept.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

export interface GitRepoState {
  refs: Map<string, string>;
  /** 0: no push kept yet. */
  version: number;
}

export class GitReposRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The branches and version, without the pack (what an advertisement needs). */
  async state(userId: string, projectId: string): Promise<GitRepoState | undefined> {
    const row = await this.db.selectFrom("git_repos").select(["refs", "version"]).where("user_id", "=", userId).where("project_id", "=", projectId).executeTakeFirst();
    return row === undefined ? undefined : { refs: parseRefs(row.refs), version: Number(row.version) };
  }

  async get(userId: string, projectId: string): Promise<(GitRepoState & { pack: Buffer }) | undefined> {
    const row = await this.db.selectFrom("git_repos").select(["refs", "version", "pack"]).where("user_id", "=", userId).where("project_id", "=", projectId).executeTakeFirst();
    return row === undefined ? undefined : { refs: parseRefs(row.refs), version: Number(row.version), pack: Buffer.from(row.pack) };
  }

  /** Keeps the new state if the repository is still at `expected` (0: none yet); false when another push came first. */
  async put(userId: string, projectId: string, next: { refs: ReadonlyMap<string, string>; pack: Uint8Array }, expected: number, now: number): Promise<boolean> {
    const refs = JSON.stringify(Object.fromEntries(next.refs));
    const pack = Buffer.from(next.pack.buffer, next.pack.byteOffset, next.pack.byteLength);
    if (expected === 0) {
      const result = await this.db
        .insertInto("git_repos")
        .values({ user_id: userId, project_id: projectId, refs, pack, version: 1, updated_at: now })
        .onConflict((oc) => oc.columns(["user_id", "project_id"]).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    }
    const result = await this.db
      .updateTable("git_repos")
      .set({ refs, pack, version: expected + 1, updated_at: now })
      .where("user_id", "=", userId)
      .where("project_id", "=", projectId)
      .where("version", "=", expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function parseRefs(json: string): Map<string, string> {
  return new Map(Object.entries(JSON.parse(json) as Record<string, string>));
}
