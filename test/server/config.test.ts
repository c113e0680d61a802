import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { configFromEnv, resolveConfig } from "../../src/config.js";
import { isRoadworkError } from "../../src/errors.js";

void describe("config", () => {
  void it("should complete empty input with defaults: SQLite in ./data, port 8080, one worker", () => {
    const config = resolveConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.dataDir, resolve("./data"));
    assert.equal(config.databaseUrl, `sqlite:${join(resolve("./data"), "roadwork.db")}`);
    assert.equal(config.workers, 1);
    assert.equal(config.limits.loginAttempts, 10);
    assert.equal(config.limits.loginWindowMs, 15 * 60 * 1000);
  });

  void it("should be frozen all the way down", () => {
    const config = resolveConfig({ tracks: ["./a"] });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.limits));
    assert.ok(Object.isFrozen(config.tracks));
    assert.throws(() => {
      (config.limits as { uploadBytes: number }).uploadBytes = 1;
    }, TypeError);
  });

  void it("should refuse a bad option with BAD_INPUT naming it", () => {
    for (const [input, name] of [[{ port: 70000 }, "port"], [{ workers: -1 }, "workers"], [{ limits: { uploadBytes: 0 } }, "limits.uploadBytes"], [{ nope: 1 }, ""]] as const) {
      assert.throws(
        () => resolveConfig(input as never),
        (error: unknown) => isRoadworkError(error) && error.code === "BAD_INPUT" && error.message.includes(name),
        JSON.stringify(input),
      );
    }
  });

  void it("should read ROADWORK_* from the environment", () => {
    const input = configFromEnv({ ROADWORK_PORT: "9000", ROADWORK_DATABASE_URL: "postgres://x@h/db", ROADWORK_WORKERS: "3", ROADWORK_SECURE_COOKIES: "1" });
    const config = resolveConfig(input);
    assert.equal(config.port, 9000);
    assert.equal(config.databaseUrl, "postgres://x@h/db");
    assert.equal(config.workers, 3);
    assert.equal(config.secureCookies, true);
  });
});
