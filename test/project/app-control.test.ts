/**
 * The stage API for shipping stages (app-control.ts, stage-api.ts): a start with the
 * environment changed or the production command, a start that must be refused, ensureApp, SIGTERM to
 * the app with a request held in flight, its exit, and its stdout and stderr kept apart.
 * The app is a small standard-library server, run in the sandbox like any learner's.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProject, testProject, type Project } from "../../src/grading/project/index.js";
import { fillDjangoProject } from "../../src/grading/project/framework.js";
import type { Sandbox } from "../../src/grading/sandbox/types.js";
import { tempDir, writeTree } from "./fixtures.js";
import { sandboxForTests } from "./sandbox-for-tests.js";

const PYTHON = "/usr/bin/python3";
const STAGE_API = fileURLToPath(new URL("../../src/grading/project/stage-api.js", import.meta.url));

const PROJECT_YAML = `id: shipping
title: Shipping
step: your-backend
summary: The app is stopped, started and signalled.
frameworks:
  flask:
    start: ["/usr/bin/python3", "server.py", "{PORT}", "development"]
    production: ["/usr/bin/python3", "server.py", "{PORT}", "production"]
stages:
  - { n: 1, slug: control, title: "Control", instructions: stages/01.md, tests: stages/01-control.ts }
references: { flask: reference }
`;

/** Every check below must hold for the server as written; each variant breaks one. */
const STAGE = `import type { StageContext } from ${JSON.stringify(STAGE_API)};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export default async function stage(t: StageContext): Promise<void> {
  await t.check("the usual start runs the development command", async () => {
    const res = await t.request({ method: "GET", path: "/mode" });
    if (res.text !== "development") t.fail("mode is " + res.text);
  });
  await t.check("a start without SECRET_KEY is refused, with its exit code and stderr", async () => {
    const outcome = await t.tryRestartApp({ env: { SECRET_KEY: null } });
    if (outcome.started) t.fail("it started");
    if (outcome.end?.exitCode !== 3) t.fail("exit " + JSON.stringify(outcome.end));
    const output = t.appOutput();
    if (!output.stderr.includes("SECRET_KEY is missing") || output.stdout.includes("SECRET_KEY")) t.fail("output " + JSON.stringify(output));
  });
  await t.check("a production start with a variable set runs the production command with it", async () => {
    await t.restartApp({ production: true, env: { GREETING: "hello" } });
    const res = await t.request({ method: "GET", path: "/mode" });
    if (res.text !== "production hello") t.fail("mode is " + res.text);
    // The answer can arrive before the line the app printed on its way there: wait for it a little.
    for (let waited = 0; !t.appOutput().stdout.includes('{"path": "/mode"}') && waited < 2000; waited += 50) await sleep(50);
    if (!t.appOutput().stdout.includes('{"path": "/mode"}')) t.fail("stdout " + t.appOutput().stdout);
  });
  await t.check("ensureApp keeps the app that runs as asked, and restarts one started otherwise", async () => {
    const boot = async () => (await t.request({ method: "GET", path: "/boot" })).text;
    const first = await boot();
    await t.ensureApp({ production: true, env: { GREETING: "hello" } });
    if ((await boot()) !== first) t.fail("restarted an app that ran as asked");
    await t.ensureApp({ production: true });
    const res = await t.request({ method: "GET", path: "/mode" });
    if (res.text !== "production") t.fail("mode is " + res.text);
    if ((await boot()) === first) t.fail("kept an app started with another environment");
  });
  await t.check("a held request is answered after SIGTERM, and the app then exits 0", async () => {
    let release: () => void = () => undefined;
    let answered = false;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = t.request({ method: "POST", path: "/echo", body: "first half|second half", holdBody: held }).then(
      (res) => ((answered = true), res),
      (error: unknown) => error as Error,
    );
    await sleep(300);
    if (answered) t.fail("answered before the rest of the body was sent");
    await t.signalApp("SIGTERM");
    if ((await t.waitForAppExit(300)) !== undefined) t.fail("exited with a request in flight");
    release();
    const res = await answer;
    if (res instanceof Error || res.text !== "first half|second half") t.fail("echo " + (res instanceof Error ? res.message : res.text));
    const end = await t.waitForAppExit(5000);
    if (end?.exitCode !== 0) t.fail("end " + JSON.stringify(end));
  });
  await t.check("ensureApp starts again an app that has exited", async () => {
    await t.ensureApp({ production: true });
    const res = await t.request({ method: "GET", path: "/mode" });
    if (res.text !== "production") t.fail("mode is " + res.text);
  });
}
`;

