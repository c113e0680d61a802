/**
 * Pyodide for Run in the browser: served by roadwork itself under /pyodide/<version>/, with
 * the .br/.gz that scripts/vendor-pyodide.mjs wrote at build, cached immutably for a year;
 * only the files Pyodide loads; and straight from node_modules before a build.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import Fastify from "fastify";
import pyodideRoutes, { pyodideVersion } from "../../src/server/routes/pyodide.js";

const version = pyodideVersion();
const YEAR = "max-age=31536000";

async function appOver(root: string) {
  const app = Fastify();
  await pyodideRoutes(app, root);
  await app.ready();
  return app;
}

void describe("Pyodide served by roadwork", { skip: version === null ? "the pyodide package is not installed (npm install)" : false }, () => {
  void it("should send the built files precompressed as the browser asks, immutable for a year, with their types", async () => {
    const root = mkdtempSync(join(tmpdir(), "roadwork-pyodide-"));
    const folder = join(root, String(version));
    mkdirSync(folder);
    // A stand-in .wasm that compresses well, as the real one does (9.6 MB to 3.1 MB).
    const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(64 * 1024, 7)]);
    writeFileSync(join(folder, "pyodide.asm.wasm"), wasm);
    writeFileSync(join(folder, "pyodide.asm.wasm.br"), brotliCompressSync(wasm));
    writeFileSync(join(folder, "pyodide.mjs"), "export const loadPyodide = 1;\n");
    writeFileSync(join(folder, "README.md"), "not served\n");
    writeFileSync(join(folder, ".complete"), `${version}\n`);
    const app = await appOver(root);
    try {
      const br = await app.inject({ method: "GET", url: `/pyodide/${version}/pyodide.asm.wasm`, headers: { "accept-encoding": "gzip, br" } });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers["content-encoding"], "br");
      assert.equal(br.headers["content-type"], "application/wasm");
      assert.match(String(br.headers["cache-control"]), new RegExp(`public.*${YEAR}.*immutable`));
      assert.deepEqual(brotliDecompressSync(br.rawPayload), wasm);
      const module = await app.inject({ method: "GET", url: `/pyodide/${version}/pyodide.mjs` });
      assert.match(String(module.headers["content-type"]), /javascript/);
      for (const name of ["README.md", ".complete", "../package.json"]) {
        const refused = await app.inject({ method: "GET", url: `/pyodide/${version}/${name}` });
        assert.equal(refused.statusCode, 404, `${name} is served`);
      }
      const otherVersion = await app.inject({ method: "GET", url: "/pyodide/0.0.1/pyodide.mjs" });
      assert.equal(otherVersion.statusCode, 404);
    } finally {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  void it("should serve the package's own files from node_modules before the build has copied them", async () => {
    const root = mkdtempSync(join(tmpdir(), "roadwork-pyodide-"));
    const app = await appOver(root);
    try {
      const lock = await app.inject({ method: "GET", url: `/pyodide/${version}/pyodide-lock.json`, headers: { "accept-encoding": "br" } });
      assert.equal(lock.statusCode, 200);
      assert.equal(lock.headers["content-encoding"], undefined);
      assert.equal(lock.body, readFileSync("node_modules/pyodide/pyodide-lock.json", "utf8"));
      assert.match(String(lock.headers["cache-control"]), /immutable/);
    } finally {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
