import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "vite";

const pyodide = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("pyodide/package.json"), "utf8")) as { version: string };

// The front end is served by roadwork's own server from src/web/dist; it makes no request
// to any other host, so the platform works air-gapped.
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  // Run's worker loads Pyodide from /pyodide/<version>/ (src/server/routes/pyodide.ts serves it).
  define: { __PYODIDE_VERSION__: JSON.stringify(pyodide.version) },
  // A module worker: it imports pyodide.mjs at run time.
  worker: { format: "es" },
  // manifest: bench/assets.mjs follows it to size what each page loads. Vite hashes every
  // asset's name, which lets the server cache them for a year (src/server/routes/web.ts).
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1024, manifest: true },
});
