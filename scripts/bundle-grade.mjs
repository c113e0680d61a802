#!/usr/bin/env node
// Bundles the path of `roadwork grade` (dist/cli/commands/grade.js and what it loads) into
// one CommonJS file, dist/grade.cjs, which bin/roadwork.cjs requires. A cold verdict is
// measured against a bare Python start (bench/grade.mjs), and loading some forty ES modules
// one by one, through Node's ES module loader, cost about a third of Node's own start; one
// CommonJS file skips both. Runs after tsc (npm run build, and bin/roadwork.cjs's rebuild).
//
// What grade.js imports lazily is the point of the bundle and goes in; every other lazy
// import (the full exercise loader with its YAML parser and zod, the program, sql and
// compatible-mode graders) stays a separate module of dist/, loaded only when needed.
import { build } from "esbuild";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const entry = join(dist, "cli", "commands", "grade.js");
const outfile = join(dist, "grade.cjs");
/** Packages that must never be in the bundle: each costs tens of milliseconds to load. */
const HEAVY = ["zod", "yaml", "commander", "fastify", "kysely"];

const lazyImportsStayLazy = {
  name: "lazy-imports-stay-lazy",
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== "dynamic-import" || args.importer === entry || args.path.startsWith("node:")) return undefined;
      // The bundle sits in dist/, so the module keeps its place relative to it.
      return { path: `./${relative(dist, resolve(dirname(args.importer), args.path))}`, external: true };
    });
  },
};

const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  plugins: [lazyImportsStayLazy],
  // package-root.ts finds the package from import.meta.url; in the bundle that is the bundle's own URL.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  metafile: true,
  logLevel: "warning",
});

const heavy = Object.keys(result.metafile.inputs).filter((input) => HEAVY.some((name) => input.includes(`node_modules/${name}/`)));
if (heavy.length > 0) {
  process.stderr.write(`bundle-grade: ${outfile} would load ${heavy.length} files of heavy packages (first: ${heavy[0]}); import them lazily\n`);
  process.exit(1);
}
