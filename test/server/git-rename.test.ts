/**
 * A renamed project (`formerly:`) keeps a learner's pushed repository: a git remote set up
 * under the old id still reaches the project, and the refs it advertises are those pushed
 * under the old id until the first push under the new one.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Catalog } from "../../src/server/catalog.js";
import { RepoStore } from "../../src/server/git/repo-store.js";
import { buildTestApp, signUp, testTracks } from "./helpers.js";
import { DIALECTS } from "../store/dialects.js";

const COMMIT = "a".repeat(40);

void describe("a renamed project's git remote", () => {
  void it("answers under the old id and advertises the branches pushed under it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-git-rename-"));
    const tracks = testTracks(dir);
    const project = tracks[0]?.projects[0];
    assert.ok(project !== undefined);
    project.formerly = ["old-api"];
    const t = await buildTestApp({ catalog: new Catalog(tracks) });
    try {
      const learner = await signUp(t.app);
      const token = (await t.app.inject({ method: "POST", url: "/api/tokens", headers: learner.headers, payload: { name: "git" } })).json<{ token: string }>().token;
      const auth = { authorization: `Basic ${Buffer.from(`learner:${token}`).toString("base64")}` };
      // What a push before the rename left: the repository under the old id.
      const oldRepo = join(t.config.dataDir, "git", learner.user.id, "old-api");
      mkdirSync(oldRepo, { recursive: true });
      writeFileSync(join(oldRepo, "refs.json"), JSON.stringify({ "refs/heads/main": COMMIT }));
      writeFileSync(join(oldRepo, "store.pack"), "");
      for (const remote of ["old-api", "tiny-api"]) {
        const refs = await t.app.inject({ method: "GET", url: `/git/${remote}.git/info/refs?service=git-receive-pack`, headers: auth });
        assert.equal(refs.statusCode, 200, `${remote}: ${refs.body}`);
        assert.match(refs.body, new RegExp(`${COMMIT} refs/heads/main`), `${remote} advertises the branch pushed under the old id`);
      }
      const unknown = await t.app.inject({ method: "GET", url: "/git/never-was.git/info/refs?service=git-receive-pack", headers: auth });
      assert.equal(unknown.statusCode, 404);
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it("reads the current id's repository first, once one was pushed under it", async () => {
    const root = mkdtempSync(join(tmpdir(), "roadwork-repos-"));
    const db = await DIALECTS[0]!.create();
    try {
      const user = (await db.store.users.create({ email: "u1@example.org", name: "u1", passwordHash: "h", role: "learner" })).id;
      const repos = new RepoStore(db.store, root, () => 1000);
      // A repository kept in a folder before repositories moved into the database, under the old id.
      mkdirSync(join(root, user, "old-api"), { recursive: true });
      writeFileSync(join(root, user, "old-api", "refs.json"), JSON.stringify({ "refs/heads/main": "1".repeat(40) }));
      writeFileSync(join(root, user, "old-api", "store.pack"), "old");
      assert.equal((await repos.read(user, "tiny-api", ["old-api"])).refs.get("refs/heads/main"), "1".repeat(40));
      assert.equal((await repos.refs(user, "tiny-api", ["old-api"])).get("refs/heads/main"), "1".repeat(40));
      assert.equal((await repos.read(user, "tiny-api")).refs.size, 0, "without formerly, nothing");
      assert.equal(await repos.write(user, "tiny-api", { refs: new Map([["refs/heads/main", "2".repeat(40)]]), pack: Buffer.from("new") }, 0), true);
      const now = await repos.read(user, "tiny-api", ["old-api"]);
      assert.equal(now.refs.get("refs/heads/main"), "2".repeat(40));
      assert.equal(now.pack.toString(), "new");
    } finally {
      await db.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
