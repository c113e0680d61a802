/**
 * A project upload graded by a worker in another process that shares only the database
 * with the server: its data folder and temporary folder differ from the server's, it
 * unpacks the stored archive itself, reaches a verdict, and leaves no folder behind.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { DIALECTS } from "../store/dialects.js";
import { buildTestApp, multipart, parseEvents, signUp, type TestApp } from "../server/helpers.js";

const CHILD = fileURLToPath(new URL("./fixtures/project-worker-child.ts", import.meta.url));

function startChild(url: string, dataDir: string, tmp: string): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, url, dataDir], { env: { ...process.env, TMPDIR: tmp }, stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      lines.push(...chunk.split("\n").filter(Boolean));
      if (lines.includes("ready")) resolve({ child, lines });
    });
    child.once("exit", (code) => reject(new Error(`worker child exited early with ${code}`)));
  });
}

for (const dialect of DIALECTS) {
  void describe(`a project graded by a worker in another process on ${dialect.name}`, { skip: dialect.skip }, () => {
    let t: TestApp;
    let drop: () => Promise<void>;
    let workerRoot: string;
    const children: ChildProcess[] = [];
    before(async () => {
      const database = await dialect.create();
      drop = database.drop;
      // No LISTEN bridge in this app: the stream sees the other process's verdict by its safety read.
      t = await buildTestApp({ config: { databaseUrl: database.url, limits: { liveSafetyPollMs: 50 } } });
      await database.opened.close();
      workerRoot = mkdtempSync(join(tmpdir(), "roadwork-remote-worker-"));
      mkdirSync(join(workerRoot, "data"));
      mkdirSync(join(workerRoot, "tmp"));
    });
    after(async () => {
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      await t?.close();
      await drop?.().catch(() => undefined);
      if (workerRoot !== undefined) rmSync(workerRoot, { recursive: true, force: true });
    });

    void it("should reach a verdict from the archive stored in the database and remove its temporary folder", async () => {
      const workerData = join(workerRoot, "data");
      const workerTmp = join(workerRoot, "tmp");
      assert.notEqual(workerData, t.config.dataDir);
      const { child, lines } = await startChild(t.config.databaseUrl, workerData, workerTmp);
      children.push(child);
      const client = await signUp(t.app);
      const zip = zipSync({ "my-app/app.py": new TextEncoder().encode("print(1)\n"), "my-app/requirements.txt": new TextEncoder().encode("flask\n") });
      const body = multipart("archive", "my-app.zip", zip);
      const response = await t.app.inject({ method: "POST", url: "/api/projects/tiny-api/submissions", headers: { ...client.headers, ...body.headers }, payload: body.payload });
      assert.equal(response.statusCode, 202, response.body);
      // The server kept nothing on disk for the worker to read.
      assert.equal(existsSync(join(t.config.dataDir, "uploads")), false);
      const stream = await t.app.inject({ method: "GET", url: response.json<{ eventsUrl: string }>().eventsUrl, headers: { cookie: client.cookie } });
      const done = parseEvents(stream.body).at(-1);
      assert.equal(done?.event, "done");
      const verdict = done.data as { status: string; report: { tests: Array<{ name: string }> } };
      assert.equal(verdict.status, "pass");
      assert.deepEqual(
        verdict.report.tests.map((test) => test.name),
        [`graded by pid ${child.pid}`, "files app.py,requirements.txt", "folder mode 700"],
      );
      const appDir = lines.find((line) => line.startsWith("appdir "))?.slice("appdir ".length);
      assert.ok(appDir !== undefined && appDir.startsWith(`${workerTmp}/`), `graded in the worker's own temporary folder, not ${appDir}`);
      assert.equal(existsSync(appDir), false);
      // tsx keeps its cache in TMPDIR too; what roadwork made there must be gone.
      assert.deepEqual(readdirSync(workerTmp).filter((name) => name.startsWith("roadwork-")), []);
      child.kill("SIGTERM");
      await once(child, "exit");
    });
  });
}
