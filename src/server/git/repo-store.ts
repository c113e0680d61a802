/**
 * Where a learner's pushed repository is kept: per learner and project, a folder under the
 * data folder holding `refs.json` (branch -> commit, written here) and `store.pack` (every
 * object the branches reach, as one pack that a sandboxed run of git_receive.py wrote). The
 * host only ever reads and writes these two files whole; it never looks inside the pack.
 * Both are replaced by rename, so a crash leaves the previous push's state, not half of one.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { RoadworkError } from "../../errors.js";

export interface StoredRepo {
  refs: Map<string, string>;
  pack: Buffer;
}

const SAFE_PART = /^[A-Za-z0-9_-]{1,100}$/;

export class RepoStore {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly root: string) {}

  private folder(userId: string, projectId: string): string {
    if (!SAFE_PART.test(userId) || !SAFE_PART.test(projectId)) throw new RoadworkError("NOT_FOUND", `no repository for "${projectId}"`);
    return join(this.root, userId, projectId);
  }

  /**
   * The learner's repository of `projectId`; when they never pushed under that id, the one
   * they pushed under a former id of the project (`formerly:`), so that a rename keeps their
   * history. The next push writes it under the current id; the old folder is left as it was.
   */
  async read(userId: string, projectId: string, formerly: readonly string[] = []): Promise<StoredRepo> {
    for (const id of [projectId, ...formerly]) {
      const stored = await this.readOne(userId, id);
      if (stored !== undefined) return stored;
    }
    return { refs: new Map(), pack: Buffer.alloc(0) };
  }

  private async readOne(userId: string, projectId: string): Promise<StoredRepo | undefined> {
    const dir = this.folder(userId, projectId);
    const refs = new Map<string, string>();
    try {
      const parsed = JSON.parse(await readFile(join(dir, "refs.json"), "utf8")) as Record<string, string>;
      for (const [ref, id] of Object.entries(parsed)) refs.set(ref, id);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return undefined;
    }
    return { refs, pack: await readFile(join(dir, "store.pack")) };
  }

  /** The pack first, then the refs that point into it: a crash between the two leaves the old refs, whose objects the new pack still holds (unless a forced push dropped them). */
  async write(userId: string, projectId: string, repo: StoredRepo): Promise<void> {
    const dir = this.folder(userId, projectId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await replace(join(dir, "store.pack"), repo.pack);
    await replace(join(dir, "refs.json"), JSON.stringify(Object.fromEntries(repo.refs)));
  }

  /** Runs `work` alone for this repository: two pushes at once would each start from the same refs. */
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
}

async function replace(path: string, data: string | Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, data, { mode: 0o600 });
  await rename(temp, path);
}
