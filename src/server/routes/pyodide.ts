/**
 * Pyodide (Python compiled to WebAssembly), for the exercise page's Run button: the files that
 * `scripts/vendor-pyodide.mjs` copied from node_modules/pyodide at build, under
 * /pyodide/<version>/. Served by roadwork itself, never a CDN, so Run works offline. The
 * version is in the path, so the bytes under a path never change: a year's immutable caching,
 * and the browser loads the 13 MB once per version. The .br/.gz written at build are picked by
 * Accept-Encoding (the .wasm drops from 9.6 MB to 3.1 MB with brotli).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";

// src/server/routes and dist/server/routes are both three levels below the package root.
const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const YEAR_MS = 365 * 24 * 3600 * 1000;
/** What loadPyodide fetches for the standard library (the list scripts/vendor-pyodide.mjs copies). */
const FILES = new Set(["pyodide.mjs", "pyodide.mjs.map", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]);

/** The installed Pyodide's version, or null when the package is not installed. */
export function pyodideVersion(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve("pyodide/package.json");
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  } catch {
    // Not installed (a production install without it): the page says Run is not available.
    return null;
  }
}

export default async function pyodideRoutes(app: FastifyInstance, root = join(PACKAGE_ROOT, "src", "web", "dist-pyodide")): Promise<void> {
  const version = pyodideVersion();
  if (version === null) return;
  const built = join(root, version);
  // Built: the copies with their .br/.gz. Not built yet (a development server before `npm run
  // build`): the package's own files, uncompressed, so Run still works.
  const folder = existsSync(join(built, ".complete")) ? built : dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
  await app.register(fastifyStatic, {
    root: folder,
    prefix: `/pyodide/${version}/`,
    index: false,
    wildcard: true,
    decorateReply: false,
    preCompressed: folder === built,
    maxAge: YEAR_MS,
    immutable: true,
    // Only those files: not the package's README or console pages, nor the build's marker.
    allowedPath: (path) => FILES.has(path.replace(/^\//, "")),
  });
}
