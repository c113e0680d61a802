/**
 * `roadwork worker` grades and serves nothing: what it imports never loads Fastify, a route
 * or the Markdown renderer. A resolve hook in a child process refuses those packages, then
 * the worker's modules are imported; the server's start-up, which does need them, is refused
 * by the same hook (so the hook is seen to work).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const REFUSE_WEB = `export async function resolve(specifier, context, next) {
  if (/^(fastify|@fastify\\/|marked$)/.test(specifier) || /\\/server\\/(app|routes\\/|markdown)/.test(specifier)) throw new Error("the worker loaded " + specifier);
  return next(specifier, context);
}`;
const REGISTER = `import { register } from "node:module"; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(REFUSE_WEB)}`)});`;

function importWithoutWeb(modules: string[]): { status: number | null; stderr: string } {
  const script = modules.map((m) => `await import(${JSON.stringify(`./${m}`)});`).join("\n");
  const run = spawnSync(process.execPath, ["--import", "tsx", "--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, stderr: run.stderr };
}

void describe("the worker process's modules", () => {
  void it("load neither Fastify, nor a route, nor the Markdown renderer", () => {
    const run = importWithoutWeb(["src/cli/commands/worker.ts", "src/server/worker-process.ts", "src/server/start-core.ts"]);
    assert.equal(run.stderr, "");
    assert.equal(run.status, 0);
  });

  void it("are told apart from the server's, which do (the hook refuses those)", () => {
    const run = importWithoutWeb(["src/server/runtime.ts"]);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /the worker loaded (fastify|@fastify\/|.*server\/app)/);
  });
});
