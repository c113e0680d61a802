#!/usr/bin/env node
// Writes a .br and a .gz beside every text asset of src/web/dist/assets (npm run build, after
// vite build). Compressing once at build, at the highest levels, costs the server nothing per
// request; @fastify/static (preCompressed) picks the file the browser's Accept-Encoding allows.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "web", "dist", "assets");
const TEXT = /\.(js|css|svg|json|map)$/;

let written = 0;
for (const name of readdirSync(assets)) {
  if (!TEXT.test(name)) continue;
  const raw = readFileSync(join(assets, name));
  writeFileSync(join(assets, `${name}.gz`), gzipSync(raw, { level: 9 }));
  writeFileSync(join(assets, `${name}.br`), brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }));
  written += 1;
}
console.log(`compress-web: ${written} assets written as .br and .gz`);
