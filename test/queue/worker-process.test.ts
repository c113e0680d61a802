/**
 * Grading across processes, on a shared database: a worker in another process grades what
 * the server queued, the server's live-results stream sees the verdict, and a worker that
 * is killed mid-grading loses nothing.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { DIALECTS } from "../store/dialects.js";
import { buildTestApp, parseEvents, signUp, type TestApp } from "../server/helpers.js";

const CHILD = fileURLToPath(new URL("./fixtures/worker-child.ts", import.meta.url));

function startChild(url: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, url], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      lines.push(...chunk.split("\n").filter(Boolean));
      if (lines.includes("ready")) resolve({ child, lines });
    });
    child.once("exit", (code) => reject(new Error(`worker child exited early with ${code}`)));
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const dialect of DIALECTS) {
  void describe(`a worker in another process on ${dialect.name}`, { skip: dialect.skip }, () => {
    let t: TestApp;
    let drop: () => Promise<void>;
    const children: ChildProcess[] = [];
    before(async () => {
      const database = await dialect.create();
      drop = database.drop;
      // The app gets its own connection to the same database.
      // No LISTEN bridge in this app: the stream sees the other process's verdict by its safety read.
      t = await buildTestApp({ config: { databaseUrl: database.url, limits: { liveSafetyPollMs: 50 } } });
      await database.opened.close();
    });
    after(async () => {
      for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      await t?.close();
      await drop?.().catch(() => undefined);
    });

    void it("should grade a submission queued by the server and stream the verdict to it", async () => {
      const { child } = await startChild(t.config.databaseUrl);
      children.push(child);
      const client = await signUp(t.app);
      const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source: "print(1)" } });
      const stream = await t.app.inject({ method: "GET", url: response.json().eventsUrl, headers: { cookie: client.cookie } });
      const events = parseEvents(stream.body);
      assert.equal(events.at(-1)?.event, "done");
      const done = events.at(-1)?.data as { status: string; report: { tests: Array<{ name: string }> } };
      assert.equal(done.status, "pass");
      assert.equal(done.report.tests[0]?.name, `graded by pid ${child.pid}`);
      child.kill("SIGTERM");
      await once(child, "exit");
    });

    void it("should lose no job when the worker grading it is killed: another worker takes it once the lease runs out", async () => {
      const doomed = await startChild(t.config.databaseUrl, { HANG: "1" });
      children.push(doomed.child);
      const client = await signUp(t.app);
      const response = await t.app.inject({ method: "POST", url: "/api/exercises/greet-user/submissions", headers: client.headers, payload: { source: "print(2)" } });
      const id = response.json<{ id: string }>().id;
      await waitFor(() => doomed.lines.includes(`leased ${id}`), "the doomed worker to lease the job");
      assert.equal((await t.store.submissions.byId(id))?.status, "running");
      doomed.child.kill("SIGKILL");
      await once(doomed.child, "exit");
      const rescuer = await startChild(t.config.databaseUrl);
      children.push(rescuer.child);
      await waitFor(async () => (await t.store.submissions.byId(id))?.status === "pass", "another worker to finish the job");
      const job = await t.store.jobs.bySubmission(id);
      assert.equal(job?.state, "done");
      assert.equal(job?.attempts, 2);
      assert.equal(job?.worker_id, `child-${rescuer.child.pid}`);
      rescuer.child.kill("SIGTERM");
      await once(rescuer.child, "exit");
    });
  });
}
