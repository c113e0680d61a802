/**
 * An install with `npm ci --omit=dev` must grade projects: nothing under src/ that the
 * command line or the server runs (src/web is built ahead by Vite) may import a package that
 * is only a devDependency. tsx, once imported to load TypeScript stages, was one.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { builtinModules } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...builtinModules]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(ROOT, "src", "web") ? [] : sources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** "pg" of "pg", "@fastify/cookie" of "@fastify/cookie/x", "fs" of "node:fs". */
function packageOf(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier.slice(5);
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

void describe("packages imported at run time", () => {
  void it("are dependencies, never devDependencies", () => {
    const wrong: string[] = [];
    for (const file of sources(join(ROOT, "src"))) {
      const text = readFileSync(file, "utf8");
      // Type-only imports vanish when compiled.
      for (const match of text.matchAll(/^\s*import\s+(?!type\s)[^;]*?from\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm)) {
        const specifier = match[1] ?? match[2] ?? "";
        if (specifier.startsWith(".") || specifier.startsWith("/")) continue;
        if (!allowed.has(packageOf(specifier))) wrong.push(`${file.slice(ROOT.length)}: ${specifier}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
