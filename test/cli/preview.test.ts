/**
 * `roadwork preview TRACK` as an educator runs it: it serves the named track alone, signed in
 * as a learner, and removes its temporary database when stopped.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";

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

void describe("roadwork preview", () => {
  void it("serves the named track alone to a visitor signed in as a learner, and leaves nothing behind", async () => {
    const port = await freePort();
    // A temp folder of its own, to see that the preview leaves nothing in it.
    const tmp = mkdtempSync(join(tmpdir(), "roadwork-preview-test-"));
    const child = spawn(process.execPath, [join(ROOT, "bin", "roadwork.cjs"), "preview", TINY, "--port", String(port)], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp } });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    try {
      const deadline = Date.now() + 120_000;
      while (!out.includes("open http") && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      assert.match(out, new RegExp(`Preview of ${TINY.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: open http://127\\.0\\.0\\.1:${port}/`), out);
      const track = await fetch(`http://127.0.0.1:${port}/api/track`);
      assert.equal(track.status, 200);
      const body = (await track.json()) as { track: { id: string } };
      assert.equal(body.track.id, "tiny", "the named track, not the built-in one");
      const tracks = (await (await fetch(`http://127.0.0.1:${port}/api/tracks`)).json()) as { tracks: Array<{ id: string }> };
      assert.deepEqual(tracks.tracks.map((t) => t.id), ["tiny"]);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    try {
      assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith("roadwork-preview-")), [], "the preview's database folder is removed when it stops");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
