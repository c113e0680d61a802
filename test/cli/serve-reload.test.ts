/**
 * `roadwork serve` reloads its tracks on SIGHUP, without a restart: an educator edits a
 * track and sends `kill -HUP`; a broken edit is logged and the running track stays.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const TINY = join(ROOT, "test", "fixtures", "tracks", "tiny");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  let last: T = await probe();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await probe();
  }
  assert.ok(ok(last), `${what}; last seen: ${JSON.stringify(last)}`);
  return last;
}

void describe("roadwork serve and SIGHUP", () => {
  void it("serves the edited track after kill -HUP, and keeps the running one when the edit is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadwork-hup-"));
    const track = join(dir, "tiny");
    cpSync(TINY, track, { recursive: true });
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, "bin", "roadwork.cjs"), "serve", "--workers", "0", "--port", String(port), "--data", join(dir, "data"), "--track", track], { cwd: ROOT });
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const firstStepTitle = async (): Promise<string | undefined> => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/track/outline?track=tiny`);
        return ((await response.json()) as { steps: Array<{ title: string }> }).steps[0]?.title;
      } catch {
        return undefined;
      }
    };
    try {
      await until(firstStepTitle, (title) => title === "Basics", "the server answers with the track as written").catch((error: unknown) => {
        throw new Error(`${String(error)}\nserver log:\n${log}`);
      });
      const file = join(track, "track.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("title: Basics", "title: The basics"));
      child.kill("SIGHUP");
      await until(firstStepTitle, (title) => title === "The basics", "the edited title is served after SIGHUP");
      writeFileSync(file, readFileSync(file, "utf8").replace("title: The basics", "title: Broken basics").replace("      - add-two", "      - add-two\n      - no-such-exercise"));
      child.kill("SIGHUP");
      await until(async () => log, (text) => text.includes("tracks not reloaded"), "the broken edit is logged");
      assert.match(log, /no-such-exercise/);
      assert.equal(await firstStepTitle(), "The basics", "the running track stays");
      assert.equal(child.exitCode, null, "the server still runs");
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
