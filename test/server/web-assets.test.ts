import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { buildTestApp, writeWebDist } from "./helpers.js";

// A hashed asset as vite build + scripts/compress-web.mjs leave it: the file, its .br and .gz.
const NAME = "main-AbC123xy.js";
const SOURCE = `export const greeting = ${JSON.stringify("roadwork ".repeat(400))};\n`;
const YEAR = "max-age=31536000";

function writeBuiltAssets(holder: string): string {
  const root = writeWebDist(holder);
  const assets = join(root, "assets");
  writeFileSync(join(assets, NAME), SOURCE);
  writeFileSync(join(assets, `${NAME}.br`), brotliCompressSync(Buffer.from(SOURCE)));
  writeFileSync(join(assets, `${NAME}.gz`), gzipSync(Buffer.from(SOURCE)));
  mkdirSync(join(root, ".vite"));
  writeFileSync(join(root, ".vite", "manifest.json"), "{}");
  return root;
}

void describe("web assets", () => {
  void it("should send a hashed asset precompressed as the browser asks, cached for a year", async () => {
    const holder = mkdtempSync(join(tmpdir(), "roadwork-assets-"));
    const u = await buildTestApp({ webRoot: writeBuiltAssets(holder) });
    try {
      const br = await u.app.inject({ method: "GET", url: `/assets/${NAME}`, headers: { "accept-encoding": "gzip, deflate, br" } });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers["content-encoding"], "br");
      assert.match(String(br.headers["content-type"]), /javascript/);
      assert.match(String(br.headers.vary), /accept-encoding/i);
      assert.match(String(br.headers["cache-control"]), new RegExp(`public.*${YEAR}.*immutable`));
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), SOURCE);
      assert.ok(br.rawPayload.length < SOURCE.length / 4, `sent ${br.rawPayload.length} bytes for ${SOURCE.length}`);

      const gzip = await u.app.inject({ method: "GET", url: `/assets/${NAME}`, headers: { "accept-encoding": "gzip" } });
      assert.equal(gzip.headers["content-encoding"], "gzip");
      assert.match(String(gzip.headers.vary), /accept-encoding/i);
      assert.equal(gunzipSync(gzip.rawPayload).toString(), SOURCE);

      // A client that accepts no encoding gets the plain file, still long-cached.
      const plain = await u.app.inject({ method: "GET", url: `/assets/${NAME}`, headers: { "accept-encoding": "identity" } });
      assert.equal(plain.headers["content-encoding"], undefined);
      assert.equal(plain.body, SOURCE);
      assert.match(String(plain.headers["cache-control"]), new RegExp(YEAR));
    } finally {
      await u.close();
      rmSync(holder, { recursive: true, force: true });
    }
  });

  void it("should have the shell revalidated on every visit, and keep the build manifest private", async () => {
    const holder = mkdtempSync(join(tmpdir(), "roadwork-assets-"));
    const u = await buildTestApp({ webRoot: writeBuiltAssets(holder) });
    try {
      for (const url of ["/", "/exercises/greet-user", "/no-such-page"]) {
        const page = await u.app.inject({ method: "GET", url, headers: { "accept-encoding": "br, gzip" } });
        assert.match(page.body, /<div id="app">/, url);
        assert.equal(page.headers["cache-control"], "no-cache", url);
      }
      const manifest = await u.app.inject({ method: "GET", url: "/.vite/manifest.json" });
      assert.equal(manifest.statusCode, 404);
    } finally {
      await u.close();
      rmSync(holder, { recursive: true, force: true });
    }
  });
});
