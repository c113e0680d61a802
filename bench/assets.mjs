#!/usr/bin/env node
// The JS each page downloads, raw and compressed, against the floors of issue 14: the sign-up
// page under 60 KB compressed, the exercise page (editor included) under 250 KB. It builds
// nothing (run `npm run build` first); it follows Vite's manifest from index.html's entry
// through every static import, and for a page with a chunk of its own, that chunk's static and
// dynamic imports too (the exercise page loads its editor as soon as it renders). Run's worker
// and Pyodide, loaded on the first Run only, are printed after, outside the budget.
// Usage: node bench/assets.mjs [dist dir, default src/web/dist]. Exits 1 when a floor is missed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "src", "web", "dist"));
const manifestPath = join(dist, ".vite", "manifest.json");
if (!existsSync(manifestPath)) {
  console.error(`no ${manifestPath}: run \`npm run build\` first (vite build with build.manifest)`);
  process.exit(2);
}
/** @type {Record<string, {file: string, isEntry?: boolean, imports?: string[], dynamicImports?: string[]}>} */
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const KB = 1024;

/** Keys of the chunks loaded with `key`: its static imports, and its dynamic ones if asked. */
function closure(key, withDynamic, seen = new Set()) {
  const chunk = manifest[key];
  if (chunk === undefined || seen.has(key)) return seen;
  seen.add(key);
  for (const next of chunk.imports ?? []) closure(next, false, seen);
  if (withDynamic) for (const next of chunk.dynamicImports ?? []) closure(next, true, seen);
  return seen;
}

const sizes = new Map();
function size(file) {
  let known = sizes.get(file);
  if (known === undefined) {
    const raw = readFileSync(join(dist, file));
    known = {
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    sizes.set(file, known);
  }
  return known;
}

const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry === true);
if (entry === undefined) {
  console.error("the manifest names no entry chunk");
  process.exit(2);
}
const pages = [
  { name: "sign-up", module: null, floorKB: 60 },
  { name: "exercise", module: "pages/exercise.ts", floorKB: 250 },
];

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`.padStart(9);
let missed = false;
console.log(`dist: ${dist}`);
console.log(`${"page".padEnd(10)}${"files".padStart(6)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}   floor (compressed)`);
for (const page of pages) {
  const keys = closure(entry, false);
  // Without a chunk of its own (as before code-splitting), the page is inside the entry.
  if (page.module !== null) closure(page.module, true, keys);
  const files = [...keys].map((key) => manifest[key]?.file).filter((file) => file?.endsWith(".js"));
  const total = files.map(size).reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  // The floor holds for gzip, which every browser accepts; brotli is smaller still.
  const ok = total.gzip < page.floorKB * KB;
  if (!ok) missed = true;
  console.log(`${page.name.padEnd(10)}${String(files.length).padStart(6)}${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}   < ${page.floorKB} KB gzip: ${ok ? "ok" : "MISSED"}`);
  for (const file of files) console.log(`${"".padEnd(12)}${file}  ${kb(size(file).raw).trim()} raw, ${kb(size(file).gzip).trim()} gzip`);
}
// Run in the browser loads these on the first Run only: outside the exercise page's budget.
const worker = readdirSync(join(dist, "assets")).find((name) => /^python-worker-.*\.js$/.test(name));
const pyodideDir = join(dist, "..", "dist-pyodide");
const version = existsSync(pyodideDir) ? readdirSync(pyodideDir)[0] : undefined;
if (worker !== undefined) console.log(`first Run only: assets/${worker}  ${kb(size(`assets/${worker}`).raw).trim()} raw, ${kb(size(`assets/${worker}`).gzip).trim()} gzip`);
if (version !== undefined) {
  const folder = join(pyodideDir, version);
  const files = readdirSync(folder).filter((name) => !/\.(br|gz)$/.test(name) && !name.startsWith(".") && !name.endsWith(".map"));
  // What a browser that accepts brotli downloads: the .br where the build wrote one.
  const sent = files.reduce((sum, name) => sum + statSync(join(folder, existsSync(join(folder, `${name}.br`)) ? `${name}.br` : name)).size, 0);
  const raw = files.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
  console.log(`first Run only: Pyodide ${version} (${files.length} files)  ${(raw / KB / KB).toFixed(1)} MB raw, ${(sent / KB / KB).toFixed(1)} MB sent with brotli; cached immutably after`);
}
process.exit(missed ? 1 : 0);
