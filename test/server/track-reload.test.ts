/**
 * Tracks reloaded on a running server (the admin's POST /api/admin/tracks/reload, and SIGHUP
 * through RunningServer.reload): new content is served at once, a broken file is refused
 * naming the file and line while the running tracks stay, a removed exercise keeps its
 * learners' submissions and they count again when it returns.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog } from "../../src/server/catalog.js";
import { buildTestApp, signUp, userWithRole, type TestApp } from "./helpers.js";

const TINY = join(import.meta.dirname, "..", "fixtures", "tracks", "tiny");

async function withTrack(run: (t: TestApp, trackDir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "roadwork-reload-"));
  const trackDir = join(dir, "tiny");
  cpSync(TINY, trackDir, { recursive: true });
  const t = await buildTestApp({ config: { tracks: [trackDir] }, catalog: await loadCatalog([trackDir]) });
  try {
    await run(t, trackDir);
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(file, text.replace(from, to));
}

void describe("reloading tracks on a running server", () => {
  void it("serves an edited exercise and step as soon as an admin reloads", async () => {
    await withTrack(async (t, trackDir) => {
      const admin = await userWithRole(t, "admin");
      edit(join(trackDir, "exercises", "add-two", "exercise.yaml"), "title: Add two", "title: Add two numbers");
      edit(join(trackDir, "track.yaml"), "title: Basics", "title: The basics");
      const before = await t.app.inject({ method: "GET", url: "/api/exercises/add-two", headers: admin.headers });
      assert.equal(before.json<{ title: string }>().title, "Add two", "nothing changes before the reload");
      const reload = await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: admin.headers });
      assert.equal(reload.statusCode, 200, reload.body);
      assert.deepEqual(reload.json(), { tracks: [{ id: "tiny", exercises: 2, projects: 0 }], removed: { exercises: [], projects: [] }, renamed: [] });
      const after = await t.app.inject({ method: "GET", url: "/api/exercises/add-two", headers: admin.headers });
      assert.equal(after.json<{ title: string }>().title, "Add two numbers");
      const outline = await t.app.inject({ method: "GET", url: "/api/track/outline" });
      assert.equal(outline.json<{ steps: Array<{ title: string }> }>().steps[0]?.title, "The basics");
    });
  });

  void it("refuses a broken track naming the file and line, and keeps serving the running one", async () => {
    await withTrack(async (t, trackDir) => {
      const admin = await userWithRole(t, "admin");
      edit(join(trackDir, "track.yaml"), "      - add-two", "      - add-two\n      - no-such-exercise");
      const reload = await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: admin.headers });
      assert.equal(reload.statusCode, 400, reload.body);
      const message = reload.json<{ error: { message: string } }>().error.message;
      assert.match(message, /^the tracks were not reloaded \(the running ones stay\): .*track\.yaml:\d+/);
      assert.match(message, /no-such-exercise/);
      const still = await t.app.inject({ method: "GET", url: "/api/exercises/add-two", headers: admin.headers });
      assert.equal(still.statusCode, 200);
    });
  });

  void it("keeps a removed exercise's submissions: gone from the roadmap, counted again when it returns", async () => {
    await withTrack(async (t, trackDir) => {
      const admin = await userWithRole(t, "admin");
      const learner = await signUp(t.app);
      const submitted = await t.app.inject({ method: "POST", url: "/api/exercises/shout/submissions", headers: learner.headers, payload: { source: "def shout(s):\n    return s.upper()\n" } });
      assert.equal(submitted.statusCode, 202, submitted.body);
      assert.equal(await t.worker.runOnce(), true);
      const passedShout = async (): Promise<boolean | undefined> => {
        const track = await t.app.inject({ method: "GET", url: "/api/track", headers: learner.headers });
        return track.json<{ steps: Array<{ exercises: Array<{ id: string; passed: boolean }> }> }>().steps.flatMap((s) => s.exercises).find((e) => e.id === "shout")?.passed;
      };
      assert.equal(await passedShout(), true);
      const trackYaml = join(trackDir, "track.yaml");
      const original = readFileSync(trackYaml, "utf8");
      edit(trackYaml, "    exercises:\n      - shout", "    exercises: []");
      rmSync(join(trackDir, "exercises", "shout"), { recursive: true });
      const removed = await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: admin.headers });
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual(removed.json<{ removed: unknown }>().removed, { exercises: ["shout"], projects: [] });
      assert.equal(await passedShout(), undefined, "not on the roadmap any more");
      assert.equal((await t.app.inject({ method: "GET", url: "/api/exercises/shout", headers: learner.headers })).statusCode, 404);
      cpSync(join(TINY, "exercises", "shout"), join(trackDir, "exercises", "shout"), { recursive: true });
      writeFileSync(trackYaml, original);
      assert.equal((await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: admin.headers })).statusCode, 200);
      assert.equal(await passedShout(), true, "the pass counts again");
    });
  });

  void it("lets only admins reload", async () => {
    await withTrack(async (t) => {
      const learner = await signUp(t.app);
      const mentor = await userWithRole(t, "mentor");
      assert.equal((await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: learner.headers })).statusCode, 403);
      assert.equal((await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload", headers: mentor.headers })).statusCode, 403);
      assert.equal((await t.app.inject({ method: "POST", url: "/api/admin/tracks/reload" })).statusCode, 401);
    });
  });
});
