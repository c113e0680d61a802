/**
 * `roadwork serve` reloads its tracks on SIGHUP, without a restart: an educator edits a
 * track and sends `kill -HUP`; a broken edit is logged and the running track stays.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRoadwork } from "../roadwork-process.js";

const TINY = join(import.meta.dirname, "..", "fixtures", "tracks", "tiny");

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, log: () => string): Promise<T> {
  const deadline = Date.now() + 60_000;
  let last: T = await probe();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await probe();
  }
  assert.ok(ok(last), `${what}; last seen: ${JSON.stringify(last)}\nserver log:\n${log()}`);
  return last;
}

void describe("roadwork serve and SIGHUP", () => {
  void it("serves the edited track after kill -HUP, and keeps the running one when the edit is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-hup-"));
    const track = join(dir, "tiny");
    cpSync(TINY, track, { recursive: true });
    const server = await startRoadwork(["serve", "--workers", "0", "--data", join(dir, "data"), "--track", track]);
    const firstStepTitle = async (): Promise<string | undefined> => {
      try {
        const response = await fetch(`${server.url}/api/track/outline?track=tiny`);
        return ((await response.json()) as { steps: Array<{ title: string }> }).steps[0]?.title;
      } catch {
        return undefined;
      }
    };
    try {
      assert.equal(await firstStepTitle(), "Basics", `the server answers with the track as written\nserver log:\n${server.log()}`);
      const file = join(track, "track.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("title: Basics", "title: The basics"));
      server.child.kill("SIGHUP");
      await until(firstStepTitle, (title) => title === "The basics", "the edited title is served after SIGHUP", server.log);
      writeFileSync(file, readFileSync(file, "utf8").replace("title: The basics", "title: Broken basics").replace("      - add-two", "      - add-two\n      - no-such-exercise"));
      server.child.kill("SIGHUP");
      await until(async () => server.log(), (text) => text.includes("tracks not reloaded"), "the broken edit is logged", server.log);
      assert.match(server.log(), /no-such-exercise/);
      assert.equal(await firstStepTitle(), "The basics", "the running track stays");
      assert.equal(server.child.exitCode, null, "the server still runs");
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
