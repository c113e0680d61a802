/**
 * A TypeScript stage loads in a plain Node process with no tsx anywhere: the built grader
 * (dist/) compiles it with esbuild, a dependency, so an install with `npm ci --omit=dev`
 * grades TypeScript stages. A resolve hook refuses every import of tsx, so a grader that
 * reached for it again would fail here, not only on an operator's machine.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const STAGE = join(ROOT, "tracks", "python-backend", "projects", "task-tracker", "stages", "07-users.ts");

const REFUSE_TSX = `export async function resolve(specifier, context, next) {
  if (/(^|[\\\\/])tsx([\\\\/]|$)/.test(specifier)) throw new Error("tsx was imported: " + specifier);
  return next(specifier, context);
}`;
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(REFUSE_TSX)}`)});`;

/** Runs `script` as an ES module in a Node process without tsx, from the repository's root. */
function plainNode(script: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

void describe("a TypeScript stage without tsx", () => {
  void it("loads through the built grader in a plain Node process", () => {
    // The build is current before anything is measured (bin/roadwork builds dist/ when src/ is newer).
    const build = spawnSync(join(ROOT, "bin", "roadwork"), ["--help"], { cwd: ROOT, encoding: "utf8", timeout: 600_000 });
    assert.equal(build.status, 0, build.stderr);
    const run = plainNode(`const { loadStageFunction } = await import("./dist/grading/project/load-stage.js");
const stage = await loadStageFunction(${JSON.stringify(STAGE)});
process.stdout.write(typeof stage);`);
    assert.equal(run.stderr, "");
    assert.equal(run.stdout, "function");
  });

  void it("is checked by a hook that does refuse tsx", () => {
    const run = plainNode(`await import("tsx/esm/api");`);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /tsx was imported: tsx\/esm\/api/);
  });
});
