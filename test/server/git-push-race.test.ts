/**
 * Two `roadwork serve` processes on one database (and one data folder), each taking a push
 * of the same learner's repository at the same moment: two app instances here, each with its
 * own in-process push lock, so only the store can keep the pushes apart. Both pushes read
 * the repository before either is kept (the sandbox's result is held until both have
 * started), so exactly one may win per old value; the other is told to fetch first, as git
 * tells of a branch that moved.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { Sandbox, SandboxProcess } from "../../src/grading/sandbox/types.js";
import { DIALECTS } from "../store/dialects.js";
import { skipWithoutSandbox } from "../sandbox-skip.js";
import { commitAll, git, push, repoOf, type PushRun } from "../git-remote.js";
import { buildTestApp, buildTestAppOn, signUp, type TestApp } from "./helpers.js";

const noSandbox = await skipWithoutSandbox();

/** The real sandbox; while `hold(n)` is on, its runs' results wait until n runs have started: every push has read the repository by then. */
function heldSandbox(real: Sandbox): Sandbox & { hold(parties: number): void } {
  let parties = 1;
  let waiting: Array<() => void> = [];
  const arrive = (): Promise<void> =>
    new Promise((resolve) => {
      waiting.push(resolve);
      if (waiting.length < parties) return;
      for (const release of waiting) release();
      waiting = [];
    });
  return {
    name: real.name,
    protections: () => real.protections(),
    acquireIdentity: () => real.acquireIdentity(),
    run: (spec) => real.run(spec),
    close: () => Promise.resolve(),
    hold(n: number): void {
      parties = n;
    },
    spawn(spec): SandboxProcess {
      const proc = real.spawn(spec);
      const held = arrive().then(() => proc.result);
      return Object.assign(Object.create(proc) as SandboxProcess, { result: held, ended: held });
    },
  };
}

for (const dialect of DIALECTS) {
  void describe(`two servers on one ${dialect.name} database racing pushes to one repository`, { skip: noSandbox || dialect.skip }, () => {
    let first: TestApp;
    let second: TestApp;
    let real: Sandbox;
    let held: ReturnType<typeof heldSandbox>;
    let token: string;
    const urls: string[] = [];
    /** The repository whose push was kept last. */
    let kept: string;
    const made: string[] = [];

    before(async () => {
      const { createSandbox } = await import("../../src/grading/sandbox/index.js");
      real = await createSandbox();
      held = heldSandbox(real);
      const git = { gitSandbox: () => Promise.resolve(held), pushWaitMs: 30_000 };
      first = await buildTestAppOn(dialect, { git });
      second = await buildTestApp({ git, config: { databaseUrl: first.config.databaseUrl, dataDir: first.config.dataDir } });
      for (const t of [first, second]) {
        t.worker.start();
        urls.push(await t.app.listen({ port: 0, host: "127.0.0.1" }));
      }
      const ada = await signUp(first.app);
      const created = await first.app.inject({ method: "POST", url: "/api/tokens", headers: ada.headers, payload: { name: "git" } });
      assert.equal(created.statusCode, 201, created.body);
      token = created.json<{ token: string }>().token;
    });

    after(async () => {
      await second?.close();
      await first?.close();
      await real?.close();
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });

    async function advertised(url: string): Promise<string> {
      const response = await fetch(`${url}/git/tiny-api.git/info/refs?service=git-receive-pack`, { headers: { authorization: `Basic ${Buffer.from(`learner:${token}`).toString("base64")}` } });
      assert.equal(response.status, 200);
      return response.text();
    }

    /** Pushes `dirs[i]` to server i at once; returns the runs and the winner's index. */
    async function race(dirs: [string, string]): Promise<{ runs: PushRun[]; winner: number }> {
      held.hold(2);
      const runs = await Promise.all(dirs.map((dir, i) => push(dir, urls[i] ?? "", "tiny-api", token))).finally(() => held.hold(1));
      const won = runs.flatMap((run, i) => (run.code === 0 ? [i] : []));
      assert.equal(won.length, 1, `exactly one push wins:\n--- push 1:\n${runs[0]?.output}\n--- push 2:\n${runs[1]?.output}`);
      const winner = won[0] ?? 0;
      const loser = runs[1 - winner];
      assert.match(loser?.output ?? "", /! \[remote rejected\]\s+main -> main \(fetch first/, loser?.output);
      for (const url of urls) assert.ok((await advertised(url)).includes(`${git(dirs[winner] ?? "", "rev-parse", "HEAD")} refs/heads/main`), "both servers show the winner's commit");
      return { runs, winner };
    }

    void it("should keep exactly one of two first pushes of a branch and tell the other to fetch first", async () => {
      const a = repoOf(undefined, { "app.py": "print('a')\n" });
      const b = repoOf(undefined, { "app.py": "print('b')\n" });
      made.push(a, b);
      const { winner } = await race([a, b]);
      kept = winner === 0 ? a : b;
    });

    void it("should keep exactly one of two pushes from the same old commit, and take the loser's once it has fetched", async () => {
      const clone = (name: string): string => {
        const dir = mkdtempSync(join(tmpdir(), "roadwork-race-"));
        made.push(dir);
        git(dir, "init", "-q", "-b", "main");
        git(dir, "fetch", "-q", kept, "main");
        git(dir, "reset", "-q", "--hard", "FETCH_HEAD");
        writeFileSync(join(dir, `${name}.txt`), `${name}\n`);
        commitAll(dir, name);
        return dir;
      };
      const c = clone("c");
      const d = clone("d");
      const { winner } = await race([c, d]);
      // The loser builds on the winner's commit (a fetch), and its push is taken.
      const loser = winner === 0 ? d : c;
      git(loser, "fetch", "-q", winner === 0 ? c : d, "main");
      git(loser, "rebase", "-q", "FETCH_HEAD");
      const again = await push(loser, urls[1 - winner] ?? "", "tiny-api", token);
      assert.equal(again.code, 0, again.output);
    });
  });
}