/** A server that needs SECRET_KEY, logs a JSON line per request, and on SIGTERM finishes the request it is in, then exits 0. */
function server(variant: "good" | "exit-at-once" = "good"): Record<string, string> {
  const onTerm = variant === "good" ? "stopping.set()" : "os._exit(0)";
  return {
    "roadwork.yaml": "framework: flask\n",
    "server.py": `import http.server, json, os, signal, sys, threading
if not os.environ.get("SECRET_KEY"):
    sys.stderr.write("SECRET_KEY is missing\\n")
    sys.exit(3)
port, mode = int(sys.argv[1]), sys.argv[2]
boot = os.urandom(8).hex()
stopping = threading.Event()

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def answer(self, text):
        # Logged before the answer, so that the stage reads it as soon as it is answered.
        sys.stdout.write(json.dumps({"path": self.path}) + "\\n")
        sys.stdout.flush()
        data = text.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.path == "/boot":
            return self.answer(boot)
        self.answer((mode + " " + os.environ.get("GREETING", "")).strip())
    def do_POST(self):
        self.answer(self.rfile.read(int(self.headers["Content-Length"])).decode())

httpd = http.server.HTTPServer(("127.0.0.1", port), Handler)
signal.signal(signal.SIGTERM, lambda *_: ${onTerm})
threading.Thread(target=lambda: (stopping.wait(), httpd.shutdown()), daemon=True).start()
httpd.serve_forever()
sys.exit(0)
`,
  };
}

void describe("the stage API's control of the app's process", { skip: existsSync(PYTHON) ? false : `${PYTHON} not found` }, () => {
  const dir = tempDir("app-control");
  let project: Project;
  let sandbox: Sandbox;
  before(async () => {
    const files = { "project.yaml": PROJECT_YAML, "stages/01.md": "Be controlled.\n", "stages/01-control.ts": STAGE };
    for (const [name, text] of Object.entries(server())) files[`reference/${name}` as keyof typeof files] = text;
    project = loadProject(writeTree(join(dir.path, "shipping"), files));
    sandbox = await sandboxForTests();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  void it("restarts with another command and environment, sees a refused start, keeps or restarts with ensureApp, signals, holds a body, waits for the exit", async (t) => {
    t.diagnostic(`apps run in the ${sandbox.name} sandbox`);
    const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "good"), server("good")) });
    assert.equal(report.status, "pass", JSON.stringify(report.tests, null, 2));
    assert.equal(report.tests.length, 6);
  });

  void it("reports the request cut short when the app exits at once on SIGTERM", async () => {
    const report = await testProject({ sandbox, project, appDir: writeTree(join(dir.path, "abrupt"), server("exit-at-once")) });
    assert.equal(report.status, "fail");
    const failed = report.tests.filter((test) => test.status === "fail").map((test) => test.name);
    assert.deepEqual(failed, ["stage 1: a held request is answered after SIGTERM, and the app then exits 0"], JSON.stringify(report.tests, null, 2));
  });
});

void describe("fillDjangoProject", () => {
  const dir = tempDir("django-project");
  after(() => dir.remove());

  void it("names the package of the settings manage.py sets, and leaves other commands alone", () => {
    const app = writeTree(join(dir.path, "app"), { "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n' });
    assert.deepEqual(fillDjangoProject(["gunicorn", "{DJANGO_PROJECT}.wsgi"], app), ["gunicorn", "mysite.wsgi"]);
    assert.deepEqual(fillDjangoProject(["uvicorn", "app:app"], app), ["uvicorn", "app:app"]);
  });
});
