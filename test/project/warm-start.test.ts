/**
 * Warm starts (src/grading/project/warm-start.ts): once a run may restart the app, processes
 * wait in sandboxes of the app's own with the framework imported, and a restart tells one to
 * become the app. What the app sees must be what a cold start gives it: its command line,
 * sys.path[0], __main__, the environment asked for (variables removed included), its exit
 * code and stderr when it refuses, a traceback that starts in its own code. The app is a
 * standard-library server that answers with what it sees, run in the sandbox like any
 * learner's, started as `python3 -m served` and as `python3 served.py`.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { AppLog } from "../../src/grading/project/app-log.js";
import { AppNotReady, AppProcess } from "../../src/grading/project/app-process.js";
import { preloadModules, sameStartUp, startsIn, warmArgv } from "../../src/grading/project/warm-start.js";
import { startsByStage } from "../../src/grading/project/stage-loop.js";
import type { ProjectStage } from "../../src/content/project.js";
import { createHttpSend } from "../../src/http/transport.js";
import { silentLog } from "../../src/log.js";
import type { Sandbox, SandboxIdentity } from "../../src/grading/sandbox/types.js";
import { tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PYTHON = "/usr/bin/python3";
const PORT = 8000;

const SERVED = `import json, os, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

if "REFUSE" in os.environ:
    print("refusing to start: REFUSE is set", file=sys.stderr)
    sys.exit(3)
if "CRASH" in os.environ:
    raise RuntimeError("crashed on purpose")


class Seen(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({
            "argv": sys.argv,
            "path0": sys.path[0],
            "env": dict(os.environ),
            "main": sys.modules["__main__"].__file__,
            "name": __name__,
            "cwd": os.getcwd(),
            "preloaded": "decimal" in sys.modules,
        }).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Seen).serve_forever()
`;

interface Seen {
  argv: string[];
  path0: string;
  env: Record<string, string>;
  main: string;
  name: string;
  cwd: string;
  preloaded: boolean;
}

const ENV = { PATH: "/usr/bin:/bin", HOME: "/work", LANG: "C.UTF-8", PORT: String(PORT), SECRET_KEY: "s3cret" };

void describe("warm starts of the app", () => {
  let sandbox: Sandbox;
  let identity: SandboxIdentity;
  const folder = tempDir("roadwork-warm-");
  /** In the waiting processes' command lines only: finds them, and only them, with pgrep. */
  const marker = `roadwork_warm_test_${randomBytes(4).toString("hex")}`;

  before(async () => {
    sandbox = await sandboxForTests();
    identity = await sandbox.acquireIdentity();
    writeTree(folder.path, { "served.py": SERVED });
    // Read-only inside, as every uid of the sandbox must reach it.
    chmodSync(folder.path, 0o755);
    chmodSync(`${folder.path}/served.py`, 0o644);
  });
  after(async () => {
    await identity.release();
    await sandbox.close();
    folder.remove();
  });

  const appWith = (start: string[]): AppProcess =>
    new AppProcess({
      sandbox,
      identity,
      start,
      setup: [],
      mounts: [{ hostPath: folder.path, sandboxPath: "/app" }],
      cwd: "/app",
      env: ENV,
      port: PORT,
      services: [],
      limits: { wallTimeMs: 60_000, cpuTimeMs: 30_000, memoryBytes: 256 * 1024 * 1024 },
      setupLimits: {},
      bootTimeMs: 15_000,
      log: new AppLog(),
      runnerLog: silentLog,
      // decimal: imported by no one else here, so the app can tell whether it was preloaded.
      preload: ["decimal", marker],
    });

  const seen = async (app: AppProcess): Promise<Seen> => {
    const res = await createHttpSend({ connect: () => app.connect() })({ method: "GET", url: `http://127.0.0.1:${PORT}/`, headers: {} });
    assert.equal(res.status, 200);
    return JSON.parse(res.body.toString("utf8")) as Seen;
  };

  const waitingProcesses = (): string[] => {
    try {
      // The Python processes only: each waiting sandbox's own launcher and bwrap name it too.
      return execFileSync("/usr/bin/pgrep", ["-f", `^${PYTHON} \\S*app_start\\.py .*${marker}`], { encoding: "utf8" }).trim().split("\n");
    } catch {
      return [];
    }
  };

  for (const start of [
    [PYTHON, "-m", "served"],
    [PYTHON, "served.py"],
  ]) {
    void it(`\`${start.slice(1).join(" ")}\`: a warm start gives the app what a cold one does, and the environment asked for`, async () => {
      const app = appWith(start);
      try {
        await app.start();
        const cold = await seen(app);
        assert.equal(cold.preloaded, false, "the first start is cold");
        app.expectStarts([2]);
        await app.restart();
        const warm = await seen(app);
        assert.equal(warm.preloaded, true, "the restart took a waiting process");
        assert.deepEqual({ ...warm, preloaded: false }, cold, "same argv, sys.path[0], __main__, environment and folder as a cold start");

        await app.restart({ env: { SECRET_KEY: null, EXTRA: "1" } });
        const changed = await seen(app);
        assert.equal(changed.preloaded, true);
        const expected: Record<string, string> = { ...cold.env, EXTRA: "1" };
        delete expected.SECRET_KEY;
        assert.deepEqual(changed.env, expected, "a removed variable is gone, an added one is there");
      } finally {
        await app.stop();
      }
      assert.deepEqual(waitingProcesses(), [], "stop() ends the processes waiting to become the app");
    });
  }

  void it("a warm start that refuses to run reports its exit code and stderr; one that crashes shows its own traceback", async () => {
    const app = appWith([PYTHON, "-m", "served"]);
    try {
      await app.start();
      app.expectStarts([3]);
      await assert.rejects(app.restart({ env: { REFUSE: "1" } }), AppNotReady);
      assert.equal(app.exitStatus()?.exitCode, 3);
      assert.match(app.outputSinceStart().stderr, /refusing to start: REFUSE is set/);

      await assert.rejects(app.restart({ env: { CRASH: "1" } }), AppNotReady);
      assert.equal(app.exitStatus()?.exitCode, 1);
      const stderr = app.outputSinceStart().stderr;
      assert.match(stderr, /RuntimeError: crashed on purpose/);
      assert.match(stderr, /File "\/app\/served.py", line \d+, in <module>/);
      assert.doesNotMatch(stderr, /app_start|runpy/, "the traceback starts in the app's own code");

      await app.restart();
      assert.equal((await seen(app)).preloaded, true, "and the next start is warm again");
    } finally {
      await app.stop();
    }
  });


  void it("as many processes wait as the next stage that starts the app needs, and none after the last start", async () => {
    const app = appWith([PYTHON, "-m", "served"]);
    const settled = async (count: number): Promise<number> => {
      // The sandbox starts them in the background: wait for them to show, then for any extra one.
      for (let waited = 0; waited < 5_000 && waitingProcesses().length < count; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return waitingProcesses().length;
    };
    try {
      await app.start();
      app.expectStarts([0, 0]);
      assert.equal(await settled(0), 0, "no start expected: nothing waits");
      // As the stage loop tells it, stage by stage: the next stage starts the app once, the one after the next twice.
      app.expectStarts([0, 1, 0, 2]);
      assert.equal(await settled(1), 1, "one process waits for the next stage's one start, not more");
      app.expectStarts([1, 0, 2]);
      await app.restart();
      assert.equal((await seen(app)).preloaded, true, "the restart took it");
      assert.equal(await settled(2), 2, "one more starts for the later stage's two (one at a time while that stage is ahead), beside the app");
      app.expectStarts([0, 2]);
      assert.equal(await settled(3), 3, "and the second at the next stage");
      app.expectStarts([2]);
      await app.restart();
      await app.restart();
      assert.equal((await seen(app)).preloaded, true);
      assert.equal(await settled(1), 1, "after the last expected start, only the app itself");
      await app.restart();
      assert.equal((await seen(app)).preloaded, false, "a start beyond those expected is cold");
    } finally {
      await app.stop();
    }
    assert.deepEqual(waitingProcesses(), []);
  });
});

