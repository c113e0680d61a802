/**
 * ensureApp (app-control.ts): the app a previous stage left running as asked is used as it
 * is; anything else (another command or environment, an app that stopped, a stage that
 * failed before) is restarted. The app's process is a stand-in that records its starts.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { appControl } from "../../src/grading/project/app-control.js";
import type { AppProcess, StartOverride } from "../../src/grading/project/app-process.js";

const PRODUCTION = ["gunicorn", "--workers", "2"];

/** Runs as it was last started, until stop() or exit(). */
function standIn(): { app: AppProcess; starts: StartOverride[]; exit(): void } {
  const starts: StartOverride[] = [];
  let running: string | undefined = JSON.stringify({});
  const app = {
    restart: (override: StartOverride = {}) => {
      starts.push(override);
      running = JSON.stringify(override);
      return Promise.resolve();
    },
    runningAs: (override: StartOverride = {}) => running === JSON.stringify(override),
  } as unknown as AppProcess;
  return { app, starts, exit: () => (running = undefined) };
}

const noop = { production: PRODUCTION, onRestart: () => undefined, onRestarted: () => undefined };

void describe("ensureApp", () => {
  void it("keeps the app that runs as asked, and restarts it when asked for another command or environment", async () => {
    const { app, starts } = standIn();
    const control = appControl(app, noop);
    await control.ensure();
    assert.deepEqual(starts, [], "the usual start is running already");
    await control.ensure({ production: true });
    await control.ensure({ production: true });
    assert.deepEqual(starts, [{ argv: PRODUCTION }], "one production start, then used as it is");
    await control.ensure({ production: true, env: { DATABASE_URL: "sqlite:////nowhere" } });
    assert.equal(starts.length, 2, "another environment is another start");
  });

  void it("starts an app that stopped, and one left by a stage that failed", async () => {
    const stand = standIn();
    const control = appControl(stand.app, noop);
    await control.ensure({ production: true });
    stand.exit();
    await control.ensure({ production: true });
    assert.equal(stand.starts.length, 2, "an app that exited is started again");
    control.distrust();
    await control.ensure({ production: true });
    assert.equal(stand.starts.length, 3, "after distrust(), ensure starts afresh");
    await control.ensure({ production: true });
    assert.equal(stand.starts.length, 3, "and the app it started is trusted again");
  });
});
