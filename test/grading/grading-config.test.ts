/**
 * Grading is told by a frozen GradingConfig (src/grading-config.ts), read from the
 * environment once by the command line or in the server's Config; nothing under
 * src/grading reads process.env itself.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { configFromEnv, resolveConfig } from "../../src/config.js";
import { defaultPostgresDir, gradingConfigFromEnv, sandboxOptions } from "../../src/grading-config.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : []));
}

void describe("the grading configuration", () => {
  void it("is read from the environment once, frozen", () => {
    const config = gradingConfigFromEnv({ ROADWORK_ALLOW_MISSING_PROTECTIONS: "1", ROADWORK_SANDBOX_STATE: "/srv/state", ROADWORK_CACHE_DIR: "/srv/exercises", XDG_CACHE_HOME: "/srv/cache", ROADWORK_GRADING_PG_DIR: "/srv/pg" });
    assert.deepEqual(config, { allowMissingProtections: true, sandboxStateDir: "/srv/state", exerciseCacheDir: "/srv/exercises", projectCacheDir: "/srv/cache/roadwork/projects", postgresDir: "/srv/pg" });
    assert.ok(Object.isFrozen(config));
    assert.deepEqual(sandboxOptions(config), { allowMissingProtections: true, stateDir: "/srv/state" });
  });

  void it("has the defaults when the environment says nothing", () => {
    assert.deepEqual(gradingConfigFromEnv({}), { allowMissingProtections: false, exerciseCacheDir: join(homedir(), ".cache", "roadwork", "exercises"), projectCacheDir: join(homedir(), ".cache", "roadwork", "projects"), postgresDir: defaultPostgresDir() });
  });

  void it("is part of the server's Config", () => {
    const config = resolveConfig(configFromEnv({ ROADWORK_SANDBOX_CACHE: "/srv/seccomp" }));
    assert.equal(config.grading.sandboxCacheDir, "/srv/seccomp");
    assert.ok(Object.isFrozen(config.grading));
    assert.equal(resolveConfig({}).grading.allowMissingProtections, false);
  });

  void it("is the only way grading learns of the environment", () => {
    const readers = sources(join(ROOT, "src", "grading"))
      .filter((file) => /\bprocess\.env\b/.test(readFileSync(file, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")))
      .map((file) => relative(ROOT, file));
    assert.deepEqual(readers, []);
  });
});
