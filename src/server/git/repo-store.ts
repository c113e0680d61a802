/**
 * Where a learner's pushed repository is kept: per learner and project, one row of the
 * database (`git_repos`) holding the branches (branch -> commit) and every object they reach
 * as one pack that a sandboxed run of git_receive.py wrote; the host never looks inside the
 * pack. Several servers on one database share it. A push is kept only if the repository is
 * still the version it read (a compare-and-swap in the store), so of two pushes racing in two
 * processes one is kept and the other is refused; in one process `exclusive` makes the
 * second wait instead. Repositories kept before in <dataDir>/git/<user>/<project>/ (`refs.json`
 * and `store.pack`) are read from there until their next push moves them into the database.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { RoadworkError } from "../../errors.js";
import type { Store } from "../../store/index.js";

export interface StoredRepo {
  refs: Map<string, string>;
  pack: Buffer;
  /** The version read, to compare at `write`; 0 when none is in the database yet. */
  version: number;
}

const SAFE_PART = /^[A-Za-z0-9_-]{1,100}$/;

export class RepoStore {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    /** The folder of repositories from before they moved into the database. */
    private readonly legacyRoot: string,
    private readonly now: () => number,
  ) {}

  private legacyFolder(userId: string, projectId: string): string {
    if (!SAFE_PART.test(userId) || !SAFE_PART.test(projectId)) throw new RoadworkError("NOT_FOUND", `no repository for "${projectId}"`);
    return join(this.legacyRoot, userId, projectId);
  }

  /**
   * The branches only (git's advertisement). `formerly`: the project's former ids, whose
   * folders from before the database still hold a renamed project's repository (rows in the
   * database move with the rename).
   */
  async refs(userId: string, projectId: string, formerly: readonly string[] = []): Promise<Map<string, string>> {
    const state = await this.store.gitRepos.state(userId, projectId);
    return state?.refs ?? (await this.legacy(userId, projectId, formerly))?.refs ?? new Map<string, string>();
  }

  async read(userId: string, projectId: string, formerly: readonly string[] = []): Promise<StoredRepo> {
    const row = await this.store.gitRepos.get(userId, projectId);
    if (row !== undefined) return row;
    const legacy = await this.legacy(userId, projectId, formerly);
    if (legacy === undefined) return { refs: new Map(), pack: Buffer.alloc(0), version: 0 };
    return { refs: legacy.refs, pack: await readFile(join(this.legacyFolder(userId, legacy.id), "store.pack")), version: 0 };
  }

  /** The first of the current and former ids with a repository folder from before the database. */
  private async legacy(userId: string, projectId: string, formerly: readonly string[]): Promise<{ id: string; refs: Map<string, string> } | undefined> {
    for (const id of [projectId, ...formerly]) {
      const refs = await this.legacyRefs(userId, id);
      if (refs !== undefined) return { id, refs };
    }
    return undefined;
  }

  /** Keeps the new state if the repository is still at the version `read` gave; false when another push was kept in between. */
  async write(userId: string, projectId: string, next: Omit<StoredRepo, "version">, readVersion: number): Promise<boolean> {
    this.legacyFolder(userId, projectId);
    return this.store.gitRepos.put(userId, projectId, next, readVersion, this.now());
  }

  /** Runs `work` alone for this repository in this process: two pushes at once would each start from the same refs, and the later one would be refused. */
  async exclusive<T>(userId: string, projectId: string, work: () => Promise<T>): Promise<T> {
    const key = `${userId}/${projectId}`;
    const before = this.locks.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    // The caller gets the error from `mine`; the next push only waits for it to be over.
    const settled = Promise.allSettled([mine]);
    this.locks.set(key, settled);
    try {
      return await mine;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }

  private async legacyRefs(userId: string, projectId: string): Promise<Map<string, string> | undefined> {
    try {
      const parsed = JSON.parse(await readFile(join(this.legacyFolder(userId, projectId), "refs.json"), "utf8")) as Record<string, string>;
      return new Map(Object.entries(parsed));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return undefined;
    }
  }
}