void describe("which starts can be warm", () => {
  void it("python3 -m MODULE and python3 SCRIPT, not interpreter options nor another program", () => {
    assert.deepEqual(warmArgv([PYTHON, "-m", "flask", "run"]), ["-m", "flask", "run"]);
    assert.deepEqual(warmArgv([PYTHON, "manage.py", "runserver"]), ["manage.py", "runserver"]);
    assert.equal(warmArgv([PYTHON, "-X", "dev", "app.py"]), undefined);
    assert.equal(warmArgv([PYTHON, "-m", "not a module"]), undefined);
    assert.equal(warmArgv(["/usr/bin/env", "python3", "app.py"]), undefined);
    assert.equal(warmArgv([PYTHON]), undefined);
  });

  void it("the environment may change, except what Python reads as it starts", () => {
    assert.equal(sameStartUp({ A: "1", LANG: "C.UTF-8" }, { B: "2", LANG: "C.UTF-8" }), true);
    assert.equal(sameStartUp({ LANG: "C.UTF-8" }, { LANG: "en_US.UTF-8" }), false);
    assert.equal(sameStartUp({}, { PYTHONHASHSEED: "0" }), false);
    assert.equal(sameStartUp({ LC_ALL: "C" }, {}), false);
  });

  void it("preloads the framework and its servers, never a module the learner's command names", () => {
    const flask = preloadModules("flask", [
      [PYTHON, "-m", "flask", "run"],
      [PYTHON, "-m", "gunicorn", "app:app"],
    ]);
    assert.ok(flask.includes("flask") && flask.includes("flask.cli") && flask.includes("gunicorn.app.wsgiapp"));
    assert.ok(!preloadModules("flask", [[PYTHON, "-m", "myapp"]]).includes("myapp"));
  });
});

