/**
 * The spawner (native/sandbox-spawn.c, spawner.ts), which starts every run's first process
 * instead of Node's own spawn: what the started process gets (its descriptors and nothing
 * else, the seccomp file, its niceness, the environment), how it ends (exit code, signal,
 * a kill), a start that fails, a stranger on the socket, and the spawner's own end. Every
 * run of the bwrap contract suite (bwrap.test.ts) goes through it too.
 */
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureSpawner } from "../../src/grading/sandbox/bwrap/launcher.js";
import { Spawner, SpawnerHost, SpawnerLost, type SpawnedChild } from "../../src/grading/sandbox/bwrap/spawner.js";

const dir = mkdtempSync(join(tmpdir(), "roadwork-spawner-test-"));
const program = await ensureSpawner(dir);
const skip = program === undefined ? "no C compiler on this machine: runs are started by Node itself (the contract suite covers that)" : false;

/** Everything a socket says until it ends. */
function readAll(socket: Duplex): Promise<string> {
  let text = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (text += chunk));
  return new Promise((resolve) => socket.once("close", () => resolve(text)));
}

function exited(child: SpawnedChild): Promise<[number | null, string | null]> {
  return new Promise((resolve) => child.once("exit", (code: number | null, signal: string | null) => resolve([code, signal])));
}

/** Started, then read, as run-process.ts does. */
async function run(spawner: Spawner, script: string, options: { slots?: number; openAfter?: string; niceness?: number; stdin?: string } = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const child = await spawner.spawn({ file: "/bin/sh", args: ["-c", script], slots: options.slots ?? 3, openAfter: options.openAfter, niceness: options.niceness });
  const ended = exited(child);
  const stdout = readAll(child.stdout);
  const stderr = readAll(child.stderr);
  // A process that does not read its input may be gone before it is written (EPIPE), as with a pipe.
  child.stdin.on("error", () => undefined);
  child.stdin.end(options.stdin ?? "");
  const [code, signal] = await ended;
  return { code, signal, stdout: await stdout, stderr: await stderr };
}

void describe("the sandbox spawner", { skip }, () => {
  let spawner: Spawner;
  before(async () => {
    spawner = await Spawner.start(program!, dir);
  });
  after(async () => {
    await spawner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void it("gives the process its input, its output and error streams, its exit code, and the path /usr/sbin:/usr/bin:/sbin:/bin in /", async () => {
    const result = await run(spawner, 'read line; echo "got $line in $(pwd) with $PATH"; echo oops >&2; exit 3', { stdin: "hello\n" });
    assert.deepEqual(result, { code: 3, signal: null, stdout: "got hello in / with /usr/sbin:/usr/bin:/sbin:/bin\n", stderr: "oops\n" });
  });

  void it("keeps what a process that ended at once wrote, and its end, until they are read", async () => {
    const child = await spawner.spawn({ file: "/bin/sh", args: ["-c", "echo quick; echo also >&2"], slots: 3 });
    const ended = exited(child);
    await sleep(300);
    // Everything was written, closed and accepted long ago; nobody has listened yet.
    assert.deepEqual(await Promise.all([readAll(child.stdout), readAll(child.stderr)]), ["quick\n", "also\n"]);
    assert.deepEqual(await ended, [0, null]);
  });

  void it("gives it exactly its own descriptors: the slots, then the file opened after them, and nothing of the spawner's or Node's", async () => {
    const file = join(dir, "filter");
    writeFileSync(file, "the filter\n");
    // Python, not a shell: dash keeps a descriptor of its own (251). The listing's own is 6.
    const child = await spawner.spawn({ file: "/usr/bin/python3", args: ["-I", "-S", "-c", "import os; print(sorted(map(int, os.listdir('/proc/self/fd'))), os.read(5, 100))"], slots: 5, openAfter: file });
    const stdout = readAll(child.stdout);
    await exited(child);
    assert.equal(await stdout, "[0, 1, 2, 3, 4, 5, 6] b'the filter\\n'\n");
  });

  void it("starts it at the niceness asked for, before its first instruction", async () => {
    const result = await run(spawner, "cut -d ' ' -f 19 /proc/$$/stat", { niceness: 19 });
    assert.equal(result.stdout.trim(), "19");
    const normal = await run(spawner, "cut -d ' ' -f 19 /proc/$$/stat");
    assert.equal(normal.stdout.trim(), "0");
  });

  void it("signals it through the spawner and says which signal ended it", async () => {
    const child = await spawner.spawn({ file: "/bin/sleep", args: ["30"], slots: 3 });
    const ended = exited(child);
    child.kill("SIGTERM");
    assert.deepEqual(await ended, [null, "SIGTERM"]);
  });

  void it("rejects a start that fails, naming the error, and nothing runs", async () => {
    await assert.rejects(spawner.spawn({ file: "/no/such/program", args: [], slots: 3 }), /ENOENT/);
    // The spawner goes on.
    assert.equal((await run(spawner, "echo still here")).stdout, "still here\n");
  });

  void it("drops a connection that does not bring a start's token, and it takes no start's slot", async () => {
    const socketPath = (spawner as unknown as { socketPath: string }).socketPath;
    const stranger = connect(socketPath);
    await new Promise((resolve) => stranger.once("connect", resolve));
    stranger.write("x".repeat(33));
    const closed = new Promise((resolve) => stranger.once("close", resolve));
    stranger.on("error", () => undefined);
    await closed;
    assert.equal((await run(spawner, "echo fine")).stdout, "fine\n");
  });

  void it("when the spawner dies, what it started is told it was lost (not that it was killed), and the host starts another for the next run", async () => {
    const host = new SpawnerHost(program!, dir);
    const first = (await host.get())!;
    const child = await first.spawn({ file: "/bin/sleep", args: ["2"], slots: 3 });
    const told = new Promise<unknown>((resolve) => {
      child.once("error", resolve);
      child.once("exit", (code: number | null, signal: string | null) => resolve([code, signal]));
    });
    (first as unknown as { proc: { kill(signal: string): void } }).proc.kill("SIGKILL");
    const lost = await told;
    assert.ok(lost instanceof SpawnerLost, `told ${JSON.stringify(lost)}`);
    assert.match(lost.message, /the sandbox spawner ended \(SIGKILL\)/);
    assert.equal(first.isAlive(), false);
    await assert.rejects(first.spawn({ file: "/bin/true", args: [], slots: 3 }), /ended/);
    const second = (await host.get())!;
    assert.notEqual(second, first);
    assert.equal((await run(second, "echo again")).stdout, "again\n");
    await second.close();
  });
});
