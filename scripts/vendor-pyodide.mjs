#!/usr/bin/env node
// Copies the Pyodide files the browser's Run button loads from node_modules/pyodide into
// src/web/dist-pyodide/<version>/ (npm run build), with a .br and a .gz beside each file that
// compresses. The server serves that folder under /pyodide/<version>/ with a year's immutable
// caching (src/server/routes/pyodide.ts): the version in the path changes with the bytes, and
// nothing comes from a CDN, so Run works offline. The folder is kept across builds (vite empties
// src/web/dist, not this): brotli on the 9 MB .wasm takes seconds, so it runs once per version.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
const { version } = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
const target = join(root, "src", "web", "dist-pyodide", version);
const done = join(target, ".complete");

// What loadPyodide fetches for the standard library alone (no extra packages are loaded).
const FILES = ["pyodide.mjs", "pyodide.mjs.map", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
// python_stdlib.zip is already compressed: a .gz of it saves under 2 %.
const COMPRESS = /\.(mjs|wasm|json|map)$/;

if (existsSync(done)) {
  console.log(`vendor-pyodide: ${version} already in ${target}`);
} else {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const name of FILES) {
    copyFileSync(join(source, name), join(target, name));
    if (!COMPRESS.test(name)) continue;
    const raw = readFileSync(join(source, name));
    writeFileSync(join(target, `${name}.gz`), gzipSync(raw, { level: 9 }));
    // Quality 9, not 11: within 3 % of 11 on the .wasm, in a tenth of the time.
    writeFileSync(join(target, `${name}.br`), brotliCompressSync(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }));
  }
  writeFileSync(done, `${version}\n`);
  console.log(`vendor-pyodide: ${version} written to ${target}`);
}