void describe("how many times stages start the app again", () => {
  void it("the built-in stages' calls of t.restartApp and t.tryRestartApp; t.ensureApp does not count", () => {
    const projects = new URL("../../tracks/python-backend/projects/", import.meta.url);
    const restarting: Record<string, number> = {};
    for (const project of ["task-tracker", "conduit", "guestbook"]) {
      const folder = new URL(`${project}/stages/`, projects);
      for (const file of readdirSync(folder).filter((name) => /^\d+-.*\.ts$/.test(name)).sort()) {
        const starts = startsIn(readFileSync(new URL(file, folder), "utf8"));
        if (starts > 0) restarting[`${project}/${file}`] = starts;
      }
    }
    assert.deepEqual(restarting, {
      "task-tracker/05-persistence.ts": 1,
      "task-tracker/12-config-and-health.ts": 4,
      "task-tracker/14-graceful-shutdown.ts": 1,
    });
    assert.equal(startsIn("await t.ensureApp({ production: true });"), 0);
    assert.equal(startsIn("const restartApp = 1; await t.request({ path: '/restartApp' })"), 0);
    assert.equal(startsIn("await t.restartApp(); const out = await t.tryRestartApp({ env: {} });"), 2);
  });

  void it("a run's expected starts are those of the stages still to run, stage by stage", () => {
    const stage = (n: number): ProjectStage => ({ n }) as ProjectStage;
    const starts = new Map([
      [5, 1],
      [12, 4],
    ]);
    assert.deepEqual(startsByStage([1, 5, 6, 12].map(stage), starts), [0, 1, 0, 4]);
    assert.deepEqual(startsByStage([13].map(stage), starts), [0]);
    assert.deepEqual(startsByStage([12].map(stage), undefined), [0]);
  });
});
